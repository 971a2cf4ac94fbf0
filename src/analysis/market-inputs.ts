import type { CatalogEntry } from '../prices/catalog.js';
import { lookupPrice } from '../prices/catalog.js';
import type { Store } from '../store/store.js';
import type { Price } from '../types.js';
import { analyzeMarket, type Market, type MarketOptions } from './market.js';
import { loadMarketData, type MarketData } from './market-data.js';
import { summarizeRun } from './summarize-run.js';

export interface PriceSources {
  /** Prices of models by name from a config: they win over the run's own. */
  config?: Map<string, Price>;
  /** A price catalog, looked up by model id then name, for models with no price at all. */
  catalog?: Map<string, CatalogEntry>;
}

/**
 * Everything a market analysis of a run needs: the aligned results, each model's price (config by name, then
 * the run's own, then the catalog) and the measured cost of the models whose answers carry token usage.
 */
export async function marketInputs(
  store: Store,
  runId: number,
  suite: string | undefined,
  sources: PriceSources = {},
): Promise<{ data: MarketData; prices: Map<string, Price>; costs: Map<string, number | null> }> {
  const data = await loadMarketData(store, runId, suite);
  const prices = new Map<string, Price>();
  for (const m of data.models) {
    const catalog = sources.catalog ? (lookupPrice(sources.catalog, m.model) ?? lookupPrice(sources.catalog, m.name))?.price : undefined;
    const price = sources.config?.get(m.name) ?? m.price ?? catalog;
    if (price) prices.set(m.name, price);
  }
  const costs = new Map<string, number | null>();
  const tokens = new Map<string, number>();
  // Only answers obtained live carry token usage; imported and replayed ones have no measured cost.
  const metered = data.models.some((m) => (m.source ?? 'live') === 'live');
  for (const row of metered ? await summarizeRun(store, runId) : []) {
    if (suite !== undefined && row.suite !== suite) continue;
    const before = costs.get(row.model);
    costs.set(row.model, row.cost_usd === null || before === null ? null : (before ?? 0) + row.cost_usd);
    tokens.set(row.model, (tokens.get(row.model) ?? 0) + row.input_tokens + row.output_tokens);
  }
  // A model priced per hour of wall time sits on the same axis through its measured cost per 1M tokens.
  for (const m of data.models) {
    const cost = costs.get(m.name);
    const used = tokens.get(m.name) ?? 0;
    if (m.pricePerHour !== undefined && !prices.has(m.name) && cost != null && used > 0) {
      const perMillion = (cost / used) * 1e6;
      prices.set(m.name, { input: perMillion, output: perMillion });
    }
  }
  return { data, prices, costs };
}

/** The market of a run, or why there is none (no scored results). */
export async function runMarket(
  store: Store,
  runId: number,
  options: { suite?: string; sources?: PriceSources } & Omit<MarketOptions, 'prices' | 'costs'> = {},
): Promise<{ market: Market | null; error: string | null; items: number; models: number }> {
  const { data, prices, costs } = await marketInputs(store, runId, options.suite, options.sources);
  const scored = data.vectors.some((v) => v.present.some((x) => x === 1));
  if (data.models.length === 0 || data.items.n === 0 || !scored) {
    return { market: null, error: `run ${runId} has no scored results to analyse (every response is missing or an error)`, items: data.items.n, models: data.models.length };
  }
  return { market: analyzeMarket(data, { ...options, prices, costs }), error: null, items: data.items.n, models: data.models.length };
}
