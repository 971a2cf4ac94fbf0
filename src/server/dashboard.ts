import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { PriceSources } from '../analysis/market-inputs.js';
import { runMarket } from '../analysis/market-inputs.js';
import { pageHtml } from '../report/page-assets.js';
import { runInfo, runSummary } from '../report/report-data.js';
import type { ItemQuery } from '../report/report-types.js';
import type { Store } from '../store/store.js';

export interface DashboardOptions {
  store: Store;
  /** When set, every request must carry `Authorization: Bearer <token>` (or `?token=` for the page itself). */
  token?: string;
  sources?: PriceSources;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

class BadRequest extends Error {}

function intParam(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new BadRequest(`${name}: expected a whole number, got "${value}"`);
  return Math.min(Number(value), max);
}

/**
 * The dashboard: the report's page over live data, and the JSON API it reads. Items are paged in the
 * database; a finished run's market analysis is computed once and kept.
 */
export function createDashboard(options: DashboardOptions): Hono {
  const { store, token } = options;
  const markets = new Map<number, Awaited<ReturnType<typeof runMarket>>>();
  const app = new Hono();

  app.use('*', async (c, next) => {
    if (token) {
      const header = c.req.header('authorization');
      const bearer = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
      const query = c.req.path === '/' ? c.req.query('token') : undefined;
      if (!sameSecret(bearer, token) && !sameSecret(query, token)) return c.json({ error: 'unauthorized: this dashboard needs its token' }, 401);
    }
    await next();
  });

  app.onError((err, c) => {
    if (err instanceof BadRequest) return c.json({ error: err.message }, 400);
    return c.json({ error: `internal error: ${err.message}` }, 500);
  });

  const runOr404 = async (id: string) => {
    if (!/^\d+$/.test(id)) throw new BadRequest(`run id: expected a whole number, got "${id}"`);
    return store.getRun(Number(id));
  };

  app.get('/', (c) => c.html(pageHtml('ricegrade dashboard', { mode: 'live', token: token && c.req.query('token') ? token : undefined })));

  app.get('/api/runs', async (c) => c.json((await store.listRuns()).reverse().map(runInfo)));

  app.get('/api/runs/:id/results', async (c) => {
    const run = await runOr404(c.req.param('id'));
    if (!run) return c.json({ error: `no run ${c.req.param('id')} in the store` }, 404);
    return c.json(await runSummary(store, run.id));
  });

  app.get('/api/runs/:id/market', async (c) => {
    const run = await runOr404(c.req.param('id'));
    if (!run) return c.json({ error: `no run ${c.req.param('id')} in the store` }, 404);
    let result = markets.get(run.id);
    if (!result) {
      result = await runMarket(store, run.id, { sources: options.sources });
      if (run.status === 'completed') markets.set(run.id, result);
    }
    return c.json({ market: result.market, error: result.error });
  });

  app.get('/api/runs/:id/items', async (c) => {
    const run = await runOr404(c.req.param('id'));
    if (!run) return c.json({ error: `no run ${c.req.param('id')} in the store` }, 404);
    const q = c.req.query();
    const query: ItemQuery = {
      suite: q.suite || undefined,
      category: q.category || undefined,
      models: q.models ? q.models.split(',').filter(Boolean) : undefined,
      disagree: q.disagree === '1' || q.disagree === 'true',
      offset: intParam(q.offset, 'offset', 0, Number.MAX_SAFE_INTEGER),
      limit: intParam(q.limit, 'limit', 50, 500),
    };
    return c.json(await store.runItemsPage(run.id, query));
  });

  app.notFound((c) => c.json({ error: `not found: ${c.req.path}` }, 404));
  return app;
}
