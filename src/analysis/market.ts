import type { Price } from '../types.js';
import { commodityIndex } from './commodity-index.js';
import { holmAdjust } from './holm.js';
import type { MarketData } from './market-data.js';
import { mcnemarPValue, pairedBootstrap, pairedTest } from './paired.js';
import { paretoFrontier } from './pareto.js';
import { failureCounts, similarityMatrices, type ModelVectors, type SimilarityMetric } from './similarity.js';
import { clusteredBootstrapMeanInterval, meanWithInterval } from './stats.js';
import { assignTiers } from './tiers.js';

export const ALPHA = 0.05;
/** Below this many shared items an analysis says so instead of printing a number. */
export const MIN_SHARED = 30;
/** A category needs this many items for a model's unique strength there to be tested. */
export const MIN_CATEGORY_ITEMS = 10;

export interface MarketOptions {
  /** Prices by model name (USD per 1M tokens), from the run, a config or a catalog. */
  prices: Map<string, Price>;
  /** Measured cost per model (USD) over the analysed items, when known. */
  costs?: Map<string, number | null>;
  /** Input:output token ratio of the blended price (default 3:1). */
  ratio?: [number, number];
  /** Bootstrap clustered by category for score intervals. */
  cluster?: boolean;
  rounds?: number;
  seed?: number;
}

export interface MarketModel {
  model: string;
  score: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number;
  cost_usd: number | null;
  cost_per_item_usd: number | null;
  blended_price: number | null;
  score_per_dollar: number | null;
  tier: number | null;
  on_frontier: boolean;
  near_frontier: boolean;
  unique_strengths: Array<{ category: string; n: number; score: number; best_cheaper: { model: string; score: number } }>;
}

export interface PairComparison {
  a: string;
  b: string;
  method: 'mcnemar' | 'bootstrap';
  n: number;
  diff: number | null;
  p_value: number | null;
  p_adjusted: number | null;
  significant: boolean;
}

export interface Market {
  models: MarketModel[];
  similarity: Record<string, { models: string[]; matrix: Array<Array<number | null>> }>;
  commodity_index: { value: number | null; ci_low: number | null; ci_high: number | null; models: string[]; pairs: number };
  frontier: string[];
  comparisons: PairComparison[];
  systemic_failures: { items: number; failed_by_all: number; failed_by_most: number; histogram: number[]; worst: Array<{ item: string; failed: number; answered: number }> };
  price_axis: string;
  notes: string[];
}

/** Blended price per 1M tokens at an input:output ratio (Artificial Analysis uses 3:1). */
export function blendedPrice(price: Price, ratio: [number, number] = [3, 1]): number {
  return (price.input * ratio[0] + price.output * ratio[1]) / (ratio[0] + ratio[1]);
}

const round = (x: number | null | undefined, digits = 6) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));

function presentScores(scores: Float64Array, mask?: (i: number) => boolean): { values: Float64Array; index: Int32Array } {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i]!) && (!mask || mask(i))) idx.push(i);
  const values = new Float64Array(idx.length);
  idx.forEach((i, j) => (values[j] = scores[i]!));
  return { values, index: Int32Array.from(idx) };
}

/** Items both models answered (and, optionally, of one category). */
function sharedMask(a: ModelVectors, b: ModelVectors, category?: { of: Int32Array; id: number }): Uint8Array {
  const n = a.present.length;
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = a.present[i]! & b.present[i]! & (category && category.of[i] !== category.id ? 0 : 1);
  return mask;
}

/**
 * The market view of a run: scores with intervals, which differences are real (paired tests, Holm
 * across all pairs), tiers, how interchangeable the models are, the price/quality frontier, the
 * commodity index, systemic failures, and where a model beats every cheaper one.
 */
