import { biasScores, type BiasAnswer } from '../analysis/bias.js';
import { biasAnswer, biasScoreInterval } from '../analysis/bias-report.js';
import { costUsd } from '../analysis/cost.js';
import { countRefusals, refusalRate } from '../analysis/refusal-rates.js';
import { bootstrapMeanInterval, bootstrapStatistic, isBinary, normalQuantile, quantileSorted, wilsonInterval } from '../analysis/stats.js';
import { RicegradeError } from '../errors.js';
import type { ResultRow, RunModelRecord, RunSuiteRecord, Store } from '../store/store.js';
import type { Item } from '../types.js';
import type { Clause } from './standard-schema.js';

/** A run's per-item results, grouped by model, with what an audit needs to know about models and suites. */
export interface Evidence {
  runId: number;
  configHash: string;
  models: RunModelRecord[];
  suites: RunSuiteRecord[];
  rows: Map<string, ResultRow[]>;
  /** BBQ-style bias metadata of the items that carry it, by `suite\u0000itemId`. */
  bias: Map<string, NonNullable<Item['bias']>>;
}

export async function loadEvidence(store: Store, runId: number): Promise<Evidence> {
  const run = (await store.getRun(runId))!;
  const [models, suites] = await Promise.all([store.runModels(runId), store.runSuites(runId)]);
  const rows = new Map<string, ResultRow[]>(models.map((m) => [m.name, []]));
  for await (const row of store.resultRows(runId)) rows.get(row.model)?.push(row);
  const bias = new Map<string, NonNullable<Item['bias']>>();
  for (const s of suites) {
    for (let after = 0; ; ) {
      const page = await store.itemsPage(s.suiteHash, after, 2000);
      if (page.length === 0) break;
      for (const { item } of page) if (item.bias) bias.set(`${s.name}\u0000${item.id}`, item.bias);
      after = page[page.length - 1]!.seq;
    }
  }
  return { runId, configHash: run.configHash, models, suites, rows, bias };
}

export interface Measurement {
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number;
  /** Why there is no value, when there is none. */
  reason?: string;
}

/** What each metric needs that this version of ricegrade cannot measure yet. */
const NOT_YET: Partial<Record<Clause['metric'], string>> = {};

/**
 * Check that a clause can be measured on this run: its suite and category exist and its metric was
 * measured. Anything else is bad input naming the clause — never a silent pass.
 */
export function checkClause(evidence: Evidence, clause: Clause, where: string): void {
  const need = NOT_YET[clause.metric];
  if (need) {
    throw new RicegradeError('CONFIG_INVALID', `${where}: clause "${clause.id}": metric ${clause.metric} was not measured in run ${evidence.runId} (it needs ${need}, which this version of ricegrade does not produce yet)`);
  }
  if (clause.metric === 'refusal_rate' || clause.metric === 'over_refusal_rate') {
    // A refusal rate is read from the refusal scorer's verdicts on one suite of requests.
    const suite = evidence.suites.find((s) => s.name === clause.suite);
    if (clause.suite === undefined) throw new RicegradeError('CONFIG_INVALID', `${where}: clause "${clause.id}": metric ${clause.metric} needs suite: (a suite scored with the refusal scorer)`);
    if (suite && suite.scorer.name !== 'refusal') {
      throw new RicegradeError('CONFIG_INVALID', `${where}: clause "${clause.id}": metric ${clause.metric} needs a suite scored with the refusal scorer; suite ${clause.suite} uses ${String(suite.scorer.name)}`);
    }
  }
  if (clause.metric === 'bias_amb' || clause.metric === 'bias_dis') {
    const carries = clause.suite !== undefined && [...evidence.bias.keys()].some((k) => k.startsWith(`${clause.suite}\u0000`));
    if (clause.suite === undefined || (evidence.suites.some((s) => s.name === clause.suite) && !carries)) {
      throw new RicegradeError('CONFIG_INVALID', `${where}: clause "${clause.id}": metric ${clause.metric} needs suite: a BBQ-style suite whose items carry bias metadata (e.g. format: bbq)`);
    }
  }
  if (clause.suite !== undefined && !evidence.suites.some((s) => s.name === clause.suite)) {
    throw new RicegradeError('CONFIG_INVALID', `${where}: clause "${clause.id}": run ${evidence.runId} has no suite "${clause.suite}" (suites: ${evidence.suites.map((s) => s.name).join(', ')})`);
  }
  if (clause.category !== undefined) {
    const categories = new Set<string>();
    for (const rows of evidence.rows.values()) for (const r of rows) if ((clause.suite === undefined || r.suite === clause.suite) && r.category !== null) categories.add(r.category);
    if (!categories.has(clause.category)) {
      throw new RicegradeError('CONFIG_INVALID', `${where}: clause "${clause.id}": no category "${clause.category}"${clause.suite ? ` in suite ${clause.suite}` : ''} (categories: ${[...categories].sort().join(', ') || 'none'})`);
    }
  }
}

const round = (x: number | null) => (x === null || !Number.isFinite(x) ? null : Number(x.toPrecision(10)));

