import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatMessage, Item, ModelSpec } from '../types.js';
import { buildMessages, buildRequest } from './build-request.js';

const item = (input: Item['input']): Item => ({ id: 'i1', input, expected: '4' });

test('a string input becomes one user message', () => {
  assert.deepEqual(buildMessages(item('What is 2 + 2?'), {}), [{ role: 'user', content: 'What is 2 + 2?' }]);
});

test('template: {input} is substituted, every occurrence, literally', () => {
  assert.deepEqual(buildMessages(item('2 + 2'), { template: 'Compute: {input}\nAnswer with a number.' }), [
    { role: 'user', content: 'Compute: 2 + 2\nAnswer with a number.' },
  ]);
  assert.deepEqual(buildMessages(item('x'), { template: '{input} and again {input}' }), [{ role: 'user', content: 'x and again x' }]);
  // replacement patterns like $& or $1 in the input must not be interpreted
  assert.deepEqual(buildMessages(item('cost is $& and $1'), { template: 'Q: {input}' }), [{ role: 'user', content: 'Q: cost is $& and $1' }]);
});

test('suite system prompt is prepended when the item has none', () => {
  assert.deepEqual(buildMessages(item('hi'), { system: 'Be brief.' }), [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'hi' },
  ]);
  assert.deepEqual(buildMessages(item('2 + 2'), { system: 'Be brief.', template: 'Q: {input}' }), [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Q: 2 + 2' },
  ]);
  const chat: ChatMessage[] = [
    { role: 'user', content: 'hello' },
    { role: 'assistant', content: 'hi' },
    { role: 'user', content: 'how are you?' },
  ];
  assert.deepEqual(buildMessages(item(chat), { system: 'Be brief.' }), [{ role: 'system', content: 'Be brief.' }, ...chat]);
});

test('suite system prompt is not added when the item brings its own', () => {
  const chat: ChatMessage[] = [
    { role: 'system', content: 'Answer in French.' },
    { role: 'user', content: 'hello' },
  ];
  assert.deepEqual(buildMessages(item(chat), { system: 'Be brief.' }), chat);
});

test('chat-message input is passed through as written (template not applied)', () => {
  const chat: ChatMessage[] = [
    { role: 'user', content: 'first {input}' },
    { role: 'assistant', content: 'ok' },
    { role: 'user', content: 'second' },
  ];
  assert.deepEqual(buildMessages(item(chat), { template: 'Q: {input}' }), chat);
  assert.deepEqual(buildMessages(item(chat), {}), chat);
});

test('buildRequest carries the model settings and params', () => {
  const spec: ModelSpec = {
    name: 'm',
    provider: 'openai',
    model: 'gpt-4o-mini',
    baseUrl: 'https://api.openai.com/v1',
    settings: { concurrency: 2, timeoutMs: 1000, retries: 1, backoffMs: 10, maxBackoffMs: 100, temperature: 0.3, maxTokens: 77, stopAfterErrors: 10, stream: true },
    params: { top_p: 0.5 },
    headers: { 'x-extra': '1' },
  };
  const request = buildRequest(item('2 + 2'), { system: 'S', template: 'Q: {input}' }, spec);
  assert.equal(request.itemId, item('2 + 2').id);
  assert.deepEqual({ ...request, itemId: undefined }, {
    itemId: undefined,
    messages: [
      { role: 'system', content: 'S' },
      { role: 'user', content: 'Q: 2 + 2' },
    ],
    temperature: 0.3,
    maxTokens: 77,
    params: { top_p: 0.5 },
  });
});