export function analyzeMarket(data: MarketData, options: MarketOptions): Market {
  const { models, vectors, scores } = data;
  const m = models.length;
  const ratio = options.ratio ?? [3, 1];
  const notes: string[] = [];

  // 1. Scores with 95% intervals.
  const stats = models.map((_, j) => {
    const { values, index } = presentScores(scores[j]!);
    if (values.length === 0) return { mean: NaN, low: NaN, high: NaN, n: 0 };
    if (options.cluster) {
      const clusters = Int32Array.from(index, (i) => data.category[i]!);
      let sum = 0;
      for (const v of values) sum += v;
      const ci = clusteredBootstrapMeanInterval(values, clusters, { rounds: options.rounds ?? 1000, seed: options.seed });
      return { mean: sum / values.length, low: ci.low, high: ci.high, n: values.length };
    }
    const r = meanWithInterval(values);
    return { mean: r.mean, low: r.low, high: r.high, n: values.length };
  });

  // 2. Paired tests on shared items, Holm-corrected across all pairs.
  const pairs: Array<{ a: number; b: number; test: ReturnType<typeof pairedTest> | null }> = [];
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const mask = sharedMask(vectors[a]!, vectors[b]!);
      const shared = mask.reduce((s, x) => s + x, 0);
      const test = shared >= MIN_SHARED ? pairedTest(scores[a]!, scores[b]!, mask, { rounds: options.rounds ?? 1000, seed: options.seed }) : null;
      pairs.push({ a, b, test });
    }
  }
  const tested = pairs.filter((p) => p.test !== null);
  const adjusted = holmAdjust(tested.map((p) => p.test!.pValue));
  const significant = new Set<string>();
  const comparisons: PairComparison[] = pairs.map((p) => {
    const k = tested.indexOf(p);
    const pAdj = k >= 0 ? adjusted[k]! : null;
    const sig = pAdj !== null && pAdj < ALPHA;
    if (sig) significant.add(`${p.a}:${p.b}`).add(`${p.b}:${p.a}`);
    return {
      a: models[p.a]!.name,
      b: models[p.b]!.name,
      method: p.test?.method ?? 'mcnemar',
      n: p.test?.n ?? 0,
      diff: round(p.test?.diff ?? null),
      p_value: round(p.test?.pValue ?? null, 8),
      p_adjusted: round(pAdj, 8),
      significant: sig,
    };
  });
  if (tested.length < pairs.length) notes.push(`${pairs.length - tested.length} model pairs share fewer than ${MIN_SHARED} items: no test, treated as not different`);

  // 3. Tiers: groups whose differences are not significant.
  const tiers = assignTiers(
    stats.map((s) => s.mean),
    (i, j) => significant.has(`${i}:${j}`),
  );

  // 4. Prices, the frontier, and models near it.
  const blended = models.map((model) => {
    const price = options.prices.get(model.name);
    return price ? blendedPrice(price, ratio) : null;
  });
  const unpriced = models.filter((_, j) => blended[j] === null).map((x) => x.name);
  if (unpriced.length > 0) notes.push(`no price for ${unpriced.join(', ')}: listed, but left off the frontier (add price: in the config or --prices CATALOG)`);
  const frontierFlags = paretoFrontier(models.map((_, j) => ({ price: blended[j] ?? null, score: stats[j]!.n > 0 ? stats[j]!.mean : null })));
  // Near the frontier: priced and not significantly worse than the best frontier model that costs no more.
  const near = models.map((_, j) => {
    if (frontierFlags[j]) return true;
    if (blended[j] === null || stats[j]!.n === 0) return false;
    let best = -1;
    for (let f = 0; f < m; f++) {
      if (frontierFlags[f] && blended[f]! <= blended[j]! && (best < 0 || stats[f]!.mean > stats[best]!.mean)) best = f;
    }
    return best < 0 || !significant.has(`${best}:${j}`);
  });

  // 5. Similarity matrices.
  const metricNames: Array<[string, SimilarityMetric]> = [
    ['error_consistency', 'errorConsistency'],
    ['agreement', 'agreement'],
    ['kappa', 'kappa'],
    ['same_wrong', 'sameWrong'],
    ['capa', 'capa'],
  ];
  if (vectors.some((v) => v.probs)) metricNames.push(['capa_probabilistic', 'capaProbabilistic']);
  const names = models.map((x) => x.name);
  const similarity: Market['similarity'] = {};
  const matrices = similarityMatrices(vectors, data.items, metricNames.map(([, metric]) => metric), MIN_SHARED);
  for (const [key, metric] of metricNames) {
    const matrix = matrices[metric].map((row) => row.map((x) => round(x, 4)));
    if (metric === 'capa' && matrix.every((row, i) => row.every((x, j) => i === j || x === null))) continue; // open-ended items
    similarity[key] = { models: names, matrix };
  }

  // 6. Commodity index over the models on or near the frontier.
  const core = models.map((_, j) => j).filter((j) => near[j] && blended[j] !== null);
  const ci = commodityIndex(core.map((j) => vectors[j]!), data.items.n, { rounds: options.rounds ?? 1000, seed: options.seed, minShared: MIN_SHARED });
  if (core.length < 2) notes.push('commodity index needs at least two priced models on or near the frontier');

  // 7. Systemic failures: items many models fail together.
  const { failed, answered } = failureCounts(vectors, data.items.n);
  const histogram = new Array<number>(m + 1).fill(0);
  let all = 0;
  let most = 0;
  const worst: Array<{ item: string; failed: number; answered: number }> = [];
  for (let i = 0; i < data.items.n; i++) {
    if (answered[i] === 0) continue;
    histogram[failed[i]!]!++;
    if (answered[i]! >= 2 && failed[i] === answered[i]) all++;
    if (answered[i]! >= 2 && failed[i]! > answered[i]! / 2) most++;
    worst.push({ item: data.itemKeys[i]!, failed: failed[i]!, answered: answered[i]! });
  }
  worst.sort((x, y) => y.failed / y.answered - x.failed / x.answered || y.answered - x.answered);

  // 8. Unique strengths: categories where a model beats every cheaper model significantly.
  const categoryItems = data.categories.map(() => [] as number[]);
  for (let i = 0; i < data.items.n; i++) categoryItems[data.category[i]!]!.push(i);
  const byCategory = categoryItems.map((list) => Int32Array.from(list));
  const strengths = models.map((_, j) => uniqueStrengths(j, data, blended, byCategory, options));

  const out: MarketModel[] = models.map((model, j) => {
    const s = stats[j]!;
    const cost = options.costs?.get(model.name) ?? null;
    return {
      model: model.name,
      score: s.n ? round(s.mean) : null,
      ci_low: s.n ? round(s.low) : null,
      ci_high: s.n ? round(s.high) : null,
      n: s.n,
      cost_usd: round(cost, 8),
      cost_per_item_usd: cost !== null && s.n ? round(cost / s.n, 10) : null,
      blended_price: round(blended[j] ?? null, 6),
      score_per_dollar: blended[j] && s.n ? round(s.mean / blended[j]!, 6) : null,
      tier: s.n ? tiers[j]! : null,
      on_frontier: frontierFlags[j]!,
      near_frontier: near[j]!,
      unique_strengths: strengths[j]!,
    };
  });
  return {
    models: out,
    similarity,
    commodity_index: { value: round(ci.value, 4), ci_low: round(ci.low, 4), ci_high: round(ci.high, 4), models: core.map((j) => names[j]!), pairs: ci.pairs },
    frontier: out.filter((x) => x.on_frontier).sort((a, b) => a.blended_price! - b.blended_price!).map((x) => x.model),
    comparisons,
    systemic_failures: { items: data.items.n, failed_by_all: all, failed_by_most: most, histogram, worst: worst.slice(0, 10) },
    price_axis: `blended USD per 1M tokens (input:output ${ratio[0]}:${ratio[1]})`,
    notes,
  };
}

