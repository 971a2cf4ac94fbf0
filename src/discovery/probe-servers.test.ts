import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { isChatModelId, modelIds, probeServers } from './probe-servers.js';

const servers: Server[] = [];

async function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let openai: number;
let hanging: number;
let html: number;
let refused: number;
const requests: string[] = [];

before(async () => {
  openai = await listen((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ object: 'list', data: [{ id: 'llama3.2:latest', object: 'model' }, { id: 'nomic-embed-text' }, { id: 'llama3.2:latest' }, { nope: 1 }] }));
  });
  hanging = await listen(() => {
    // accepts the connection, never answers
  });
  html = await listen((_req, res) => {
    res.statusCode = 200;
    res.setHeader('content-type', 'text/html');
    res.end('<html>a web app</html>');
  });
  refused = await closedPort();
});

after(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

test('probeServers: a model list, connection refused, a server that never answers, and a non-model server, concurrently', async () => {
  const started = performance.now();
  const results = await probeServers(
    [
      { port: openai, kind: 'Ollama' },
      { port: refused, kind: 'llama.cpp server' },
      { port: hanging, kind: 'LM Studio' },
      { port: html, kind: 'vLLM' },
    ],
    { timeoutMs: 300 },
  );
  const elapsed = performance.now() - started;
  assert.deepEqual(results.map((r) => r.status), ['models', 'closed', 'timeout', 'not-a-model-server']);
  const first = results[0]!;
  assert.ok(first.status === 'models');
  assert.equal(first.baseUrl, `http://127.0.0.1:${openai}/v1`);
  assert.deepEqual(first.models, ['llama3.2:latest', 'nomic-embed-text'], 'ids de-duplicated, entries without an id ignored');
  assert.deepEqual(requests, ['GET /v1/models']);
  assert.equal(results[1]!.status === 'closed' && results[1]!.detail, 'ECONNREFUSED');
  assert.ok(elapsed >= 290, `the hanging server is waited for up to the timeout (${elapsed} ms)`);
  assert.ok(elapsed < 1000, `probes run concurrently and the timeout is respected (${elapsed} ms)`);
});

test('probeServers: the default timeout keeps a hanging probe well under 2 s', async () => {
  const started = performance.now();
  const [result] = await probeServers([{ port: hanging, kind: 'x' }]);
  const elapsed = performance.now() - started;
  assert.equal(result!.status, 'timeout');
  assert.ok(elapsed < 1500, `${elapsed} ms`);
});

test('modelIds reads OpenAI-style lists only', () => {
  assert.deepEqual(modelIds('{"data":[{"id":"a"},{"id":"b"}]}'), ['a', 'b']);
  assert.deepEqual(modelIds('{"data":[]}'), []);
  assert.equal(modelIds('{"models":[]}'), undefined);
  assert.equal(modelIds('not json'), undefined);
  assert.equal(modelIds('null'), undefined);
});

test('isChatModelId leaves out embedding and reranking models', () => {
  assert.equal(isChatModelId('qwen2.5:7b'), true);
  assert.equal(isChatModelId('nomic-embed-text:latest'), false);
  assert.equal(isChatModelId('text-embedding-nomic-embed-text-v1.5'), false);
  assert.equal(isChatModelId('bge-reranker-v2-m3'), false);
});
