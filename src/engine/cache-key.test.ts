import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionRequest, ModelSpec } from '../types.js';
import { cacheKey } from './cache-key.js';

function model(overrides: Partial<ModelSpec> = {}): ModelSpec {
  return {
    name: 'gpt-small',
    provider: 'openai',
    model: 'gpt-4o-mini',
    baseUrl: 'https://api.openai.com/v1',
    apiKeyEnv: 'OPENAI_API_KEY',
    settings: { concurrency: 4, timeoutMs: 60_000, retries: 3, backoffMs: 500, maxBackoffMs: 30_000, temperature: 0, maxTokens: 256, stopAfterErrors: 10, stream: true },
    params: {},
    headers: {},
    ...overrides,
  };
}

function request(overrides: Partial<CompletionRequest> = {}): CompletionRequest {
  return {
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is 2 + 2?' },
    ],
    temperature: 0,
    maxTokens: 256,
    params: { top_p: 0.9, seed: 7 },
    ...overrides,
  };
}

const base = cacheKey(model(), request(), 1);

test('cache key is a hex sha256 and stable', () => {
  assert.match(base, /^[0-9a-f]{64}$/);
  assert.equal(cacheKey(model(), request(), 1), base);
});

test('cache key does not depend on params key order', () => {
  assert.equal(cacheKey(model(), request({ params: { seed: 7, top_p: 0.9 } }), 1), base);
  const nested1 = request({ params: { response_format: { type: 'json_object', strict: true }, seed: 1 } });
  const nested2 = request({ params: { seed: 1, response_format: { strict: true, type: 'json_object' } } });
  assert.equal(cacheKey(model(), nested1, 1), cacheKey(model(), nested2, 1));
});

test('cache key changes with everything sent upstream and the epoch', () => {
  const variants: [string, string][] = [
    ['model id', cacheKey(model({ model: 'gpt-4o' }), request(), 1)],
    ['base URL', cacheKey(model({ baseUrl: 'http://localhost:8080/v1' }), request(), 1)],
    ['provider', cacheKey(model({ provider: 'other' }), request(), 1)],
    ['user message', cacheKey(model(), request({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is 2 + 3?' }] }), 1)],
    ['system message', cacheKey(model(), request({ messages: [{ role: 'user', content: 'What is 2 + 2?' }] }), 1)],
    ['message order', cacheKey(model(), request({ messages: [{ role: 'user', content: 'What is 2 + 2?' }, { role: 'system', content: 'Be brief.' }] }), 1)],
    ['role', cacheKey(model(), request({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'assistant', content: 'What is 2 + 2?' }] }), 1)],
    ['temperature', cacheKey(model(), request({ temperature: 0.7 }), 1)],
    ['max tokens', cacheKey(model(), request({ maxTokens: 512 }), 1)],
    ['params', cacheKey(model(), request({ params: { top_p: 0.9, seed: 8 } }), 1)],
    ['no params', cacheKey(model(), request({ params: {} }), 1)],
    ['epoch', cacheKey(model(), request(), 2)],
  ];
  for (const [what, key] of variants) assert.notEqual(key, base, `${what} should change the key`);
  assert.equal(new Set(variants.map(([, k]) => k)).size, variants.length, 'all variants differ from each other');
});

test('cache key ignores what is not sent upstream (display name, key env name, price, transport settings)', () => {
  const same = model({
    name: 'renamed',
    apiKeyEnv: 'OTHER_KEY',
    price: { input: 1, output: 2 },
    settings: { concurrency: 1, timeoutMs: 5_000, retries: 0, backoffMs: 1, maxBackoffMs: 2, temperature: 0, maxTokens: 256, stopAfterErrors: 10, stream: true },
  });
  assert.equal(cacheKey(same, request(), 1), base);
});
