import { runMarket } from '../analysis/market-inputs.js';
import { RicegradeError } from '../errors.js';
import { marketTable } from '../report/market-table.js';
import { resolveMarketTarget, type MarketInputOptions } from './market-inputs.js';
import { openExistingStore } from './open-store.js';
import { printStats } from './print-stats.js';

function parseRatio(text: string | undefined): [number, number] {
  if (text === undefined) return [3, 1];
  const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(text);
  if (!m || Number(m[1]) + Number(m[2]) === 0) throw new RicegradeError('ARGUMENT_INVALID', `--ratio: expected input:output like 3:1 (got "${text}")`);
  return [Number(m[1]), Number(m[2])];
}

export async function marketCommand(opts: MarketInputOptions & { format: 'table' | 'json'; ratio?: string; cluster?: boolean; stats?: boolean }): Promise<void> {
  const ratio = parseRatio(opts.ratio);
  const store = openExistingStore(opts);
  try {
    const { runId, sources } = await resolveMarketTarget(store, opts);
    const { market, error, items, models } = await runMarket(store, runId, { suite: opts.suite, sources, ratio, cluster: opts.cluster });
    if (!market) throw new RicegradeError('RUN_NOT_FOUND', error!);
    if (opts.format === 'json') process.stdout.write(`${JSON.stringify({ run: runId, ...market }, null, 2)}\n`);
    else process.stdout.write(`market of run ${runId}${opts.suite ? `, suite ${opts.suite}` : ''} · ${items} items · ${models} models\n${marketTable(market)}\n`);
  } finally {
    await store.close();
  }
  if (opts.stats) printStats();
}
