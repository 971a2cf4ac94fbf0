import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadConfig } from '../config/load.js';
import { HOSTED_APIS, type HostedApi } from './find-api-keys.js';
import { buildStarterConfig, createNamer, modelName, PLACEHOLDER_BASE_URL, starterJsonl, yamlScalar, type ServerFound } from './starter-config.js';

const api = (envVar: string): HostedApi => HOSTED_APIS.find((a) => a.envVar === envVar)!;

function server(port: number, kind: string, models: string[]): ServerFound {
  return { target: { port, kind }, status: 'models', baseUrl: `http://127.0.0.1:${port}/v1`, models };
}

interface Doc {
  models: Array<Record<string, unknown>>;
  suites: Array<Record<string, unknown>>;
}

/** The entries written commented out, with one "# " removed from each line, parsed. */
function uncommented(text: string): Array<Record<string, unknown>> {
  const lines = text.split('\n').filter((l) => /^ {2}# (- | {2})[a-z_]+:/.test(l)).map((l) => l.replace(/^ {2}# /, '  '));
  return (parse(`models:\n${lines.join('\n')}\n`) as Doc).models;
}

/** Write a config and its starter dataset to a fresh folder and load it. */
function loadWritten(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'rg-starter-'));
  writeFileSync(join(dir, 'ricegrade.yaml'), text);
  writeFileSync(join(dir, 'starter.jsonl'), starterJsonl());
  return loadConfig(join(dir, 'ricegrade.yaml'));
}

test('modelName and createNamer: lower-case, separators to "-", unique', () => {
  assert.equal(modelName('Qwen/Qwen2.5-7B-Instruct'), 'qwen-qwen2.5-7b-instruct');
  assert.equal(modelName('llama3.2:latest'), 'llama3.2-latest');
  assert.equal(modelName('My Model : v1'), 'my-model-v1');
  assert.equal(modelName('/models/x.gguf'), 'models-x.gguf');
  assert.equal(modelName(' / '), 'model');
  const name = createNamer();
  assert.deepEqual(['Llama3', 'llama3', 'LLAMA3', 'other'].map(name), ['llama3', 'llama3-2', 'llama3-3', 'other']);
});

test('yamlScalar quotes only what would not read back as the same string', () => {
  assert.equal(yamlScalar('llama3.2:latest'), 'llama3.2:latest');
  assert.equal(yamlScalar('http://127.0.0.1:8000/v1'), 'http://127.0.0.1:8000/v1');
  assert.equal(yamlScalar('../models/a.gguf'), '../models/a.gguf');
  for (const value of ['.inf', '~', '.NaN', '123', 'true', 'null', 'a: b', '#x', 'x #y', 'it\'s', 'a\nb', '', 'x:']) {
    assert.equal((parse(`k: ${yamlScalar(value)}`) as { k: unknown }).k, value, value);
  }
});