/** The clause's metric for one model, with an interval at the clause's confidence when it asks for one. */
export function measure(evidence: Evidence, clause: Clause, model: string): Measurement {
  const rows = (evidence.rows.get(model) ?? []).filter((r) => (clause.suite === undefined || r.suite === clause.suite) && (clause.category === undefined || r.category === clause.category));
  const level = clause.confidence ?? 0.95;
  const answered = rows.filter((r) => r.errorCode === null);
  switch (clause.metric) {
    case 'score': {
      const values = Float64Array.from(answered.filter((r) => r.score !== null), (r) => r.score!);
      if (values.length === 0) return { value: null, ci_low: null, ci_high: null, n: 0, reason: 'no scored items' };
      let sum = 0;
      for (const v of values) sum += v;
      const ci = isBinary(values) ? wilsonInterval(sum, values.length, normalQuantile((1 + level) / 2)) : bootstrapMeanInterval(values, { level, rounds: 2000 });
      return { value: round(sum / values.length), ci_low: round(ci.low), ci_high: round(ci.high), n: values.length };
    }
    case 'error_rate': {
      const errors = rows.length - answered.length;
      if (rows.length === 0) return { value: null, ci_low: null, ci_high: null, n: 0, reason: 'no responses' };
      const ci = wilsonInterval(errors, rows.length, normalQuantile((1 + level) / 2));
      return { value: round(errors / rows.length), ci_low: round(ci.low), ci_high: round(ci.high), n: rows.length };
    }
    case 'cost_per_1k': {
      const price = evidence.models.find((m) => m.name === model)?.price;
      if (!price) return { value: null, ci_low: null, ci_high: null, n: answered.length, reason: 'the model has no price' };
      const metered = answered.filter((r) => r.inputTokens !== null && r.outputTokens !== null);
      if (metered.length === 0) return { value: null, ci_low: null, ci_high: null, n: 0, reason: 'no answer carries token usage (imported or replayed)' };
      const costs = Float64Array.from(metered, (r) => 1000 * costUsd({ inputTokens: r.inputTokens!, outputTokens: r.outputTokens! }, price));
      let sum = 0;
      for (const c of costs) sum += c;
      const ci = bootstrapMeanInterval(costs, { level, rounds: 2000 });
      return { value: round(sum / costs.length), ci_low: round(ci.low), ci_high: round(ci.high), n: costs.length };
    }
    case 'latency_p95_ms': {
      const source = evidence.models.find((m) => m.name === model)?.source ?? 'live';
      if (source !== 'live') return { value: null, ci_low: null, ci_high: null, n: 0, reason: `answers were ${source}ed, not timed` };
      const latencies = Float64Array.from(answered.filter((r) => r.latencyMs !== null), (r) => r.latencyMs!).sort();
      if (latencies.length === 0) return { value: null, ci_low: null, ci_high: null, n: 0, reason: 'no timed answers' };
      const p95 = (s: Float64Array) => quantileSorted(Float64Array.from(s).sort(), 0.95);
      const ci = bootstrapStatistic(latencies, p95, { level, rounds: 1000 });
      return { value: round(quantileSorted(latencies, 0.95)), ci_low: round(ci.low), ci_high: round(ci.high), n: latencies.length };
    }
    case 'refusal_rate':
    case 'over_refusal_rate': {
      // The share of answers the refusal scorer read as refusals: on harmful requests higher is better,
      // on benign ones (over-refusal) lower is better. Wilson interval at the clause's confidence;
      // counted as `ricegrade results` counts its refusal rates (errors left out).
      const count = countRefusals(rows);
      if (count.n === 0) return { value: null, ci_low: null, ci_high: null, n: 0, reason: 'no answers judged by the refusal scorer' };
      const r = refusalRate(count, level);
      return { value: round(r.rate), ci_low: round(r.ci_low), ci_high: round(r.ci_high), n: count.n };
    }
    case 'bias_amb':
    case 'bias_dis': {
      const answers: BiasAnswer[] = [];
      for (const r of answered) {
        const bias = evidence.bias.get(`${r.suite}\u0000${r.itemId}`);
        if (bias) answers.push(biasAnswer(bias, r.answer, r.score));
      }
      const key = clause.metric === 'bias_amb' ? 's_amb' : 's_dis';
      const scores = biasScores(answers);
      const n = clause.metric === 'bias_amb' ? scores.n_amb : scores.n_dis;
      // Bootstrap over items: resample the answers, recompute the score.
      const interval = biasScoreInterval(answers, key, level);
      if (interval.value === null) return { value: null, ci_low: null, ci_high: null, n, reason: 'no answer that names a person' };
      return { value: round(interval.value), ci_low: round(interval.low!), ci_high: round(interval.high!), n };
    }
    case 'ttft_p50_ms': {
      const ttfts = Float64Array.from(answered.filter((r) => r.ttftMs !== null), (r) => r.ttftMs!).sort();
      if (ttfts.length === 0) return { value: null, ci_low: null, ci_high: null, n: 0, reason: 'no streamed answers (set stream: true, on a provider that streams)' };
      const p50 = (s: Float64Array) => quantileSorted(Float64Array.from(s).sort(), 0.5);
      const ci = bootstrapStatistic(ttfts, p50, { level, rounds: 1000 });
      return { value: round(quantileSorted(ttfts, 0.5)), ci_low: round(ci.low), ci_high: round(ci.high), n: ttfts.length };
    }
    default:
      return { value: null, ci_low: null, ci_high: null, n: 0, reason: `metric ${clause.metric} is not measured` };
  }
}
