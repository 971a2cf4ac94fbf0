import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createDashboard } from '../../src/server/dashboard.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { arithJsonl, configYaml, runCli, workspace } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-llm-server.js';

let server: FakeServer;
let dir: string;
before(async () => {
  server = await startFakeServer({ answer: (req) => (req.model === 'flaky-r' && req.prompt.includes('What is 18 +') ? { status: 400, text: 'bad request' } : undefined) });
  dir = workspace({
    'arith.jsonl': arithJsonl(60),
    'ricegrade.yaml': configYaml(server.url, [{ name: 'perfect', model: 'perfect-r' }, { name: 'mid', model: 'mid-r' }, { name: 'flaky', model: 'flaky-r', extra: 'retries: 0' }]),
  });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
});
after(() => server.close());

test('report --format md: leaderboard with intervals, frontier and commodity index', async () => {
  const r = await runCli(['report', '-c', 'ricegrade.yaml', '--format', 'md'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^## ricegrade — run 1 \(completed\)/);
  assert.match(r.stdout, /\| 1 \| perfect \| 100\.0% \|/);
  assert.match(r.stdout, /\*\*Frontier\*\*/);
  assert.match(r.stdout, /\*\*Commodity index\*\*/);
  assert.match(r.stdout, /180 responses, 1 errors/);
});

test('report writes one self-contained HTML file: no external references, data inline, safe against </script> in data', async () => {
  const r = await runCli(['report', '-c', 'ricegrade.yaml', '--out', 'report.html'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.ok(html.length < 3 * 1024 * 1024, `${html.length} bytes`);
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|@import|url\(\s*['"]?https?:/i, 'nothing loaded from outside');
  assert.match(html, /window\.RICEGRADE = \{"mode":"embedded"/);
  assert.equal((html.match(/<\/script>/g) ?? []).length, 3, 'no script element closed early by data');
  const noOut = await runCli(['report', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(noOut.code, 2);
  assert.match(noOut.stderr, /--out: say where to write/);
  const badRun = await runCli(['report', '-c', 'ricegrade.yaml', '--run', '42', '--out', 'x.html'], { cwd: dir });
  assert.equal(badRun.code, 2);
  assert.match(badRun.stderr, /no run 42/);
});

test('dashboard API: runs, results, market, paged items with filters, errors as JSON, token', async () => {
  const store = openSqliteStore(join(dir, '.ricegrade', 'ricegrade.db'));
  try {
    const app = createDashboard({ store });
    const runs = (await (await app.request('/api/runs')).json()) as Array<{ id: number }>;
    assert.deepEqual(runs.map((x) => x.id), [1]);
    const results = (await (await app.request('/api/runs/1/results')).json()) as { results: Array<{ model: string; errors: number }>; totals: { errors: number } };
    assert.equal(results.results.length, 3);
    assert.equal(results.totals.errors, 1);
    const market = (await (await app.request('/api/runs/1/market')).json()) as { market: { frontier: string[] } };
    assert.ok(market.market.frontier.includes('perfect'));
    const page = (await (await app.request('/api/runs/1/items?offset=10&limit=20')).json()) as { total: number; offset: number; rows: Array<{ item_id: string; answers: Record<string, { score: number | null; error: string | null }> }> };
    assert.equal(page.total, 60);
    assert.equal(page.offset, 10);
    assert.equal(page.rows.length, 20);
    assert.equal(page.rows[0]!.item_id, 'q10', 'items in dataset order');
    assert.deepEqual(Object.keys(page.rows[0]!.answers).sort(), ['flaky', 'mid', 'perfect']);
    const errored = (await (await app.request('/api/runs/1/items?limit=60')).json()) as typeof page;
    const row = errored.rows.find((x) => x.answers.flaky!.error !== null)!;
    assert.match(row.answers.flaky!.error!, /PROVIDER_HTTP/);
    const disagree = (await (await app.request('/api/runs/1/items?disagree=1&models=perfect,mid&limit=500')).json()) as typeof page;
    assert.ok(disagree.total > 0 && disagree.total < 60);
    for (const r of disagree.rows) assert.notEqual(r.answers.perfect!.score, r.answers.mid!.score);
    const same = (await (await app.request('/api/runs/1/items?disagree=1&models=perfect&limit=5')).json()) as typeof page;
    assert.equal(same.total, 0, 'one model cannot disagree with itself');
    assert.equal((await app.request('/api/runs/9/results')).status, 404);
    assert.deepEqual(await (await app.request('/api/runs/9/items')).json(), { error: 'no run 9 in the store' });
    assert.equal((await app.request('/api/runs/1/items?offset=-3')).status, 400);
    assert.equal((await app.request('/api/nothing')).status, 404);

    const locked = createDashboard({ store, token: 's3cret-token' });
    assert.equal((await locked.request('/api/runs')).status, 401);
    assert.equal((await locked.request('/api/runs', { headers: { authorization: 'Bearer wrong' } })).status, 401);
    assert.equal((await locked.request('/api/runs', { headers: { authorization: 'Bearer s3cret-token' } })).status, 200);
    assert.equal((await locked.request('/?token=s3cret-token')).status, 200);
    assert.equal((await locked.request('/api/runs?token=s3cret-token')).status, 401, 'the API takes the token only as a header');
  } finally {
    await store.close();
  }
});

test('serve refuses to bind beyond loopback without a token', async () => {
  const r = await runCli(['serve', '-c', 'ricegrade.yaml', '--host', '0.0.0.0'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--host 0\.0\.0\.0: binding beyond loopback exposes your results; add --token/);
});
