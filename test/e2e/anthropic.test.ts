import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { arithJsonl, runCli, workspace } from '../helpers/cli.js';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic-server.js';

let server: FakeAnthropic;
before(async () => {
  server = await startFakeAnthropic({
    models: ['claude-perfect', 'claude-busy', 'claude-overloaded', 'claude-bad'],
    fault: (model, attempt) => (model === 'claude-busy' && attempt === 1 ? 429 : model === 'claude-overloaded' && attempt <= 2 ? 529 : model === 'claude-bad' ? 400 : undefined),
  });
});
after(() => server.close());

const model = (name: string, id: string, extra = '') =>
  `  - { name: ${name}, provider: anthropic, model: ${id}, base_url: "${server.url}", price: { input: 3, output: 15 }, backoff_ms: 1, max_backoff_ms: 5${extra} }`;

test('provider anthropic: Messages API with x-api-key and anthropic-version, system prompt mapped, usage metered', async () => {
  const dir = workspace({
    'arith.jsonl': arithJsonl(20),
    'ricegrade.yaml': ['models:', model('claude', 'claude-perfect'), 'suites:', '  - { name: arith, path: arith.jsonl, scorer: exact, system: "Answer with the number only." }'].join('\n') + '\n',
  });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir, env: { ANTHROPIC_API_KEY: 'sk-ant-test-KEY-123456' } });
  assert.equal(r.code, 0, r.stderr);
  const first = server.requests.find((q) => q.model === 'claude-perfect')!;
  assert.equal(first.apiKey, 'sk-ant-test-KEY-123456', 'ANTHROPIC_API_KEY is the default key variable');
  assert.equal(first.version, '2023-06-01');
  assert.equal(first.body.system, 'Answer with the number only.');
  assert.ok(first.body.messages.every((m: { role: string }) => m.role !== 'system'));
  assert.equal(first.body.max_tokens, 1024);
  const [row] = JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout);
  assert.equal(row.score, 1);
  assert.equal(row.cost_estimated, false);
  assert.ok(Math.abs(row.cost_usd - (row.input_tokens * 3 + row.output_tokens * 15) / 1e6) < 1e-12);
});

test('provider anthropic: 429 and 529 are retried; 400, 401 and 404 are recorded per response with their message; other models carry on', async () => {
  const dir = workspace({
    'arith.jsonl': arithJsonl(6),
    'ricegrade.yaml':
      ['models:', model('busy', 'claude-busy'), model('overloaded', 'claude-overloaded'), model('bad', 'claude-bad'), model('missing', 'claude-nope'), model('nokey', 'claude-perfect', ', api_key_env: EMPTY_KEY_VAR'), model('ok', 'claude-perfect')].join('\n') +
      '\nsuites:\n  - { name: arith, path: arith.jsonl, scorer: exact }\n',
  });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir, env: { ANTHROPIC_API_KEY: 'sk-ant-x', EMPTY_KEY_VAR: '' } });
  // An unset key variable is bad input before anything is sent.
  assert.equal(r.code, 2);
  assert.match(r.stderr, /models\[4\]\.api_key_env: environment variable EMPTY_KEY_VAR is not set/);

  const yaml = ['models:', model('busy', 'claude-busy'), model('overloaded', 'claude-overloaded'), model('bad', 'claude-bad'), model('missing', 'claude-nope'), model('ok', 'claude-perfect')].join('\n') + '\nsuites:\n  - { name: arith, path: arith.jsonl, scorer: exact }\n';
  const dir2 = workspace({ 'arith.jsonl': arithJsonl(6), 'ricegrade.yaml': yaml });
  const run = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir2, env: { ANTHROPIC_API_KEY: 'sk-ant-x' } });
  assert.equal(run.code, 0, run.stderr);
  const rows = new Map((JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir2 })).stdout) as Array<{ model: string; n: number; errors: number }>).map((x) => [x.model, x]));
  assert.deepEqual([rows.get('busy')!.n, rows.get('busy')!.errors], [6, 0]);
  assert.deepEqual([rows.get('overloaded')!.n, rows.get('overloaded')!.errors], [6, 0]);
  assert.equal(server.requests.filter((q) => q.model === 'claude-overloaded').length, 18, 'two 529s then an answer, per item');
  assert.deepEqual([rows.get('bad')!.errors, rows.get('missing')!.errors, rows.get('ok')!.n], [6, 6, 6]);
  const db = new Database(join(dir2, '.ricegrade', 'ricegrade.db'), { readonly: true });
  const messages = db.prepare("SELECT model, error_status, error_message FROM responses WHERE error_code IS NOT NULL GROUP BY model").all() as Array<{ model: string; error_status: number; error_message: string }>;
  db.close();
  const by = new Map(messages.map((m) => [m.model, m]));
  assert.equal(by.get('claude-bad')!.error_status, 400);
  assert.match(by.get('claude-bad')!.error_message, /HTTP 400: invalid_request_error: scripted fault/);
  assert.match(by.get('claude-nope')!.error_message, /HTTP 404: not_found_error: model: claude-nope/);
  assert.ok(server.requests.filter((q) => q.model === 'claude-bad').length === 6, '400 is not retried');
});
