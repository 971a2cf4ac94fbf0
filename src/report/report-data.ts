import { runMarket, type PriceSources } from '../analysis/market-inputs.js';
import { refusalRates } from '../analysis/refusal-rates.js';
import { summarizeRun } from '../analysis/summarize-run.js';
import type { RunRecord, Store } from '../store/store.js';
import type { AuditEntry } from '../policy/audit.js';
import type { ReportData, RunInfo, RunSummary } from './report-types.js';

export function runInfo(run: RunRecord): RunInfo {
  return {
    id: run.id,
    status: run.status,
    kind: run.kind,
    started_at: run.startedAt,
    finished_at: run.finishedAt ?? null,
    config_hash: run.configHash,
    config_path: run.configPath,
    epochs: run.epochs,
  };
}

/** A run's metadata, results per model × suite and per category, and totals. */
export async function runSummary(store: Store, runId: number): Promise<RunSummary> {
  const run = (await store.getRun(runId))!;
  const [models, suites, results, byCategory] = await Promise.all([
    store.runModels(runId),
    store.runSuites(runId),
    summarizeRun(store, runId),
    summarizeRun(store, runId, { byCategory: true }),
  ]);
  const refusal = await refusalRates(store, runId);
  const answered = results.filter((r) => r.n + r.errors > 0);
  const cost = answered.some((r) => r.cost_usd === null) ? null : answered.reduce((sum, r) => sum + (r.cost_usd ?? 0), 0);
  const totals = {
    responses: answered.reduce((sum, r) => sum + r.n + r.errors, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    input_tokens: results.reduce((sum, r) => sum + r.input_tokens, 0),
    output_tokens: results.reduce((sum, r) => sum + r.output_tokens, 0),
    // Unknown when any model with answers has no price or no metered usage: never a silent partial sum.
    cost_usd: cost === null ? null : Number(cost.toFixed(8)),
  };
  return {
    run: runInfo(run),
    models: models.map((m) => ({ name: m.name, provider: m.provider, model: m.model, source: m.source ?? 'live', price: m.price ?? null })),
    suites: suites.map((s) => ({ name: s.name, suite_hash: s.suiteHash, n_items: s.nItems, scorer: s.scorer })),
    results,
    by_category: byCategory,
    refusal_rates: refusal,
    totals,
  };
}

/** Everything the HTML report embeds. The item explorer gets every item up to `maxItems`, else a page-sized sample. */
export async function buildReportData(
  store: Store,
  runId: number,
  options: { maxItems?: number; sources?: PriceSources; toolVersion: string; audit?: AuditEntry[] },
): Promise<ReportData> {
  const summary = await runSummary(store, runId);
  const { market, error } = await runMarket(store, runId, { sources: options.sources });
  const maxItems = options.maxItems ?? 2000;
  const items = await store.runItemsPage(runId, { offset: 0, limit: Math.min(maxItems, 500) });
  const rows = [...items.rows];
  for (let offset = rows.length; offset < Math.min(items.total, maxItems); offset += 500) {
    rows.push(...(await store.runItemsPage(runId, { offset, limit: Math.min(500, maxItems - offset) })).rows);
  }
  return {
    generated_at: new Date().toISOString(),
    tool_version: options.toolVersion,
    runs: (await store.listRuns()).reverse().map(runInfo),
    ...summary,
    market,
    market_error: error,
    audit: options.audit ?? null,
    items: { total: items.total, offset: 0, limit: rows.length, rows, sampled: rows.length < items.total },
  };
}
