import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { arithJsonl, collect, configYaml, runCli, spawnCli, waitFor, workspace } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-llm-server.js';

const ITEMS = 200;
const CONCURRENCY = 4;

let server: FakeServer;
before(async () => {
  server = await startFakeServer({ latencyMs: 15 });
});
after(() => server.close());

function storedAnswers(dir: string): number {
  const db = new Database(join(dir, '.ricegrade', 'ricegrade.db'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM responses WHERE error_code IS NULL').pluck().get() as number;
  } finally {
    db.close();
  }
}

test('after kill -9 mid-run, re-running finishes the rest and re-pays at most the requests in flight', async () => {
  const model = 'crash-1';
  const dir = workspace({ 'arith.jsonl': arithJsonl(ITEMS), 'ricegrade.yaml': configYaml(server.url, [{ name: 'crash', model, extra: `concurrency: ${CONCURRENCY}` }]) });
  const child = spawnCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  const done = collect(child);
  await waitFor(() => server.countFor(model) >= 60);
  child.kill('SIGKILL');
  const killed = await done;
  assert.equal(killed.signal, 'SIGKILL');
  const sentBefore = server.countFor(model);
  const stored = storedAnswers(dir);
  assert.ok(stored >= sentBefore - CONCURRENCY, `stored ${stored} of ${sentBefore} sent`);
  assert.ok(stored < ITEMS, 'the run was really cut short');

  const rerun = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.match(rerun.stderr, /resuming run 1/);
  const repaid = server.countFor(model) - ITEMS;
  assert.ok(repaid >= 0 && repaid <= CONCURRENCY, `re-paid ${repaid} requests (at most ${CONCURRENCY} were in flight)`);

  const r = await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir });
  const [row] = JSON.parse(r.stdout) as Array<{ n: number; errors: number }>;
  assert.equal(row!.n, ITEMS);
  assert.equal(row!.errors, 0);
});

test('Ctrl-C stops sending, stores the answers in flight, exits 130; re-running re-pays nothing', async () => {
  const model = 'sigint-1';
  const dir = workspace({ 'arith.jsonl': arithJsonl(ITEMS), 'ricegrade.yaml': configYaml(server.url, [{ name: 'stop', model, extra: `concurrency: ${CONCURRENCY}` }]) });
  const child = spawnCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  const done = collect(child);
  await waitFor(() => server.countFor(model) >= 50);
  child.kill('SIGINT');
  const stopped = await done;
  assert.equal(stopped.code, 130, stopped.stderr);
  assert.match(stopped.stderr, /stopping: no new requests/);
  assert.match(stopped.stderr, /run incomplete/);
  const sentBefore = server.countFor(model);
  assert.equal(storedAnswers(dir), sentBefore, 'every answer paid for is stored');
  assert.ok(sentBefore < ITEMS);

  const rerun = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.equal(server.countFor(model), ITEMS, 'nothing re-paid');
  const runs = await runCli(['runs', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.match(runs.stdout, /1 .*completed/);
});

test('Ctrl-C does not wait out retry backoff: nothing is on the wire, so it stops at once and records no error', async () => {
  const down = await startFakeServer({ answer: () => ({ status: 503, text: 'down for maintenance' }) });
  try {
    const dir = workspace({ 'arith.jsonl': arithJsonl(20), 'ricegrade.yaml': configYaml(down.url, [{ name: 'down', extra: 'concurrency: 2\nbackoff_ms: 30000\nmax_backoff_ms: 60000' }]) });
    const child = spawnCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
    const done = collect(child);
    await waitFor(() => down.countFor('down') >= 2);
    await new Promise((r) => setTimeout(r, 200));
    const start = Date.now();
    child.kill('SIGINT');
    const stopped = await done;
    assert.equal(stopped.code, 130, stopped.stderr);
    assert.ok(Date.now() - start < 5000, `took ${Date.now() - start} ms to stop`);
    assert.match(stopped.stderr, /retrying/);
    const db = new Database(join(dir, '.ricegrade', 'ricegrade.db'), { readonly: true });
    const n = db.prepare('SELECT count(*) FROM responses').pluck().get();
    db.close();
    assert.equal(n, 0, 'a cancelled retry is not recorded as an error');
  } finally {
    await down.close();
  }
});
