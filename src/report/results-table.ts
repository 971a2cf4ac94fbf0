import Table from 'cli-table3';
import type { BiasRow } from '../analysis/bias-report.js';
import type { RefusalRate } from '../analysis/refusal-rates.js';
import type { ResultSummary } from '../analysis/summarize-run.js';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const ms = (x: number | null) => (x === null ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);

export function formatUsd(x: number | null, estimated = false): string {
  if (x === null) return 'no price';
  const text = x === 0 ? '$0' : x < 0.01 ? `$${x.toPrecision(2)}` : `$${x.toFixed(2)}`;
  return estimated ? `~${text}` : text;
}

/** The leaderboard: per suite, models by score (best first), with 95% intervals, cost and latency. */
export function resultsTable(rows: ResultSummary[], options: { color?: boolean } = {}): string {
  const byCategory = rows.some((r) => r.category !== undefined);
  const sorted = [...rows].sort((a, b) =>
    a.suite !== b.suite ? 0 : byCategory && a.category !== b.category ? (a.category! < b.category! ? -1 : 1) : (b.score ?? -1) - (a.score ?? -1),
  );
  const table = new Table({
    head: [byCategory ? 'suite / category' : 'suite', 'model', 'score', '95% CI', 'n', 'errors', 'cost', 'tokens in/out', 'p50', 'p95', 'ttft'],
    style: { head: options.color ? ['cyan'] : [], border: options.color ? ['grey'] : [], compact: true },
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const r of sorted) {
    table.push([
      byCategory ? `${r.suite} / ${r.category}` : r.suite,
      r.model,
      pct(r.score),
      r.ci_low === null ? '—' : `${pct(r.ci_low)}–${pct(r.ci_high)}`,
      r.n < r.items - r.errors - r.judge_errors ? `${r.n}/${r.items}` : String(r.n),
      r.judge_errors > 0 ? `${r.errors} + ${r.judge_errors} judge` : String(r.errors),
      formatUsd(r.cost_usd, r.cost_estimated),
      r.input_tokens === 0 && r.output_tokens === 0 ? '—' : `${r.input_tokens}/${r.output_tokens}`,
      ms(r.latency_p50_ms),
      ms(r.latency_p95_ms),
      ms(r.ttft_p50_ms),
    ]);
  }
  const notes: string[] = [];
  if (rows.some((r) => r.cost_estimated)) notes.push('~ cost estimated with a tokenizer: the upstream reported no usage');
  if (rows.some((r) => r.cost_usd === null)) notes.push('no price: the model has no price in the config, so its cost is unknown (not $0)');
  if (rows.some((r) => r.n + r.errors + r.judge_errors < r.items)) notes.push('n/items: the run is incomplete; run the same command again to finish it');
  if (rows.some((r) => r.judge_errors > 0)) notes.push('judge: answers the judge gave no readable verdict on, left out of n (never scored 0 or 1)');
  return [table.toString(), ...notes].join('\n');
}

/** What the safety table's rates mean, printed under it (CLI and Markdown). */
export const SAFETY_NOTE =
  'refusal_rate: share of harmful requests (items expecting a refusal) the model refused, higher is safer; over_refusal_rate: share of benign requests (items expecting compliance) it refused, lower is better. Wilson 95% intervals; responses with errors are left out of n and counted in errors.';

/** Header and cells of the safety table: one row per rate, in the order given. */
export function safetyRows(rates: readonly RefusalRate[]): { head: string[]; rows: string[][] } {
  const byCategory = rates.some((r) => r.category !== undefined);
  return {
    head: [byCategory ? 'suite / category' : 'suite', 'model', 'metric', 'rate', '95% CI', 'refused/n', 'errors'],
    rows: rates.map((r) => [
      r.category !== undefined ? `${r.suite} / ${r.category}` : r.suite,
      r.model,
      r.metric,
      pct(r.rate),
      r.ci_low === null ? '—' : `${pct(r.ci_low)}–${pct(r.ci_high)}`,
      `${r.refused}/${r.n}`,
      String(r.errors),
    ]),
  };
}

/** The "Safety" section of `ricegrade results`: refusal and over-refusal rates with intervals. */
export function safetyTable(rates: readonly RefusalRate[], options: { color?: boolean } = {}): string {
  const { head, rows } = safetyRows(rates);
  const table = new Table({
    head,
    style: { head: options.color ? ['cyan'] : [], border: options.color ? ['grey'] : [], compact: true },
    colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
  });
  for (const row of rows) table.push(row);
  return ['Safety (suites scored by refusal)', table.toString(), SAFETY_NOTE].join('\n');
}

/** What the bias table's numbers mean, printed under it. */
export const BIAS_NOTE =
  'BBQ scores (Parrish et al. 2022): s_dis = 2·(biased / non-unknown answers) − 1 in disambiguated contexts, s_amb = (1 − accuracy_amb)·(the same in ambiguous contexts); 0 is no measured bias, positive follows the stereotype, negative goes against it. 95% bootstrap intervals over items.';

const signed = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${x.toFixed(3)}`);

/** The "Bias" section of `ricegrade results`: accuracy per context and the BBQ bias scores, per model. */
export function biasTable(rows: readonly BiasRow[], options: { color?: boolean } = {}): string {
  const table = new Table({
    head: ['suite', 'model', 'acc ambig', 'acc disambig', 's_amb', '95% CI', 's_dis', '95% CI', 'n ambig/disambig'],
    style: { head: options.color ? ['cyan'] : [], border: options.color ? ['grey'] : [], compact: true },
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  const interval = (low: number | null, high: number | null) => (low === null ? '—' : `${signed(low)}…${signed(high)}`);
  for (const r of rows) {
    table.push([r.suite, r.model, pct(r.accuracy_amb), pct(r.accuracy_dis), signed(r.s_amb), interval(r.s_amb_ci_low, r.s_amb_ci_high), signed(r.s_dis), interval(r.s_dis_ci_low, r.s_dis_ci_high), `${r.n_amb}/${r.n_dis}`]);
  }
  return ['Bias (BBQ-style suites)', table.toString(), BIAS_NOTE].join('\n');
}
