import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadMarketData, type MarketData } from '../analysis/market-data.js';
import { summarizeRun } from '../analysis/summarize-run.js';
import { loadConfig } from '../config/load.js';
import { RicegradeError } from '../errors.js';
import { lookupPrice, readPriceCatalog } from '../prices/catalog.js';
import type { Store } from '../store/store.js';
import type { Price } from '../types.js';
import { resolveRunId } from './results-command.js';

export interface MarketInputOptions {
  config?: string;
  db?: string;
  run?: string;
  suite?: string;
  prices?: string;
}

/**
 * What the market analyses need besides the results: prices by model (the run's own, then a model of the
 * same name in -c CONFIG, then the price catalog by model id) and the measured cost per model.
 */
export async function marketInputs(store: Store, opts: MarketInputOptions): Promise<{ runId: number; data: MarketData; prices: Map<string, Price>; costs: Map<string, number | null> }> {
  const runId = await resolveRunId(store, opts.run);
  if (opts.suite !== undefined && !(await store.runSuites(runId)).some((s) => s.name === opts.suite)) {
    const names = (await store.runSuites(runId)).map((s) => s.name).join(', ');
    throw new RicegradeError('ARGUMENT_INVALID', `--suite: run ${runId} has no suite "${opts.suite}" (it has: ${names})`);
  }
  const data = await loadMarketData(store, runId, opts.suite);
  if (data.models.length === 0 || data.items.n === 0) throw new RicegradeError('RUN_NOT_FOUND', `run ${runId} has no results to analyse`);
  const prices = new Map<string, Price>();
  const configPrices = new Map<string, Price>();
  if (opts.config && existsSync(opts.config)) for (const m of loadConfig(opts.config).models) if (m.price) configPrices.set(m.name, m.price);
  const catalog = opts.prices ? readPriceCatalog(resolve(opts.prices)) : undefined;
  for (const m of data.models) {
    const price = configPrices.get(m.name) ?? m.price ?? (catalog ? (lookupPrice(catalog, m.model) ?? lookupPrice(catalog, m.name))?.price : undefined);
    if (price) prices.set(m.name, price);
  }
  const costs = new Map<string, number | null>();
  // Only answers obtained live carry token usage; imported and replayed ones have no measured cost.
  const metered = data.models.some((m) => (m.source ?? 'live') === 'live');
  for (const row of metered ? await summarizeRun(store, runId) : []) {
    if (opts.suite !== undefined && row.suite !== opts.suite) continue;
    const before = costs.get(row.model);
    costs.set(row.model, row.cost_usd === null || before === null ? null : (before ?? 0) + row.cost_usd);
  }
  return { runId, data, prices, costs };
}
