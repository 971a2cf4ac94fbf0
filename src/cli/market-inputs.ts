import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PriceSources } from '../analysis/market-inputs.js';
import { loadConfig } from '../config/load.js';
import { RicegradeError } from '../errors.js';
import { readPriceCatalog } from '../prices/catalog.js';
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

/** The run to analyse and where its prices come from, from the command line. */
export async function resolveMarketTarget(store: Store, opts: MarketInputOptions): Promise<{ runId: number; sources: PriceSources }> {
  const runId = await resolveRunId(store, opts.run);
  if (opts.suite !== undefined && !(await store.runSuites(runId)).some((s) => s.name === opts.suite)) {
    const names = (await store.runSuites(runId)).map((s) => s.name).join(', ');
    throw new RicegradeError('ARGUMENT_INVALID', `--suite: run ${runId} has no suite "${opts.suite}" (it has: ${names})`);
  }
  const config = new Map<string, Price>();
  if (opts.config && existsSync(opts.config)) for (const m of loadConfig(opts.config).models) if (m.price) config.set(m.name, m.price);
  // --prices FILE, else the catalog imported into the store (`ricegrade prices import`), if any.
  const stored = opts.prices ? undefined : await store.priceCatalog();
  return { runId, sources: { config, catalog: opts.prices ? readPriceCatalog(resolve(opts.prices)) : stored?.size ? stored : undefined } };
}
