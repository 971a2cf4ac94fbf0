import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { arithJsonl, configYaml, runCli, workspace } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-llm-server.js';

interface Row {
  model: string;
  suite: string;
  n: number;
  score: number;
  ci_low: number;
  ci_high: number;
  errors: number;
  cost_usd: number;
  cost_estimated: boolean;
  input_tokens: number;
  output_tokens: number;
  latency_p50_ms: number;
  latency_p95_ms: number;
}

let server: FakeServer;
before(async () => {
  server = await startFakeServer({
    answer: (req) => {
      // Scripted faults by model id, so one server serves every scenario.
      if (req.model === 'flaky-429' && req.attempt === 1) return { status: 429, headers: { 'retry-after': '0' }, text: 'slow down' };
      if (req.model === 'flaky-500' && req.attempt <= 2) return { status: 500, text: 'upstream exploded' };
      if (req.model === 'broken' && req.prompt.includes('What is 18 +')) return { rawBody: '{"choices": [' };
      if (req.model === 'down') return { status: 503, text: 'maintenance' };
      if (req.model === 'no-usage') return { usage: null };
      if (req.model === 'denied') return { status: 401, text: `Incorrect API key provided: ${String(req.headers.authorization).slice(7)}` };
      return undefined;
    },
  });
});
after(() => server.close());

async function results(dir: string, extra: string[] = []): Promise<Row[]> {
  const r = await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json', ...extra], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Row[];
}

test('run scores every item, meters cost from usage, and stores it in .ricegrade/ricegrade.db', async () => {
  const dir = workspace({ 'arith.jsonl': arithJsonl(40), 'ricegrade.yaml': configYaml(server.url, [{ name: 'perfect', model: 'perfect-1' }, { name: 'wrong', model: 'wrong-1' }, { name: 'mid', model: 'mid-1' }]) });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /perfect/);
  assert.equal(readFileSync(join(dir, '.ricegrade', 'ricegrade.db')).subarray(0, 15).toString(), 'SQLite format 3');

  const rows = await results(dir);
  const by = new Map(rows.map((row) => [row.model, row]));
  assert.equal(by.get('perfect')!.score, 1);
  assert.equal(by.get('wrong')!.score, 0);
  const mid = by.get('mid')!;
  assert.equal(mid.n, 40);
  assert.ok(mid.score > 0.4 && mid.score < 0.95, `mid score ${mid.score}`);
  assert.ok(mid.ci_low < mid.score && mid.score < mid.ci_high);
  // Cost = usage reported by the server × price ($1 / $4 per 1M tokens).
  const sent = server.requests.filter((q) => q.model === 'mid-1');
  const expectedIn = sent.reduce((s, q) => s + Math.max(1, Math.ceil(q.prompt.length / 4)), 0);
  assert.equal(mid.input_tokens, expectedIn);
  assert.ok(Math.abs(mid.cost_usd - (mid.input_tokens * 1 + mid.output_tokens * 4) / 1e6) < 1e-9);
  assert.equal(mid.cost_estimated, false);
  assert.ok(mid.latency_p50_ms >= 0 && mid.latency_p95_ms >= mid.latency_p50_ms);
});

test('a second run of the same config sends no request and reuses every stored answer', async () => {
  const dir = workspace({ 'arith.jsonl': arithJsonl(25), 'ricegrade.yaml': configYaml(server.url, [{ name: 'cached', model: 'cache-1' }]) });
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  const before = server.countFor('cache-1');
  assert.equal(before, 25);
  const again = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(server.countFor('cache-1'), before, 'no request re-sent');
  assert.match(again.stderr, /0 requests sent/);
  assert.match(again.stderr, /25 answers reused/);
  const rows = await results(dir);
  assert.equal(rows[0]!.n, 25);
  // Both runs are kept; the latest is shown by default and run 1 can be asked for.
  assert.equal((await results(dir, ['--run', '1']))[0]!.n, 25);
});

test('429 and 500 are retried (Retry-After honoured); the results have no errors', async () => {
  const dir = workspace({
    'arith.jsonl': arithJsonl(12),
    'ricegrade.yaml': configYaml(server.url, [
      { name: 'r429', model: 'flaky-429' },
      { name: 'r500', model: 'flaky-500', extra: 'backoff_ms: 5\nmax_backoff_ms: 20' },
    ]),
  });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(server.countFor('flaky-429'), 24, 'each item: one 429 then one success');
  assert.equal(server.countFor('flaky-500'), 36, 'each item: two 500s then one success');
  for (const row of await results(dir)) assert.equal(row.errors, 0);
});

