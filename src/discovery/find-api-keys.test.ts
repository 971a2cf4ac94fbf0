import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findApiKeys, HOSTED_APIS } from './find-api-keys.js';

test('findApiKeys: the set, non-blank key variables, by name, in table order', () => {
  const env = { GROQ_API_KEY: 'gsk-secret-1', OPENAI_API_KEY: 'sk-secret-2', MISTRAL_API_KEY: '  ', DEEPSEEK_API_KEY: '', PATH: '/usr/bin' };
  const found = findApiKeys(env);
  assert.deepEqual(found.map((a) => a.envVar), ['OPENAI_API_KEY', 'GROQ_API_KEY']);
  const text = JSON.stringify(found);
  assert.ok(!text.includes('gsk-secret-1') && !text.includes('sk-secret-2'), 'no key value is carried');
  assert.deepEqual(findApiKeys({}), []);
});

test('HOSTED_APIS: OpenAI-compatible endpoints are https URLs ending in /v1, names unique and without spaces', () => {
  const byVar = new Map(HOSTED_APIS.map((a) => [a.envVar, a]));
  assert.equal(byVar.get('OPENAI_API_KEY')!.baseUrl, undefined, 'the default endpoint');
  assert.equal(byVar.get('ANTHROPIC_API_KEY')!.provider, 'anthropic');
  assert.equal(byVar.get('OPENROUTER_API_KEY')!.baseUrl, 'https://openrouter.ai/api/v1');
  for (const api of HOSTED_APIS) {
    if (api.baseUrl) assert.match(api.baseUrl, /^https:\/\/[^\s]+\/v1$/);
    assert.match(api.name, /^[^\s]+$/);
    assert.match(api.envVar, /^[A-Z_]+_API_KEY$/);
  }
  assert.equal(new Set(HOSTED_APIS.map((a) => a.name)).size, HOSTED_APIS.length);
});
