import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { arithJsonl, configYaml, runCli, workspace } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-llm-server.js';

let server: FakeServer;
before(async () => {
  server = await startFakeServer();
});
after(() => server.close());

/** Bad input exits 2 with one `error:` line naming where, no stack trace, and nothing sent upstream. */
async function expectBadInput(files: Record<string, string>, pattern: RegExp, args: string[] = ['run', '-c', 'ricegrade.yaml']) {
  const before = server.totalRequests;
  const dir = workspace(files);
  const r = await runCli(args, { cwd: dir });
  assert.equal(r.code, 2, `exit code; stderr: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, got:\n${r.stderr}`);
  assert.match(lines[0]!, /^error: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(server.totalRequests, before, 'no request sent');
  return { dir, r };
}

test('a misspelt provider names the field, the allowed values and the line', async () => {
  const yaml = configYaml(server.url, [{ name: 'a' }]).replace('provider: openai', 'provider: opneai');
  await expectBadInput({ 'ricegrade.yaml': yaml, 'arith.jsonl': arithJsonl(2) }, /ricegrade\.yaml:3: models\[0\]\.provider: expected one of openai, anthropic, llamacpp, replay \(got "opneai"\)/);
});

test('an unknown key is an error with a did-you-mean hint', async () => {
  const yaml = configYaml(server.url, [{ name: 'a', extra: 'concurency: 4' }]);
  await expectBadInput({ 'ricegrade.yaml': yaml, 'arith.jsonl': arithJsonl(2) }, /ricegrade\.yaml:7: models\[0\]: unknown key "concurency" \(did you mean "concurrency"\?\)/);
});

test('wrong types, missing fields, duplicates and YAML syntax errors name the path', async () => {
  const base = configYaml(server.url, [{ name: 'a' }]);
  await expectBadInput({ 'ricegrade.yaml': base.replace('input: 1.00', 'input: cheap'), 'arith.jsonl': '' }, /models\[0\]\.price\.input: expected number, got "cheap"/);
  await expectBadInput({ 'ricegrade.yaml': base.replace('    model: a\n', ''), 'arith.jsonl': '' }, /models\[0\]\.model: is required/);
  await expectBadInput({ 'ricegrade.yaml': configYaml(server.url, [{ name: 'a' }, { name: 'a' }]), 'arith.jsonl': '' }, /models\[1\]\.name: duplicate name "a"/);
  await expectBadInput({ 'ricegrade.yaml': 'models: [\n  oops: {\n', 'arith.jsonl': '' }, /ricegrade\.yaml:\d+: YAML syntax error/);
  await expectBadInput({ 'ricegrade.yaml': base.replace('scorer: exact', 'scorer: exatc'), 'arith.jsonl': arithJsonl(2) }, /suites\[0\]\.scorer: unknown scorer "exatc"/);
  await expectBadInput({ 'ricegrade.yaml': base.replace('base_url: ', 'base_url: ftp:'), 'arith.jsonl': '' }, /models\[0\]\.base_url: expected an http\(s\) URL/);
});

test('a missing config or dataset file is bad input', async () => {
  await expectBadInput({}, /ricegrade\.yaml: config file not found/);
  await expectBadInput({ 'ricegrade.yaml': configYaml(server.url, [{ name: 'a' }]) }, /arith\.jsonl: dataset file not found/);
});

test('a malformed dataset line stops the run before any request, naming file and line, and stores nothing', async () => {
  const lines = arithJsonl(8).trim().split('\n');
  lines[5] = '{"id": "q5", "input": "What is 1 + 1?", "expected": }';
  const { dir } = await expectBadInput(
    { 'ricegrade.yaml': configYaml(server.url, [{ name: 'a' }]), 'arith.jsonl': lines.join('\n') + '\n' },
    /^error: arith\.jsonl:6: invalid JSON/,
  );
  // Nothing half-written: the suite's items were rolled back, no run was created.
  const results = await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir });
  assert.equal(results.code, 2);
  assert.match(results.stderr, /no runs yet|no results store/);
  assert.ok(existsSync(join(dir, 'arith.jsonl')));
});

test('dataset records with a wrong shape name the field', async () => {
  const cfg = configYaml(server.url, [{ name: 'a' }]);
  await expectBadInput({ 'ricegrade.yaml': cfg, 'arith.jsonl': '{"input": "x"}\n{"prompt": "y"}\n' }, /arith\.jsonl:2: input: missing/);
  await expectBadInput({ 'ricegrade.yaml': cfg, 'arith.jsonl': '{"input": "x", "expectd": "1"}\n' }, /arith\.jsonl:1: unknown field "expectd" \(did you mean "expected"\?\)/);
  await expectBadInput({ 'ricegrade.yaml': cfg, 'arith.jsonl': '{"id":"a","input":"x"}\n{"id":"a","input":"y"}\n' }, /arith\.jsonl:2: id: duplicate id "a" \(first on line 1\)/);
  await expectBadInput({ 'ricegrade.yaml': cfg, 'arith.jsonl': '{"input": [{"role": "robot", "content": "hi"}]}\n' }, /arith\.jsonl:1: input\[0\]\.role: expected one of system, user, assistant/);
  await expectBadInput({ 'ricegrade.yaml': cfg, 'arith.jsonl': '{"input": "x", "expected": {"a": 1}}\n' }, /arith\.jsonl:1: expected: /);
  await expectBadInput({ 'ricegrade.yaml': cfg, 'arith.jsonl': '\n\n' }, /holds no items/);
});

test('bad arguments exit 2', async () => {
  const dir = workspace();
  const unknown = await runCli(['run', '-c', 'x.yaml', '--bogus'], { cwd: dir });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown option '--bogus'/);
  const format = await runCli(['results', '--db', 'x.db', '--format', 'xml'], { cwd: dir });
  assert.equal(format.code, 2);
  assert.match(format.stderr, /xml/);
  const noStore = await runCli(['results'], { cwd: dir });
  assert.equal(noStore.code, 2);
  assert.match(noStore.stderr, /-c ricegrade\.yaml or --db PATH/);
});

test('--help works and lists the commands', async () => {
  const r = await runCli(['--help'], { cwd: workspace() });
  assert.equal(r.code, 0);
  for (const command of ['run', 'results', 'runs', 'demo']) assert.match(r.stdout, new RegExp(`\\b${command}\\b`));
});