/**
 * A paired test of model a against model b on the given items (both answered): McNemar for 0/1 scores,
 * the paired bootstrap otherwise. Works on an index list, so per-category tests cost O(category size).
 */
function pairedOnItems(data: MarketData, a: number, b: number, items: Int32Array, options: MarketOptions): { n: number; diff: number; pValue: number } {
  const pa = data.vectors[a]!.present;
  const pb = data.vectors[b]!.present;
  const sa = data.scores[a]!;
  const sb = data.scores[b]!;
  let n = 0;
  let aOnly = 0;
  let bOnly = 0;
  let binary = true;
  let sum = 0;
  for (const i of items) {
    if (!pa[i] || !pb[i]) continue;
    const x = sa[i]!;
    const y = sb[i]!;
    n++;
    sum += x - y;
    if ((x !== 0 && x !== 1) || (y !== 0 && y !== 1)) binary = false;
    else if (x > y) aOnly++;
    else if (y > x) bOnly++;
  }
  if (n === 0) return { n, diff: 0, pValue: 1 };
  if (binary) return { n, diff: sum / n, pValue: mcnemarPValue(aOnly, bOnly) };
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let k = 0;
  for (const i of items) {
    if (!pa[i] || !pb[i]) continue;
    x[k] = sa[i]!;
    y[k++] = sb[i]!;
  }
  const r = pairedBootstrap(x, y, { rounds: options.rounds ?? 1000, seed: options.seed });
  return { n, diff: r.diff, pValue: r.pValue };
}

