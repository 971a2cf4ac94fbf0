import type { Store } from '../store/store.js';
import type { Item, Price } from '../types.js';
import { sha256 } from '../util/hash.js';
import { isSkipped, type ImportEntry, type ImportFormat, type ImportedRecord, type SkippedRecord } from './types.js';

const BATCH = 500;

export interface ImportTarget {
  store: Store;
  format: ImportFormat;
  suite: string;
  /** Append to this run; otherwise to the newest import run that already holds the suite, or a new one. */
  runId?: number;
  newRun?: boolean;
  /** Prices by model name (from a config), so imported models can sit on the price axis. */
  prices?: Map<string, Price>;
  toolVersion: string;
  source: string;
}

export interface ImportReport {
  runId: number;
  suite: string;
  imported: Map<string, number>;
  reused: number;
  skipped: SkippedRecord[];
}

/** Imported suites are identified by name: every import into `mmlu-pro` shares one item set. */
export function importSuiteHash(suite: string): string {
  return sha256(`import\u0000${suite}`);
}

async function targetRun(t: ImportTarget, suiteHash: string): Promise<number> {
  if (t.runId !== undefined) return t.runId;
  if (!t.newRun) {
    const runs = await t.store.listRuns();
    for (const run of runs.reverse()) {
      if (run.kind !== 'import') continue;
      if ((await t.store.runSuites(run.id)).some((s) => s.suiteHash === suiteHash)) return run.id;
    }
  }
  return t.store.createRun({
    kind: 'import',
    configHash: sha256(`import\u0000${t.suite}\u0000${Date.now()}`),
    configPath: t.source,
    configJson: JSON.stringify({ import: t.format, suite: t.suite }),
    toolVersion: t.toolVersion,
    epochs: 1,
    models: [],
    suites: [],
  });
}

/**
 * Store published outputs as ordinary responses and scores of an `import` run, so every analysis treats
 * them like live runs. Idempotent: importing the same file again reuses the stored responses.
 */
export async function saveImport(entries: AsyncIterable<ImportEntry>, t: ImportTarget): Promise<ImportReport> {
  const suiteHash = importSuiteHash(t.suite);
  const runId = await targetRun(t, suiteHash);
  const report: ImportReport = { runId, suite: t.suite, imported: new Map(), reused: 0, skipped: [] };
  const scorer = { name: 'imported', format: t.format };
  const scorerKey = sha256(`imported\u0000${t.format}`).slice(0, 16);
  const models = new Set((await t.store.runModels(runId)).map((m) => m.name));
  const seen = new Set<string>();
  let batch: ImportedRecord[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const items: Item[] = batch.map((r) => ({ id: r.itemId, input: r.input, expected: r.expected, category: r.category, choices: r.choices }));
    const nItems = await t.store.addItems({ hash: suiteHash, path: `import:${t.suite}`, format: t.format }, items);
    await t.store.addRunSuite(runId, { name: t.suite, suiteHash, scorerKey, scorer, nItems });
    const writes: Array<Promise<unknown>> = [];
    for (const r of batch) {
      if (!models.has(r.model)) {
        models.add(r.model);
        await t.store.addRunModel(runId, { name: r.model, provider: 'import', model: r.model, baseUrl: '', price: t.prices?.get(r.model), source: 'import' });
      }
      const key = sha256(`import\u0000${t.format}\u0000${t.suite}\u0000${r.model}\u0000${r.itemId}\u0000${sha256(r.output)}`);
      const link = { runId, model: r.model, suite: t.suite, suiteHash, itemId: r.itemId, epoch: 0, scorerKey };
      const score = { value: r.score, detail: `imported from ${t.format}`, ...(r.answer !== undefined ? { answer: r.answer } : {}) };
      const cached = await t.store.findCachedResponse(key);
      if (cached) {
        report.reused++;
        writes.push(t.store.linkResponse(cached.id, link, score));
      } else {
        writes.push(t.store.recordResponse(key, { provider: 'import', model: r.model, baseUrl: '' }, { text: r.output, latencyMs: 0, attempts: 0 }, link, score));
      }
      report.imported.set(r.model, (report.imported.get(r.model) ?? 0) + 1);
    }
    await Promise.all(writes);
    batch = [];
  };

  for await (const entry of entries) {
    if (isSkipped(entry)) {
      report.skipped.push(entry);
      continue;
    }
    const key = `${entry.model}\u0000${entry.itemId}`;
    if (seen.has(key)) {
      report.skipped.push({ skipped: true, where: `${entry.model} item ${entry.itemId}`, reason: 'duplicate item for this model (first kept)' });
      continue;
    }
    seen.add(key);
    batch.push(entry);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  await t.store.finishRun(runId, 'completed');
  return report;
}
