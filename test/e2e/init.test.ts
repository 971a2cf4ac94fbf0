import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { HOSTED_APIS } from '../../src/discovery/find-api-keys.js';
import { DEFAULT_PROBE_TARGETS, probeServers } from '../../src/discovery/probe-servers.js';
import { runCli, workspace } from '../helpers/cli.js';

const SECRET = 'sk-e2e-SECRET-VALUE-must-not-leak';
/** No API key variables, whatever the machine running the tests has set. */
const NO_KEYS = Object.fromEntries(HOSTED_APIS.map((a) => [a.envVar, '']));

// The assertions below expect no model server on the default ports; a developer machine may run one.
let serverRunning = false;
before(async () => {
  serverRunning = (await probeServers(DEFAULT_PROBE_TARGETS)).some((p) => p.status !== 'closed');
});

test('init with nothing found writes a valid config with a marked placeholder, then refuses to overwrite it', async (t) => {
  if (serverRunning) return t.skip('a server listens on a default port of this machine');
  const dir = workspace();
  const started = performance.now();
  const r = await runCli(['init'], { cwd: dir, env: NO_KEYS });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(performance.now() - started < 5000);
  assert.match(r.stdout, /none answered/);
  assert.match(r.stdout, /PLACEHOLDER at http:\/\/127\.0\.0\.1:8000\/v1/);
  assert.match(r.stdout, /npx ricegrade demo/);
  const config = loadConfig(join(dir, 'ricegrade.yaml'));
  assert.deepEqual(config.models.map((m) => [m.name, m.baseUrl]), [['placeholder', 'http://127.0.0.1:8000/v1']]);
  assert.equal(config.suites[0]!.name, 'starter');
  assert.equal(readFileSync(join(dir, 'starter.jsonl'), 'utf8').trim().split('\n').length, 5);

  const again = await runCli(['init'], { cwd: dir, env: NO_KEYS });
  assert.equal(again.code, 2);
  assert.equal(again.stderr, 'error: ricegrade.yaml exists; use --force to overwrite\n');
});

test('init --force with only an API key: the hosted model is active, by variable name; the key value never appears', async (t) => {
  if (serverRunning) return t.skip('a server listens on a default port of this machine');
  const dir = workspace({ 'ricegrade.yaml': 'old\n' });
  const r = await runCli(['init', '--force', '-c', 'ricegrade.yaml'], { cwd: dir, env: { ...NO_KEYS, OPENAI_API_KEY: SECRET, MISTRAL_API_KEY: SECRET } });
  assert.equal(r.code, 0, r.stderr);
  const text = readFileSync(join(dir, 'ricegrade.yaml'), 'utf8');
  for (const output of [text, r.stdout, r.stderr]) assert.ok(!output.includes(SECRET));
  assert.match(r.stdout, /API keys in the environment \(names only\): OPENAI_API_KEY, MISTRAL_API_KEY/);
  assert.match(r.stdout, /a run costs money/);
  assert.match(text, /# - name: mistral-small-latest/);
  const config = loadConfig(join(dir, 'ricegrade.yaml'));
  assert.deepEqual(config.models.map((m) => [m.name, m.apiKeyEnv]), [['gpt-4o-mini', 'OPENAI_API_KEY']]);
});

test('init --models-dir finds GGUF files (llamacpp entries, paths relative to the config)', async (t) => {
  if (serverRunning) return t.skip('a server listens on a default port of this machine');
  const dir = workspace();
  mkdirSync(join(dir, 'models', 'small'), { recursive: true });
  writeFileSync(join(dir, 'models', 'small', 'Tiny-Q4.gguf'), Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(60)]));
  writeFileSync(join(dir, 'models', 'broken.gguf'), 'not gguf');
  const r = await runCli(['init', '-c', 'eval/ricegrade.yaml', '--models-dir', 'models'], { cwd: dir, env: NO_KEYS });
  assert.equal(r.code, 0, r.stderr);
  const text = readFileSync(join(dir, 'eval', 'ricegrade.yaml'), 'utf8');
  assert.match(text, /- name: tiny-q4\n {4}provider: llamacpp\n {4}path: \.\.\/models\/small\/Tiny-Q4\.gguf\n {4}threads: 1\n/);
  assert.doesNotMatch(text, /PLACEHOLDER/);
  assert.match(r.stdout, /GGUF files under models: models\/small\/Tiny-Q4\.gguf/);
  assert.match(r.stdout, /skipped models\/broken\.gguf/);
  assert.match(r.stdout, /next: {2}npx ricegrade run -c eval\/ricegrade\.yaml/);
});
