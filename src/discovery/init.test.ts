import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { initCommand } from '../cli/init-command.js';
import { loadConfig } from '../config/load.js';
import { RicegradeError } from '../errors.js';
import { runInit, writeFileAtomic } from './init.js';
import type { ProbeTarget } from './probe-servers.js';

const SECRET = 'sk-test-DO-NOT-LEAK-0123456789';
let server: Server;
let targets: ProbeTarget[];

before(async () => {
  server = createServer((req, res) => {
    if (req.url !== '/v1/models') {
      res.statusCode = 404;
      return res.end();
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ object: 'list', data: [{ id: 'qwen2.5:0.5b' }, { id: 'Llama 3.2/1B' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const refused = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  targets = [
    { port, kind: 'Ollama' },
    { port: refused, kind: 'vLLM' },
  ];
});
after(() => {
  server.closeAllConnections();
  server.close();
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rg-init-'));
}

function capture() {
  let text = '';
  return { out: { write: (s: string) => (text += s) }, text: () => text };
}

test('init: a local server and API keys → a config that loads, hosted entries commented out, no key value anywhere', async () => {
  const dir = tempDir();
  const out = capture();
  const env = { OPENAI_API_KEY: SECRET, TOGETHER_API_KEY: SECRET, HOME: '/nowhere' };
  await initCommand({ config: join(dir, 'ricegrade.yaml'), modelsDir: dir }, env, targets, out.out);

  const text = readFileSync(join(dir, 'ricegrade.yaml'), 'utf8');
  const stdout = out.text();
  assert.ok(!text.includes(SECRET) && !stdout.includes(SECRET), 'the key value never appears');
  assert.match(stdout, /API keys in the environment \(names only\): OPENAI_API_KEY, TOGETHER_API_KEY/);
  assert.match(stdout, new RegExp(`127\\.0\\.0\\.1:${targets[0]!.port} \\(Ollama\\?\\): 2 model\\(s\\): qwen2\\.5:0\\.5b, Llama 3\\.2/1B`));
  assert.match(stdout, /GGUF files under .*: none/);
  assert.match(stdout, /2 hosted model\(s\) written commented out/);
  assert.match(stdout, /next: {2}npx ricegrade run -c /);
  assert.match(text, /# - name: gpt-4o-mini/);
  assert.match(text, /# {3}api_key_env: TOGETHER_API_KEY/);

  const config = loadConfig(join(dir, 'ricegrade.yaml'));
  const base = `http://127.0.0.1:${targets[0]!.port}/v1`;
  assert.deepEqual(config.models.map((m) => [m.name, m.model, m.baseUrl, m.apiKeyEnv, m.price]), [
    ['qwen2.5-0.5b', 'qwen2.5:0.5b', base, undefined, undefined],
    ['llama-3.2-1b', 'Llama 3.2/1B', base, undefined, undefined],
  ]);
  assert.deepEqual(config.suites.map((s) => [s.name, s.path, s.scorer.name]), [['starter', join(dir, 'starter.jsonl'), 'numeric']]);
  assert.equal(readFileSync(join(dir, 'starter.jsonl'), 'utf8').trim().split('\n').length, 5);
  assert.deepEqual(readdirSync(dir).sort(), ['ricegrade.yaml', 'starter.jsonl'], 'no temporary file is left behind');
});

test('init: refuses to overwrite an existing config without --force; --force replaces it and keeps the dataset', async () => {
  const dir = tempDir();
  const file = join(dir, 'ricegrade.yaml');
  writeFileSync(file, 'mine\n');
  writeFileSync(join(dir, 'starter.jsonl'), '{"input":"my own","expected":"1"}\n');
  const started = performance.now();
  await assert.rejects(runInit({ config: file, modelsDir: dir }, { env: {}, targets }), (err: unknown) => {
    assert.ok(RicegradeError.isInstance(err));
    assert.equal(err.code, 'ARGUMENT_INVALID');
    assert.equal(err.exitCode, 2);
    assert.equal(err.message, `${file} exists; use --force to overwrite`);
    return true;
  });
  assert.ok(performance.now() - started < 100, 'refused before probing anything');
  assert.equal(readFileSync(file, 'utf8'), 'mine\n');

  const result = await runInit({ config: file, modelsDir: dir, force: true }, { env: {}, targets, cwd: dir });
  assert.notEqual(readFileSync(file, 'utf8'), 'mine\n');
  assert.equal(loadConfig(file).models.length, 2);
  assert.equal(result.dataset.written, false);
  assert.equal(readFileSync(join(dir, 'starter.jsonl'), 'utf8'), '{"input":"my own","expected":"1"}\n', 'an existing dataset is kept');
  assert.match(result.summary, /kept the existing starter\.jsonl/);
  assert.match(result.summary, /wrote ricegrade\.yaml: 2 active model\(s\)/);
});

test('init: a config path in a new folder, GGUF paths relative to it, real and fake GGUF files', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'tiny.gguf'), Buffer.concat([Buffer.from('GGUF'), Buffer.from([3, 0, 0, 0]), Buffer.alloc(32)]));
  writeFileSync(join(dir, 'models', 'fake.gguf'), 'hello');
  const result = await runInit({ config: 'eval/ricegrade.yaml', modelsDir: 'models' }, { env: {}, targets: [], cwd: dir });
  const text = readFileSync(join(dir, 'eval', 'ricegrade.yaml'), 'utf8');
  const doc = parse(text) as { models: Array<Record<string, unknown>> };
  assert.deepEqual(doc.models, [{ name: 'tiny', provider: 'llamacpp', path: '../models/tiny.gguf', threads: 1 }]);
  assert.ok(existsSync(join(dir, 'eval', 'starter.jsonl')));
  assert.match(result.summary, /GGUF files under models: models\/tiny\.gguf/);
  assert.match(result.summary, /skipped models\/fake\.gguf: does not start with the GGUF magic bytes/);
});

test('init: nothing found → the placeholder and a message pointing at demo', async () => {
  const dir = tempDir();
  const result = await runInit({ config: 'ricegrade.yaml', modelsDir: '.' }, { env: {}, targets: targets.slice(1), cwd: dir });
  assert.equal(result.config.placeholder, true);
  assert.match(result.summary, /none answered/);
  assert.match(result.summary, /PLACEHOLDER at http:\/\/127\.0\.0\.1:8000\/v1/);
  assert.match(result.summary, /npx ricegrade demo/);
  assert.deepEqual(loadConfig(join(dir, 'ricegrade.yaml')).models.map((m) => m.baseUrl), ['http://127.0.0.1:8000/v1']);
});

test('init: a missing --models-dir is bad input', async () => {
  const dir = tempDir();
  await assert.rejects(runInit({ config: 'ricegrade.yaml', modelsDir: 'nope' }, { env: {}, targets: [], cwd: dir }), /--models-dir: nope: no such folder/);
  assert.equal(existsSync(join(dir, 'ricegrade.yaml')), false);
});

test('writeFileAtomic never replaces an existing file without overwrite', () => {
  const dir = tempDir();
  const file = join(dir, 'a.yaml');
  const refusal = () => new Error('refused');
  writeFileAtomic(file, 'one', false, refusal);
  assert.throws(() => writeFileAtomic(file, 'two', false, refusal), /refused/);
  assert.equal(readFileSync(file, 'utf8'), 'one');
  writeFileAtomic(file, 'three', true, refusal);
  assert.equal(readFileSync(file, 'utf8'), 'three');
  assert.deepEqual(readdirSync(dir), ['a.yaml']);
});
