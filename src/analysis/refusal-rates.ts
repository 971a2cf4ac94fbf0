/**
 * Refusal rates: how often each model declined, on every suite of a run scored by the `refusal` scorer.
 *
 * Which rate a group of answers gives follows from what its items expect — the scorer's own rule:
 * its `expect` option, else the item's `expected` ("refuse" / "comply"), else "refuse":
 *
 * - items that expect a refusal (harmful requests, e.g. the `safety` generator) give `refusal_rate`
 *   (higher is safer);
 * - items that expect the model to comply (benign look-alikes, e.g. `over-refusal`) give
 *   `over_refusal_rate` (lower is better).
 *
 * Both are the share of judged answers that the scorer read as "refused", with a Wilson interval.
 * Responses with errors are excluded from n and counted apart (`errors`). The audit's
 * `refusal_rate` / `over_refusal_rate` clauses (policy/measure.ts) count with the same functions.
 */
import { createScorer, type ScorerSpec } from '../scorers/index.js';
import { pagedItems } from '../store/paged-items.js';
import type { ResultRow, RunSuiteRecord, Store } from '../store/store.js';
import type { Item } from '../types.js';
import { normalQuantile, wilsonInterval } from './stats.js';

export type Expectation = 'refuse' | 'comply';
export type RefusalMetric = 'refusal_rate' | 'over_refusal_rate';

/** The metrics in reporting order, and which expectation each one is measured on. */
export const REFUSAL_METRICS: ReadonlyArray<{ metric: RefusalMetric; expect: Expectation }> = [
  { metric: 'refusal_rate', expect: 'refuse' },
  { metric: 'over_refusal_rate', expect: 'comply' },
];

export const metricFor = (expect: Expectation): RefusalMetric => (expect === 'refuse' ? 'refusal_rate' : 'over_refusal_rate');

/** Answers judged by the refusal scorer (`n`, of which `refused`), and responses left out as errors. */
export interface RefusalCount {
  n: number;
  refused: number;
  errors: number;
}

export const emptyCount = (): RefusalCount => ({ n: 0, refused: 0, errors: 0 });

/**
 * Count one result row: an error is counted apart; an answer the refusal scorer judged ("refused" or
 * "complied") adds to n. Anything else (not judged by the refusal scorer) is left out.
 */
export function addToCount(count: RefusalCount, row: Pick<ResultRow, 'errorCode' | 'answer'>): void {
  if (row.errorCode !== null) count.errors++;
  else if (row.answer === 'refused' || row.answer === 'complied') {
    count.n++;
    if (row.answer === 'refused') count.refused++;
  }
}

export function countRefusals(rows: Iterable<Pick<ResultRow, 'errorCode' | 'answer'>>): RefusalCount {
  const count = emptyCount();
  for (const row of rows) addToCount(count, row);
  return count;
}

export interface RateInterval {
  /** refused / n; null when n = 0. */
  rate: number | null;
  ci_low: number | null;
  ci_high: number | null;
}

/** The share refused with a Wilson interval at `level` (two-sided), all null when nothing was judged. */
export function refusalRate(count: Pick<RefusalCount, 'n' | 'refused'>, level = 0.95): RateInterval {
  if (count.n === 0) return { rate: null, ci_low: null, ci_high: null };
  const ci = wilsonInterval(count.refused, count.n, normalQuantile((1 + level) / 2));
  return { rate: count.refused / count.n, ci_low: ci.low, ci_high: ci.high };
}

/** One rate: a model on a suite's items of one expectation, overall (no `category`) or in one category. */
export interface RefusalRate extends RefusalCount, RateInterval {
  model: string;
  suite: string;
  /** Absent for the model's overall rate on the suite; "(none)" for items without a category. */
  category?: string;
  metric: RefusalMetric;
}

/**
 * What each item of a refusal-scored suite expects, decided by the suite's own scorer. The scorer reads
 * an empty answer as a refusal whatever the item, so its verdict on one (1 = matches) says whether the
 * item expects a refusal: no copy of the scorer's rule (option, item `expected`, default) to drift.
 */
export function expectationOf(scorer: RunSuiteRecord['scorer']): (item: Item) => Expectation {
  const score = createScorer(scorer as ScorerSpec);
  return (item) => (score(item, '').value === 1 ? 'refuse' : 'comply');
}

interface SuiteExpectations {
  of(itemId: string): Expectation;
  /** The expectations its items have, in REFUSAL_METRICS order. */
  present: Expectation[];
}

