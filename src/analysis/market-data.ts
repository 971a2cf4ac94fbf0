import type { RunModelRecord, Store } from '../store/store.js';
import type { ItemInfo, ModelVectors } from './similarity.js';

/** A run's results as aligned typed arrays: one row per model, one column per item. */
export interface MarketData {
  models: RunModelRecord[];
  /** `suite/itemId` per column. */
  itemKeys: string[];
  categories: string[];
  /** Category index per item. */
  category: Int32Array;
  items: ItemInfo;
  vectors: ModelVectors[];
  /** Score per model per item (NaN where absent). */
  scores: Float64Array[];
  /** The answer text of an answer label. */
  labelText(label: number): string;
}

/** Option index of a letter answer ("b", "B", "(B)") on an item with `k` options, or -1. */
function optionIndex(answer: string, k: number): number {
  if (answer.length === 1) {
    const index = (answer.charCodeAt(0) | 0x20) - 97; // a single letter, either case
    return index >= 0 && index < k ? index : -1;
  }
  const m = /^\(?([a-z])\)?\.?$/i.exec(answer.trim());
  if (!m) return -1;
  const index = m[1]!.toUpperCase().charCodeAt(0) - 65;
  return index < k ? index : -1;
}

/**
 * Load a run (optionally one suite) for market analysis. An item counts for a model when it has a
 * score; errors are left out (they are counted elsewhere), never scored as wrong. Multiple-choice
 * answers become option indices so chance baselines and CAPA can use the number of options.
 */
export async function loadMarketData(store: Store, runId: number, suite?: string): Promise<MarketData> {
  const models = await store.runModels(runId);
  const suites = (await store.runSuites(runId)).filter((s) => suite === undefined || s.name === suite);
  const itemIndex = new Map<string, Map<string, number>>(); // suite → item id → column
  const itemKeys: string[] = [];
  const categoryIds = new Map<string, number>();
  const categoryOf: number[] = [];
  const nChoices: number[] = [];
  const truth: number[] = [];
  for (const s of suites) {
    const columns = new Map<string, number>();
    itemIndex.set(s.name, columns);
    let after = 0;
    for (;;) {
      const page = await store.itemsPage(s.suiteHash, after, 2000);
      if (page.length === 0) break;
      for (const { item } of page) {
        columns.set(item.id, itemKeys.length);
        itemKeys.push(`${s.name}/${item.id}`);
        const category = item.category ?? (suites.length > 1 ? s.name : 'all');
        if (!categoryIds.has(category)) categoryIds.set(category, categoryIds.size);
        categoryOf.push(categoryIds.get(category)!);
        const k = item.choices?.length ?? 0;
        nChoices.push(k);
        truth.push(k > 0 && typeof item.expected === 'string' ? optionIndex(item.expected, k) : -1);
      }
      after = page[page.length - 1]!.seq;
    }
  }
  const n = itemKeys.length;
  const modelIndex = new Map(models.map((m, i) => [m.name, i]));
  const vectors: ModelVectors[] = models.map(() => ({ present: new Uint8Array(n), correct: new Uint8Array(n), answer: new Int32Array(n).fill(-1) }));
  const scores = models.map(() => new Float64Array(n).fill(NaN));
  const labels = new Map<string, number>();
  const OPEN_LABELS = 64; // open-ended answers get labels above any option index

  const openTexts: string[] = [];
  for (const s of suites) {
    const columns = itemIndex.get(s.name)!;
    let lastModel = '';
    let m: number | undefined;
    // Rows come grouped by model (the table is clustered by run, suite, model, item).
    for await (const [model, itemId, score, answer] of store.scoredItems(runId, s.name)) {
      if (model !== lastModel) {
        lastModel = model;
        m = modelIndex.get(model);
      }
      const i = columns.get(itemId);
      if (m === undefined || i === undefined) continue;
      const v = vectors[m]!;
      v.present[i] = 1;
      v.correct[i] = score >= 0.5 ? 1 : 0;
      scores[m]![i] = score;
      if (answer === null || answer === '') continue;
      const option = nChoices[i]! > 0 ? optionIndex(answer, nChoices[i]!) : -1;
      if (option >= 0) v.answer[i] = option;
      else {
        let label = labels.get(answer);
        if (label === undefined) {
          labels.set(answer, (label = OPEN_LABELS + labels.size));
          openTexts.push(answer);
        }
        v.answer[i] = label;
      }
    }
  }
  const k = await loadProbabilities(store, runId, suites, itemIndex, modelIndex, vectors, nChoices, n);
  return {
    models,
    itemKeys,
    categories: [...categoryIds.keys()],
    category: Int32Array.from(categoryOf),
    items: { n, nChoices: Int32Array.from(nChoices), truth: Int32Array.from(truth), k },
    vectors,
    scores,
    labelText: (label) => (label < 0 ? '' : label < OPEN_LABELS ? String.fromCharCode(65 + label) : (openTexts[label - OPEN_LABELS] ?? '')),
  };
}

/**
 * Choice probabilities, where providers stored them (log-likelihood scoring): an n × k row-major table per
 * model, k the widest item. Only models with probabilities for every item they answered get a table, so the
 * probabilistic CAPA is computed on complete data or not at all. Returns k (0 when none are stored).
 */
async function loadProbabilities(
  store: Store,
  runId: number,
  suites: Array<{ name: string }>,
  itemIndex: Map<string, Map<string, number>>,
  modelIndex: Map<string, number>,
  vectors: ModelVectors[],
  nChoices: number[],
  n: number,
): Promise<number> {
  const k = Math.max(0, ...nChoices);
  if (k === 0) return 0;
  const tables = new Map<number, { probs: Float64Array; count: number }>();
  for (const s of suites) {
    const columns = itemIndex.get(s.name)!;
    for await (const [model, itemId, probs] of store.choiceProbabilities(runId, s.name)) {
      const m = modelIndex.get(model);
      const i = columns.get(itemId);
      if (m === undefined || i === undefined || !vectors[m]!.present[i]) continue;
      let table = tables.get(m);
      if (!table) tables.set(m, (table = { probs: new Float64Array(n * k), count: 0 }));
      for (let o = 0; o < Math.min(k, probs.length); o++) table.probs[i * k + o] = probs[o]!;
      table.count++;
    }
  }
  for (const [m, table] of tables) {
    const answered = vectors[m]!.present.reduce((sum, x) => sum + x, 0);
    if (table.count === answered) vectors[m]!.probs = table.probs;
  }
  return tables.size > 0 ? k : 0;
}