function meanOn(scores: Float64Array, items: Int32Array): { mean: number; n: number } {
  let sum = 0;
  let n = 0;
  for (const i of items) {
    const x = scores[i]!;
    if (Number.isNaN(x)) continue;
    sum += x;
    n++;
  }
  return { mean: n ? sum / n : NaN, n };
}

/**
 * Categories where model j is significantly better than EVERY cheaper model (paired tests on the
 * category's items, Holm-corrected over the cheaper models). The cheapest model has none by definition:
 * its edge is price. Categories with fewer than MIN_CATEGORY_ITEMS shared items are not tested.
 */
function uniqueStrengths(
  j: number,
  data: MarketData,
  blended: Array<number | null>,
  byCategory: Int32Array[],
  options: MarketOptions,
): MarketModel['unique_strengths'] {
  const price = blended[j];
  if (price === null || price === undefined) return [];
  const cheaper = blended.map((_, k) => k).filter((k) => k !== j && blended[k] !== null && blended[k]! < price);
  if (cheaper.length === 0) return [];
  const out: MarketModel['unique_strengths'] = [];
  for (let c = 0; c < byCategory.length; c++) {
    const items = byCategory[c]!;
    const mine = meanOn(data.scores[j]!, items);
    if (mine.n < MIN_CATEGORY_ITEMS) continue;
    // Strongest cheaper rival first: if it is not beaten, no test of the others is needed.
    const rivals = cheaper.map((k) => ({ k, ...meanOn(data.scores[k]!, items) })).sort((x, y) => y.mean - x.mean);
    if (!(mine.mean > rivals[0]!.mean)) continue;
    const pValues: number[] = [];
    let beaten = true;
    for (const rival of rivals) {
      const test = pairedOnItems(data, j, rival.k, items, options);
      if (test.n < MIN_CATEGORY_ITEMS || test.diff <= 0) {
        beaten = false;
        break;
      }
      pValues.push(test.pValue);
    }
    if (!beaten || !holmAdjust(pValues).every((p) => p < ALPHA)) continue;
    const best = rivals[0]!;
    out.push({ category: data.categories[c]!, n: mine.n, score: round(mine.mean)!, best_cheaper: { model: data.models[best.k]!.name, score: round(best.mean)! } });
  }
  return out;
}