async function suiteExpectations(store: Store, suite: RunSuiteRecord): Promise<SuiteExpectations> {
  const expects = expectationOf(suite.scorer);
  const fallback = (itemId: string) => expects({ id: itemId, input: '' });
  // With an `expect` option every item expects the same; only otherwise are the items read.
  if (suite.scorer.expect !== undefined) {
    const all = fallback('');
    return { of: () => all, present: [all] };
  }
  const byItem = new Map<string, Expectation>();
  for await (const item of pagedItems(store, suite.suiteHash, 2000)) byItem.set(item.id, expects(item));
  const seen = new Set(byItem.values());
  return {
    of: (itemId) => byItem.get(itemId) ?? fallback(itemId),
    present: REFUSAL_METRICS.map((m) => m.expect).filter((e) => seen.has(e)),
  };
}

const round = (x: number | null) => (x === null ? null : Number(x.toFixed(6)));

/**
 * Refusal rates of a run, for every suite scored by `refusal`: per model × suite × metric overall
 * (every model, even one with no answers: n = 0, rate null), then per category. Ordered by suite and
 * model in config order, metric (refusal_rate first), overall before categories (sorted).
 */
export async function refusalRates(store: Store, runId: number, options: { level?: number } = {}): Promise<RefusalRate[]> {
  const [models, allSuites] = await Promise.all([store.runModels(runId), store.runSuites(runId)]);
  const suites = allSuites.filter((s) => s.scorer.name === 'refusal');
  if (suites.length === 0) return [];
  const expectations = new Map<string, SuiteExpectations>();
  for (const s of suites) expectations.set(s.name, await suiteExpectations(store, s));

  const key = (model: string, suite: string, expect: Expectation, category?: string) => `${model}\u0000${suite}\u0000${expect}\u0000${category ?? ''}`;
  const counts = new Map<string, RefusalCount>();
  const categories = new Map<string, Set<string>>(); // suite \0 expect → categories seen
  for await (const row of store.resultRows(runId)) {
    const suite = expectations.get(row.suite);
    if (!suite) continue;
    const expect = suite.of(row.itemId);
    const category = row.category ?? '(none)';
    const seenKey = `${row.suite}\u0000${expect}`;
    let seen = categories.get(seenKey);
    if (!seen) categories.set(seenKey, (seen = new Set()));
    seen.add(category);
    for (const k of [key(row.model, row.suite, expect), key(row.model, row.suite, expect, category)]) {
      let count = counts.get(k);
      if (!count) counts.set(k, (count = emptyCount()));
      addToCount(count, row);
    }
  }

  const rates: RefusalRate[] = [];
  for (const s of suites) {
    const present = expectations.get(s.name)!.present;
    for (const m of models) {
      for (const { metric, expect } of REFUSAL_METRICS) {
        const cats = categories.get(`${s.name}\u0000${expect}`);
        if (!present.includes(expect) && !cats) continue;
        for (const category of [undefined, ...[...(cats ?? [])].sort()]) {
          const count = counts.get(key(m.name, s.name, expect, category)) ?? emptyCount();
          if (category !== undefined && count.n + count.errors === 0) continue; // the model never saw this category
          const r = refusalRate(count, options.level);
          rates.push({
            model: m.name,
            suite: s.name,
            ...(category !== undefined ? { category } : {}),
            metric,
            n: count.n,
            refused: count.refused,
            errors: count.errors,
            rate: round(r.rate),
            ci_low: round(r.ci_low),
            ci_high: round(r.ci_high),
          });
        }
      }
    }
  }
  return rates;
}

/** Suffixes of the flat fields a rate gives a results row: `refusal_rate`, `refusal_rate_ci_low`, … */
const FIELD_SUFFIXES = ['', '_ci_low', '_ci_high', '_n', '_refused', '_errors'] as const;

/** The flat field names of both metrics, in column order (results CSV and JSON share them). */
export const REFUSAL_FIELDS: readonly string[] = REFUSAL_METRICS.flatMap(({ metric }) => FIELD_SUFFIXES.map((s) => `${metric}${s}`));

/**
 * The refusal-rate fields of results rows (model × suite, or × category when the row has one):
 * `<metric>` (the rate), `<metric>_ci_low`, `<metric>_ci_high`, `<metric>_n`, `<metric>_refused` and
 * `<metric>_errors`, for each metric the suite's items give. Rows of suites not scored by `refusal` get none.
 */
export function refusalFields(rates: readonly RefusalRate[]): (row: { model: string; suite: string; category?: string }) => Record<string, number | null> {
  const byRow = new Map<string, Record<string, number | null>>();
  const keyOf = (row: { model: string; suite: string; category?: string }) => `${row.model}\u0000${row.suite}\u0000${row.category ?? '\u0001'}`;
  for (const r of rates) {
    const k = keyOf(r);
    let fields = byRow.get(k);
    if (!fields) byRow.set(k, (fields = {}));
    const values = [r.rate, r.ci_low, r.ci_high, r.n, r.refused, r.errors];
    FIELD_SUFFIXES.forEach((suffix, i) => (fields[`${r.metric}${suffix}`] = values[i]!));
  }
  return (row) => byRow.get(keyOf(row)) ?? {};
}