test('errors that survive retries are recorded per response and never stop the run', async () => {
  const dir = workspace({
    'arith.jsonl': arithJsonl(10),
    'ricegrade.yaml': configYaml(server.url, [
      { name: 'broken', extra: 'retries: 0' },
      { name: 'down', extra: 'retries: 2\nbackoff_ms: 1\nmax_backoff_ms: 2' },
      { name: 'ok', model: 'perfect-ok' },
    ]),
  });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const by = new Map((await results(dir)).map((row) => [row.model, row]));
  assert.equal(by.get('broken')!.errors, 1, 'one malformed body');
  assert.equal(by.get('broken')!.n, 9);
  assert.equal(by.get('down')!.errors, 10);
  assert.equal(by.get('down')!.n, 0);
  assert.equal(server.countFor('down'), 30, '1 try + 2 retries per item');
  assert.equal(by.get('ok')!.score, 1);
  const db = new Database(join(dir, '.ricegrade', 'ricegrade.db'), { readonly: true });
  const err = db.prepare("SELECT error_code, error_status, error_message FROM responses WHERE model = 'down' LIMIT 1").get() as Record<string, unknown>;
  db.close();
  assert.deepEqual([err.error_code, err.error_status], ['PROVIDER_HTTP', 503]);
  assert.match(String(err.error_message), /maintenance/);
});

test('missing upstream usage is estimated with a tokenizer and marked estimated', async () => {
  const dir = workspace({ 'arith.jsonl': arithJsonl(5), 'ricegrade.yaml': configYaml(server.url, [{ name: 'no-usage' }]) });
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  const [row] = await results(dir);
  assert.equal(row!.cost_estimated, true);
  // "What is 11 + 3? Answer with the number only." is about a dozen tokens, plus message overhead.
  assert.ok(row!.input_tokens > 5 * 10 && row!.input_tokens < 5 * 30, `input tokens ${row!.input_tokens}`);
  assert.ok(row!.cost_usd > 0);
  const table = await runCli(['results', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.match(table.stdout, /~\$/);
});

test('the API key is sent upstream but never reaches the store, the output or error messages', async () => {
  const key = 'sk-test-SECRET-abcdef0123456789';
  const dir = workspace({
    'arith.jsonl': arithJsonl(3),
    'ricegrade.yaml': configYaml(server.url, [{ name: 'keyed', extra: 'api_key_env: RG_TEST_KEY' }, { name: 'denied', extra: 'api_key_env: RG_TEST_KEY' }]),
  });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir, env: { RG_TEST_KEY: key } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(server.requests.find((q) => q.model === 'keyed')!.authorization, `Bearer ${key}`);
  const db = readFileSync(join(dir, '.ricegrade', 'ricegrade.db'));
  const wal = (() => {
    try {
      return readFileSync(join(dir, '.ricegrade', 'ricegrade.db-wal'));
    } catch {
      return Buffer.alloc(0);
    }
  })();
  for (const haystack of [db.toString('latin1'), wal.toString('latin1'), r.stdout, r.stderr]) {
    assert.ok(!haystack.includes('SECRET-abcdef'), 'key leaked');
  }
  const dbh = new Database(join(dir, '.ricegrade', 'ricegrade.db'), { readonly: true });
  const msg = dbh.prepare("SELECT error_message FROM responses WHERE model = 'denied' LIMIT 1").pluck().get() as string;
  dbh.close();
  assert.match(msg, /HTTP 401/);
  assert.ok(!msg.includes('SECRET'), msg);

  const missing = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir, env: { RG_TEST_KEY: '' } });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^error: models\[0\]\.api_key_env: environment variable RG_TEST_KEY is not set/);
});

test('results as CSV and table; --db overrides the store for run and results', async () => {
  const dir = workspace({ 'arith.jsonl': arithJsonl(6), 'ricegrade.yaml': configYaml(server.url, [{ name: 'perfect', model: 'perfect-csv' }]) });
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml', '--db', 'elsewhere.db'], { cwd: dir })).code, 0);
  const csv = await runCli(['results', '--db', 'elsewhere.db', '--format', 'csv'], { cwd: dir });
  assert.equal(csv.code, 0, csv.stderr);
  const [header, line] = csv.stdout.trim().split('\n');
  assert.ok(header!.startsWith('model,suite,category,n,score,ci_low,ci_high'));
  assert.ok(line!.startsWith('perfect,arith,,6,1,'));
  const table = await runCli(['results', '--db', 'elsewhere.db'], { cwd: dir });
  assert.match(table.stdout, /perfect.*100\.0%/);
  const none = await runCli(['results', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(none.code, 2, 'the default store was not written');
  assert.match(none.stderr, /no results store/);
  const badRun = await runCli(['results', '--db', 'elsewhere.db', '--run', '99'], { cwd: dir });
  assert.equal(badRun.code, 2);
  assert.match(badRun.stderr, /no run 99/);
});

test('requests are limited to the configured concurrency per model', async () => {
  let active = 0;
  let peak = 0;
  const limited = await startFakeServer({
    answer: () => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => active--, 20);
      return { delayMs: 20 };
    },
  });
  try {
    const dir = workspace({ 'arith.jsonl': arithJsonl(30), 'ricegrade.yaml': configYaml(limited.url, [{ name: 'slow', extra: 'concurrency: 3' }]) });
    assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
    assert.equal(limited.countFor('slow'), 30);
    assert.ok(peak <= 3 && peak >= 2, `peak concurrency ${peak}`);
  } finally {
    await limited.close();
  }
});