test('servers and an API key: local models active and loadable, the hosted one commented out', () => {
  const ids = ['llama3.2:latest', 'Qwen/Qwen2.5 7B', 'nomic-embed-text', 'm3', 'm4', 'm5', 'm6', 'm7'];
  const config = buildStarterConfig({
    configFile: '/work/x/ricegrade.yaml',
    servers: [server(11434, 'Ollama', ids), server(8080, 'llama.cpp server', ['llama3.2:latest'])],
    apis: [api('OPENAI_API_KEY'), api('GROQ_API_KEY')],
    ggufs: [],
  });
  const doc = parse(config.text) as Doc;
  assert.deepEqual(
    doc.models.map((m) => [m.name, m.model, m.base_url]),
    [
      ['llama3.2-latest', 'llama3.2:latest', 'http://127.0.0.1:11434/v1'],
      ['qwen-qwen2.5-7b', 'Qwen/Qwen2.5 7B', 'http://127.0.0.1:11434/v1'],
      ['m3', 'm3', 'http://127.0.0.1:11434/v1'],
      ['m4', 'm4', 'http://127.0.0.1:11434/v1'],
      ['m5', 'm5', 'http://127.0.0.1:11434/v1'],
      ['llama3.2-latest-2', 'llama3.2:latest', 'http://127.0.0.1:8080/v1'],
    ],
  );
  assert.ok(doc.models.every((m) => m.provider === 'openai' && m.price === undefined && m.api_key_env === undefined));
  assert.deepEqual(doc.suites, [{ name: 'starter', path: 'starter.jsonl', scorer: 'numeric' }]);
  assert.match(config.text, /default port of Ollama/);
  assert.match(config.text, /default port of llama\.cpp server/);
  assert.match(config.text, /# price: \{ input: 0\.00, output: 0\.00 \}/);
  assert.match(config.text, /Also listed there .*m6, m7/);
  assert.equal(config.placeholder, false);
  assert.equal(config.activeHosted, undefined);
  assert.deepEqual(config.commented.map((m) => m.name), ['gpt-4o-mini', 'groq-llama-3.1-8b-instant']);

  assert.deepEqual(uncommented(config.text), [
    { name: 'gpt-4o-mini', provider: 'openai', model: 'gpt-4o-mini', api_key_env: 'OPENAI_API_KEY' },
    { name: 'groq-llama-3.1-8b-instant', provider: 'openai', model: 'llama-3.1-8b-instant', base_url: 'https://api.groq.com/openai/v1', api_key_env: 'GROQ_API_KEY' },
  ]);

  const loaded = loadWritten(config.text);
  assert.equal(loaded.models.length, 6);
  assert.ok(loaded.models.every((m) => m.price === undefined && m.apiKeyEnv === undefined));
  assert.equal(loaded.suites[0]!.scorer.name, 'numeric');
});

test('only API keys: the first hosted API is active (and says it costs money), the rest commented out', () => {
  const config = buildStarterConfig({ configFile: '/w/ricegrade.yaml', servers: [], apis: [api('OPENAI_API_KEY'), api('ANTHROPIC_API_KEY'), api('DEEPSEEK_API_KEY')], ggufs: [] });
  const doc = parse(config.text) as Doc;
  assert.deepEqual(doc.models, [{ name: 'gpt-4o-mini', provider: 'openai', model: 'gpt-4o-mini', api_key_env: 'OPENAI_API_KEY' }]);
  assert.equal(config.activeHosted?.envVar, 'OPENAI_API_KEY');
  assert.match(config.text, /ACTIVE because no local model was found: a run COSTS MONEY/);
  assert.match(config.text, /^ {4}# price: \{ input: <USD per 1M input tokens>/m);
  assert.deepEqual(uncommented(config.text), [
    { name: 'claude-haiku-4-5', provider: 'anthropic', model: 'claude-haiku-4-5', api_key_env: 'ANTHROPIC_API_KEY' },
    { name: 'deepseek-chat', provider: 'openai', model: 'deepseek-chat', base_url: 'https://api.deepseek.com/v1', api_key_env: 'DEEPSEEK_API_KEY' },
  ]);
  const loaded = loadWritten(config.text);
  assert.deepEqual(loaded.models.map((m) => [m.name, m.apiKeyEnv, m.baseUrl]), [['gpt-4o-mini', 'OPENAI_API_KEY', 'https://api.openai.com/v1']]);
});

test('GGUF files: llamacpp entries with paths relative to the config and threads: 1', () => {
  const config = buildStarterConfig({
    configFile: '/work/project/ricegrade.yaml',
    servers: [],
    apis: [api('ANTHROPIC_API_KEY')],
    ggufs: [{ path: '/work/project/models/TinyLlama-1.1B.Q4_K_M.gguf', size: 1 }, { path: '/work/shared/big-00001-of-00003.gguf', size: 1 }],
  });
  const doc = parse(config.text) as Doc;
  assert.deepEqual(doc.models, [
    { name: 'tinyllama-1.1b.q4_k_m', provider: 'llamacpp', path: 'models/TinyLlama-1.1B.Q4_K_M.gguf', threads: 1 },
    { name: 'big', provider: 'llamacpp', path: '../shared/big-00001-of-00003.gguf', threads: 1 },
  ]);
  assert.match(config.text, /1 thread was far faster than 2/);
  assert.match(config.text, /# context_size: 4096/);
  assert.deepEqual(config.commented.map((m) => m.provider), ['anthropic'], 'a local model was found: the hosted one stays commented out');
});

test('nothing found: a valid file whose one active model is the marked placeholder', () => {
  const config = buildStarterConfig({ configFile: '/w/ricegrade.yaml', servers: [server(1234, 'LM Studio', [])], apis: [], ggufs: [] });
  assert.equal(config.placeholder, true);
  assert.match(config.text, /PLACEHOLDER: no model server, API key or GGUF file was found/);
  assert.match(config.text, /npx ricegrade demo/);
  assert.match(config.text, /lists no chat model/);
  const loaded = loadWritten(config.text);
  assert.deepEqual(loaded.models.map((m) => [m.name, m.model, m.baseUrl, m.apiKeyEnv]), [['placeholder', 'your-model-id', PLACEHOLDER_BASE_URL, undefined]]);
});

test('starterJsonl: five numeric items with ids', () => {
  const items = starterJsonl().trim().split('\n').map((l) => JSON.parse(l) as { id: string; input: string; expected: string });
  assert.equal(items.length, 5);
  assert.equal(new Set(items.map((i) => i.id)).size, 5);
  assert.ok(items.every((i) => /^\d+$/.test(i.expected) && i.input.includes('number only')));
});
