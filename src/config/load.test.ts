import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RicegradeError } from '../errors.js';
import { DEFAULT_SETTINGS } from './defaults.js';
import { loadConfig, readSecrets } from './load.js';

function write(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rg-cfg-'));
  const path = join(dir, 'ricegrade.yaml');
  writeFileSync(path, yaml);
  return path;
}

const BASE = `models:
  - name: mid
    provider: openai
    model: mid-1
    base_url: http://127.0.0.1:8000/v1/
    api_key_env: MY_KEY
    price: { input: 1.00, output: 4.00 }
suites:
  - name: arith
    path: data/arith.jsonl
    scorer: exact
`;

function configError(yaml: string): string {
  try {
    loadConfig(write(yaml));
  } catch (err) {
    assert.ok(RicegradeError.isInstance(err));
    assert.equal(err.exitCode, 2);
    return err.message;
  }
  assert.fail('expected a config error');
}

test('the documented example loads, with defaults, resolved paths and the store beside the config', () => {
  const path = write(BASE);
  const config = loadConfig(path);
  const [model] = config.models;
  assert.equal(model!.baseUrl, 'http://127.0.0.1:8000/v1', 'trailing slash dropped');
  assert.deepEqual(model!.settings, { ...DEFAULT_SETTINGS, rpm: undefined, tpm: undefined });
  assert.deepEqual(model!.price, { input: 1, output: 4 });
  assert.equal(config.suites[0]!.path, join(path, '..', 'data', 'arith.jsonl'));
  assert.equal(config.suites[0]!.format, 'jsonl');
  assert.deepEqual(config.suites[0]!.scorer, { name: 'exact' });
  assert.equal(config.storePath, join(path, '..', '.ricegrade', 'ricegrade.db'));
  assert.equal(config.epochs, 1);
  assert.match(config.hash, /^[0-9a-f]{64}$/);
});

test('defaults: apply to every model and a model overrides them', () => {
  const config = loadConfig(
    write(`defaults: { concurrency: 2, temperature: 0.5, max_tokens: 64 }
models:
  - { name: a, provider: openai, model: a, base_url: "http://x/v1" }
  - { name: b, provider: openai, model: b, base_url: "http://x/v1", concurrency: 16, rpm: 60, tpm: 10000 }
suites:
  - { name: s, path: s.csv, scorer: { name: numeric, tolerance: 0.5 } }
`),
  );
  assert.equal(config.models[0]!.settings.concurrency, 2);
  assert.equal(config.models[1]!.settings.concurrency, 16);
  assert.equal(config.models[1]!.settings.temperature, 0.5);
  assert.equal(config.models[1]!.settings.maxTokens, 64);
  assert.equal(config.models[1]!.settings.rpm, 60);
  assert.equal(config.models[0]!.settings.timeoutMs, DEFAULT_SETTINGS.timeoutMs);
  assert.equal(config.suites[0]!.format, 'csv');
  assert.deepEqual(config.suites[0]!.scorer, { name: 'numeric', tolerance: 0.5 });
});

test('the OpenAI endpoint and OPENAI_API_KEY are the defaults when base_url is omitted', () => {
  const config = loadConfig(write('models: [{ name: g, provider: openai, model: gpt-4o-mini }]\nsuites: [{ name: s, path: s.jsonl, scorer: exact }]\n'));
  assert.equal(config.models[0]!.baseUrl, 'https://api.openai.com/v1');
  assert.equal(config.models[0]!.apiKeyEnv, 'OPENAI_API_KEY');
});

test('the config hash ignores formatting and key order but not content', () => {
  const a = loadConfig(write(BASE)).hash;
  const b = loadConfig(write(BASE.replace('price: { input: 1.00, output: 4.00 }', 'price:\n      output: 4\n      input: 1'))).hash;
  const c = loadConfig(write(BASE.replace('output: 4.00', 'output: 5.00'))).hash;
  assert.equal(a, b);
  assert.notEqual(a, c);
});

test('errors name file, line and path', () => {
  assert.equal(configError(BASE.replace('provider: openai', 'provider: opneai')), 'ricegrade.yaml:3: models[0].provider: expected one of openai, anthropic, llamacpp, replay (got "opneai")');
  assert.match(configError(BASE.replace('    model: mid-1', '    modle: mid-1')), /^ricegrade\.yaml:4: models\[0\]: unknown key "modle" \(did you mean "model"\?\)/);
  assert.match(configError(BASE + 'extra: 1\n'), /^ricegrade\.yaml:12: unknown key "extra"/);
  assert.match(configError(BASE.replace('input: 1.00', 'input: -1')), /models\[0\]\.price\.input: must be ≥ 0 \(got -1\)/);
  assert.match(configError(BASE.replace('scorer: exact', 'scorer: 42')), /suites\[0\]\.scorer: invalid value 42/);
  assert.match(configError(BASE.replace('data/arith.jsonl', 'data/arith.txt')), /suites\[0\]\.path: cannot tell the format/);
  assert.match(configError(BASE.replace('api_key_env: MY_KEY', 'api_key_env: sk-live-123')), /models\[0\]\.api_key_env: must be an environment variable name/);
  assert.match(configError('models: []\nsuites: []\n'), /models: at least one model is required/);
  assert.match(configError('- just\n- a list\n'), /expected a mapping/);
  assert.match(configError(BASE.replace('name: arith', 'name: arith\n    template: "no placeholder"')), /suites\[0\]\.template: must contain the placeholder \{input\}/);
});

test('secrets are read from the named environment variables only', () => {
  const config = loadConfig(write(BASE));
  assert.equal(readSecrets(config, { MY_KEY: 'k-123' }).get('mid'), 'k-123');
  assert.throws(() => readSecrets(config, {}), /models\[0\]\.api_key_env: environment variable MY_KEY is not set/);
});
