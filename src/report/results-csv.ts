import type { ResultSummary } from '../analysis/summarize-run.js';

const COLUMNS: Array<keyof ResultSummary> = [
  'model', 'suite', 'category', 'n', 'score', 'ci_low', 'ci_high', 'ci_method', 'errors', 'items', 'cost_usd', 'cost_estimated',
  'input_tokens', 'output_tokens', 'latency_p50_ms', 'latency_p95_ms', 'ttft_p50_ms', 'output_tokens_per_s',
];

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV of result rows, with a header line. `extraColumns` (e.g. the refusal-rate fields) follow
 * the standard columns; a row without such a field leaves its cell empty.
 */
export function resultsCsv(rows: Array<ResultSummary & Record<string, unknown>>, extraColumns: readonly string[] = []): string {
  const columns: readonly string[] = [...COLUMNS, ...extraColumns];
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
