import type { Store } from '../store/store.js';
import { costUsd } from './cost.js';
import { meanWithInterval, quantileSorted } from './stats.js';

/** One row of a run's results: one model on one suite. Field names are the JSON output's. */
export interface ResultSummary {
  model: string;
  suite: string;
  /** Present with `byCategory`: the item category this row covers. */
  category?: string;
  /** Items with a score (errors excluded). */
  n: number;
  /** Mean score over the n scored items, null when n = 0. */
  score: number | null;
  ci_low: number | null;
  ci_high: number | null;
  ci_method: 'wilson' | 'bootstrap' | null;
  /** Responses that failed after retries. */
  errors: number;
  /** LLM-as-judge: answers whose verdict could not be had (unreadable, or the judge call failed); not in n. */
  judge_errors: number;
  /** Items the run planned for this model and suite (n + errors + not yet answered). */
  items: number;
  /** USD, from the upstream's usage; null when the model has no price. */
  cost_usd: number | null;
  /** True when some usage was estimated with a tokenizer because the upstream reported none. */
  cost_estimated: boolean;
  input_tokens: number;
  output_tokens: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  /** Multiple choice by log-likelihood: the share of items whose best choice per byte is right (acc_norm). */
  acc_norm: number | null;
  /** Median time to first token of streamed answers. */
  ttft_p50_ms: number | null;
  /** Output tokens per second after the first token: Σ output tokens / Σ (latency − ttft), streamed answers of 2+ tokens. */
  output_tokens_per_s: number | null;
}

interface Accumulator {
  scores: number[];
  latencies: number[];
  errors: number;
  judgeErrors: number;
  inputTokens: number;
  outputTokens: number;
  estimated: boolean;
  /** Answers without token usage (imported or replayed outputs): their cost is unknown. */
  unmetered: number;
  answered: number;
  /** Σ wall time of answered requests, for models priced per hour. */
  wallMs: number;
  ttfts: number[];
  norms: number[];
  streamedTokens: number;
  streamedSeconds: number;
}

const round = (x: number | null, digits: number) => (x === null || Number.isNaN(x) ? null : Number(x.toFixed(digits)));

const emptyAccumulator = (): Accumulator => ({ scores: [], latencies: [], errors: 0, judgeErrors: 0, inputTokens: 0, outputTokens: 0, estimated: false, unmetered: 0, answered: 0, wallMs: 0, ttfts: [], norms: [], streamedTokens: 0, streamedSeconds: 0 });

/**
 * Aggregate a run's stored results into one row per model × suite (× category with `byCategory`),
 * in config order.
 */
export async function summarizeRun(store: Store, runId: number, options: { byCategory?: boolean } = {}): Promise<ResultSummary[]> {
  const [models, suites, run] = await Promise.all([store.runModels(runId), store.runSuites(runId), store.getRun(runId)]);
  const epochs = run?.epochs ?? 1;
  const acc = new Map<string, Accumulator>();
  const categories = new Map<string, Set<string>>(); // suite → categories seen
  const keyOf = (model: string, suite: string, category?: string) => `${model}\u0000${suite}\u0000${category ?? ''}`;
  if (!options.byCategory) for (const m of models) for (const s of suites) acc.set(keyOf(m.name, s.name), emptyAccumulator());
  // Imported and replayed answers were not timed here: their latency says nothing about the model.
  const timed = new Set(models.filter((m) => (m.source ?? 'live') === 'live').map((m) => m.name));

  for await (const row of store.resultRows(runId)) {
    let a: Accumulator | undefined;
    if (options.byCategory) {
      const category = row.category ?? '(none)';
      let seen = categories.get(row.suite);
      if (!seen) categories.set(row.suite, (seen = new Set()));
      seen.add(category);
      const key = keyOf(row.model, row.suite, category);
      a = acc.get(key);
      if (!a) acc.set(key, (a = emptyAccumulator()));
    } else a = acc.get(keyOf(row.model, row.suite));
    if (!a) continue;
    if (row.errorCode !== null) {
      a.errors++;
      continue;
    }
    a.answered++;
    a.wallMs += row.latencyMs ?? 0;
    if (row.score !== null) a.scores.push(row.score);
    else if (row.judgeError !== null) a.judgeErrors++;
    if (row.scoreNorm !== null) a.norms.push(row.scoreNorm);
    if (row.latencyMs !== null && timed.has(row.model)) a.latencies.push(row.latencyMs);
    if (row.ttftMs !== null && row.latencyMs !== null && timed.has(row.model)) {
      a.ttfts.push(row.ttftMs);
      if ((row.outputTokens ?? 0) >= 2 && row.latencyMs > row.ttftMs) {
        a.streamedTokens += row.outputTokens! - 1; // tokens after the first, over the time after the first
        a.streamedSeconds += (row.latencyMs - row.ttftMs) / 1000;
      }
    }
    if (row.inputTokens === null) a.unmetered++;
    a.inputTokens += row.inputTokens ?? 0;
    a.outputTokens += row.outputTokens ?? 0;
    if (row.usageEstimated) a.estimated = true;
  }

  const rows: ResultSummary[] = [];
  for (const m of models) {
    for (const s of suites) {
      for (const category of options.byCategory ? [...(categories.get(s.name) ?? [])].sort() : [undefined]) {
        const a = acc.get(keyOf(m.name, s.name, category)) ?? emptyAccumulator();
        const stats = a.scores.length > 0 ? meanWithInterval(a.scores) : undefined;
        const latencies = Float64Array.from(a.latencies).sort();
        // Unknown, not $0, when the model has no price or none of its answers carries token usage.
        const metered = a.unmetered === 0 || a.answered > a.unmetered;
        // Local models priced per hour pay for measured wall time; others for tokens.
        const cost =
          m.pricePerHour !== undefined
            ? (a.wallMs * m.pricePerHour) / 3_600_000
            : m.price && metered
              ? costUsd({ inputTokens: a.inputTokens, outputTokens: a.outputTokens }, m.price)
              : null;
        rows.push({
          model: m.name,
          suite: s.name,
          ...(category !== undefined ? { category } : {}),
          n: a.scores.length,
          score: round(stats?.mean ?? null, 6),
          ci_low: round(stats?.low ?? null, 6),
          ci_high: round(stats?.high ?? null, 6),
          ci_method: stats?.method ?? null,
          errors: a.errors,
          judge_errors: a.judgeErrors,
          items: category === undefined ? s.nItems * epochs : a.answered + a.errors,
          cost_usd: round(cost, 8),
          cost_estimated: a.estimated || (a.unmetered > 0 && cost !== null),
          input_tokens: a.inputTokens,
          output_tokens: a.outputTokens,
          latency_p50_ms: round(latencies.length ? quantileSorted(latencies, 0.5) : null, 1),
          latency_p95_ms: round(latencies.length ? quantileSorted(latencies, 0.95) : null, 1),
          acc_norm: round(a.norms.length ? a.norms.reduce((s, x) => s + x, 0) / a.norms.length : null, 6),
          ttft_p50_ms: round(a.ttfts.length ? quantileSorted(Float64Array.from(a.ttfts).sort(), 0.5) : null, 1),
          output_tokens_per_s: round(a.streamedSeconds > 0 ? a.streamedTokens / a.streamedSeconds : null, 1),
        });
      }
    }
  }
  return rows;
}