test('a request that exceeds timeout_ms is retried, then recorded as a timeout error', async () => {
  const slow = await startFakeServer({ answer: () => ({ delayMs: 400 }) });
  try {
    const dir = workspace({ 'arith.jsonl': arithJsonl(2), 'ricegrade.yaml': configYaml(slow.url, [{ name: 'sleepy', extra: 'timeout_ms: 50\nretries: 1\nbackoff_ms: 1' }]) });
    const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(slow.countFor('sleepy'), 4);
    const [row] = await results(dir);
    assert.equal(row!.errors, 2);
  } finally {
    await slow.close();
  }
});

test('a model that fails every request is stopped after stop_after_errors; the others finish; a re-run completes it', async () => {
  let keyRevoked = true;
  const gate = await startFakeServer({ answer: (req) => (req.model === 'revoked' && keyRevoked ? { status: 401, text: 'invalid api key' } : undefined) });
  try {
    const dir = workspace({
      'arith.jsonl': arithJsonl(50),
      'ricegrade.yaml': configYaml(gate.url, [{ name: 'revoked', extra: 'concurrency: 2\nstop_after_errors: 5' }, { name: 'fine', model: 'perfect-fine' }]),
    });
    const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /model "revoked" was stopped after 5 consecutive failures \(last: HTTP 401: invalid api key\); its other \d+ items were not sent/);
    const sent = gate.countFor('revoked');
    assert.ok(sent >= 5 && sent <= 6, `sent ${sent} requests to a model that refuses every one`);
    const by = new Map((await results(dir)).map((row) => [row.model, row]));
    assert.equal(by.get('fine')!.n, 50);
    assert.equal(by.get('revoked')!.errors, sent);
    assert.equal(by.get('revoked')!.n, 0);

    keyRevoked = false;
    const again = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /resuming run 1/);
    const after = new Map((await results(dir)).map((row) => [row.model, row]));
    assert.equal(after.get('revoked')!.n, 50);
    assert.equal(after.get('revoked')!.errors, 0, 'errors are retried on the next run and replaced by answers');
    assert.equal(gate.countFor('perfect-fine'), 50, 'the healthy model was not asked again');
  } finally {
    await gate.close();
  }
});

test('changing the scorer re-scores the stored answers without calling any model', async () => {
  const dir = workspace({ 'arith.jsonl': arithJsonl(20), 'ricegrade.yaml': configYaml(server.url, [{ name: 'chatty', model: 'perfect-rescore' }]) });
  // The perfect model answers with the bare number; "includes" and "regex" see the same stored text.
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  const sent = server.countFor('perfect-rescore');
  const yaml = configYaml(server.url, [{ name: 'chatty', model: 'perfect-rescore' }]).replace('scorer: exact', 'scorer: { name: regex, pattern: "^(\\\\d)" }');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, 'ricegrade.yaml'), yaml);
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(server.countFor('perfect-rescore'), sent, 'no request sent for re-scoring');
  const [row] = await results(dir);
  // Only the first digit is compared now, so every multi-digit answer scores 0.
  assert.equal(row!.n, 20);
  assert.equal(row!.score, 0);
  const first = await results(dir, ['--run', '1']);
  assert.equal(first[0]!.score, 1, 'the earlier run keeps its own scores');
});

test('streamed answers record time to first token and output speed; stream: false does not', async () => {
  const slow = await startFakeServer({ answer: () => ({ delayMs: 120 }) });
  try {
    const dir = workspace({
      'arith.jsonl': arithJsonl(8),
      'ricegrade.yaml': configYaml(slow.url, [{ name: 'streamed', model: 'perfect-s' }, { name: 'plain', model: 'perfect-p', extra: 'stream: false' }]),
    });
    assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
    assert.equal(slow.requests.find((q) => q.model === 'perfect-s')!.body.stream, true);
    assert.equal(slow.requests.find((q) => q.model === 'perfect-p')!.body.stream, undefined);
    const by = new Map((await results(dir)).map((row) => [row.model, row as Row & { ttft_p50_ms: number | null }]));
    const ttft = by.get('streamed')!.ttft_p50_ms!;
    assert.ok(ttft >= 115 && ttft < 400, `the server waits 120 ms before answering: ttft ${ttft}`);
    assert.ok(by.get('streamed')!.latency_p50_ms >= ttft);
    assert.equal(by.get('streamed')!.score, 1, 'the streamed text is assembled from its chunks');
    assert.equal(by.get('streamed')!.cost_estimated, false, 'usage from the final chunk');
    assert.equal(by.get('plain')!.ttft_p50_ms, null);
  } finally {
    await slow.close();
  }
});
