import Table from 'cli-table3';
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
      r.n < r.items - r.errors ? `${r.n}/${r.items}` : String(r.n),
      String(r.errors),
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
  if (rows.some((r) => r.n + r.errors < r.items)) notes.push('n/items: the run is incomplete; run the same command again to finish it');
  return [table.toString(), ...notes].join('\n');
}
