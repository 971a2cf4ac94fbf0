import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startFakeAnthropic, type FakeAnthropic } from '../../test/helpers/fake-anthropic-server.js';
import { DEFAULT_SETTINGS } from '../config/defaults.js';
import type { ModelSpec } from '../types.js';
import { createAnthropicProvider, toMessagesRequest } from './anthropic.js';

let server: FakeAnthropic;
before(async () => {
  server = await startFakeAnthropic();
});
after(() => server.close());

const spec = (model: string): ModelSpec => ({ name: model, provider: 'anthropic', model, baseUrl: server.url, settings: { ...DEFAULT_SETTINGS, retries: 0 }, params: {}, headers: {} });
const request = { messages: [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: 'What is 2 + 2?' }], temperature: 0, maxTokens: 64, params: {} };

test('system messages become the system field; the rest keep their roles', () => {
  const body = toMessagesRequest(spec('claude-fake'), request);
  assert.equal(body.system, 'Be brief.');
  assert.deepEqual(body.messages, [{ role: 'user', content: 'What is 2 + 2?' }]);
  assert.equal(body.max_tokens, 64);
});

test('a missing key is a 401 recorded on the response, not a crash', async () => {
  const result = await createAnthropicProvider(spec('claude-perfect'), {}).complete(request);
  assert.equal(result.error?.status, 401);
  assert.equal(result.error?.message, 'HTTP 401: authentication_error: invalid x-api-key');
  assert.equal(result.attempts, 1, '401 is not retried');
});

test('an answer carries text, stop reason and usage', async () => {
  const result = await createAnthropicProvider(spec('claude-perfect'), { apiKey: 'k-1234' }).complete(request);
  assert.equal(result.error, undefined);
  assert.equal(result.text, '4');
  assert.equal(result.finishReason, 'end_turn');
  assert.deepEqual(result.usage, { inputTokens: 4 + 3, outputTokens: 1, estimated: false });
});

test('streamed answers are assembled from text deltas, with usage from message_start/message_delta and the time to first token', async () => {
  const delayed = await startFakeAnthropic({ firstTokenDelayMs: 80 });
  try {
    const streamed = await createAnthropicProvider({ ...spec('claude-perfect'), baseUrl: delayed.url }, { apiKey: 'k' }).complete(request);
    assert.equal(streamed.text, '4');
    assert.deepEqual(streamed.usage, { inputTokens: 7, outputTokens: 1, estimated: false });
    assert.equal(streamed.finishReason, 'end_turn');
    assert.ok(streamed.ttftMs! >= 75 && streamed.ttftMs! <= streamed.latencyMs, `ttft ${streamed.ttftMs}`);
    assert.equal(delayed.requests[0]!.body.stream, true);
    const plain = await createAnthropicProvider({ ...spec('claude-perfect'), baseUrl: delayed.url, settings: { ...DEFAULT_SETTINGS, retries: 0, stream: false } }, { apiKey: 'k' }).complete(request);
    assert.equal(plain.text, '4');
    assert.equal(plain.ttftMs, undefined);
  } finally {
    await delayed.close();
  }
});
