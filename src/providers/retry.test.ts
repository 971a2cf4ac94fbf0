import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResponseError } from '../types.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter, withRetries, type AttemptOutcome, type RetryPolicy } from './retry.js';

const policy: RetryPolicy = { retries: 5, backoffMs: 100, maxBackoffMs: 1000 };

test('backoffDelay: exponential steps with equal jitter', () => {
  const low = () => 0;
  const high = () => 1;
  // step = backoffMs · 2^(retry-1); delay in [step/2, step]
  assert.equal(backoffDelay(1, policy, undefined, low), 50);
  assert.equal(backoffDelay(1, policy, undefined, high), 100);
  assert.equal(backoffDelay(1, policy, undefined, () => 0.5), 75);
  assert.equal(backoffDelay(2, policy, undefined, low), 100);
  assert.equal(backoffDelay(2, policy, undefined, high), 200);
  assert.equal(backoffDelay(3, policy, undefined, low), 200);
  assert.equal(backoffDelay(3, policy, undefined, high), 400);
  assert.equal(backoffDelay(4, policy, undefined, high), 800);
});

test('backoffDelay is capped at maxBackoffMs', () => {
  assert.equal(backoffDelay(5, policy, undefined, () => 1), 1000); // 1600 capped
  assert.equal(backoffDelay(5, policy, undefined, () => 0), 500);
  assert.equal(backoffDelay(30, policy, undefined, () => 1), 1000);
  for (let retry = 1; retry <= 40; retry++) assert.ok(backoffDelay(retry, policy) <= 1000);
});

test('backoffDelay: Retry-After wins over the computed backoff, still capped', () => {
  assert.equal(backoffDelay(1, policy, 300, () => 0), 300);
  assert.equal(backoffDelay(4, policy, 20, () => 1), 20);
  assert.equal(backoffDelay(1, policy, 0), 0);
  assert.equal(backoffDelay(1, policy, 5000), 1000);
});

test('parseRetryAfter: seconds', () => {
  assert.equal(parseRetryAfter({ 'retry-after': '3' }), 3000);
  assert.equal(parseRetryAfter({ 'retry-after': '0' }), 0);
  assert.equal(parseRetryAfter({ 'retry-after': '1.5' }), 1500);
  assert.equal(parseRetryAfter({ 'retry-after': ' 2 ' }), 2000);
});

test('parseRetryAfter: retry-after-ms takes precedence', () => {
  assert.equal(parseRetryAfter({ 'retry-after-ms': '250' }), 250);
  assert.equal(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '10' }), 250);
  // unusable retry-after-ms falls back to retry-after
  assert.equal(parseRetryAfter({ 'retry-after-ms': 'soon', 'retry-after': '2' }), 2000);
  assert.equal(parseRetryAfter({ 'retry-after-ms': '', 'retry-after': '2' }), 2000);
});

test('parseRetryAfter: HTTP date relative to now', () => {
  const date = 'Wed, 21 Oct 2015 07:28:00 GMT';
  const at = Date.UTC(2015, 9, 21, 7, 28, 0);
  assert.equal(parseRetryAfter({ 'retry-after': date }, at - 5000), 5000);
  assert.equal(parseRetryAfter({ 'retry-after': date }, at), 0);
  // a date in the past means "now", never a negative wait
  assert.equal(parseRetryAfter({ 'retry-after': date }, at + 60_000), 0);
});

test('parseRetryAfter: missing, empty, negative or garbage gives undefined (RFC 9110: delay-seconds or an HTTP date)', () => {
  assert.equal(parseRetryAfter({}), undefined);
  assert.equal(parseRetryAfter({ 'retry-after': undefined }), undefined);
  assert.equal(parseRetryAfter({ 'retry-after': '' }), undefined);
  assert.equal(parseRetryAfter({ 'retry-after': '   ' }), undefined);
  assert.equal(parseRetryAfter({ 'retry-after': 'garbage' }), undefined);
  assert.equal(parseRetryAfter({ 'retry-after': 'soon' }), undefined);
  assert.equal(parseRetryAfter({ 'retry-after': ['1', '2'] }), undefined);
  assert.equal(parseRetryAfter({ 'retry-after': '-5' }), undefined);
  assert.equal(parseRetryAfter({ 'retry-after-ms': '-5' }), undefined);
  assert.equal(parseRetryAfter({ 'retry-after': 'abc 1' }), undefined);
  assert.equal(parseRetryAfter({ 'retry-after': '0x10' }), undefined);
});

test('isRetryableStatus', () => {
  for (const status of [408, 409, 429, 500, 502, 503, 504]) assert.equal(isRetryableStatus(status), true, String(status));
  for (const status of [200, 400, 401, 403, 404, 422]) assert.equal(isRetryableStatus(status), false, String(status));
});

const failure = (message: string, retryable = true, retryAfterMs?: number): AttemptOutcome<string> => {
  const error: ResponseError = { code: 'PROVIDER_HTTP', message };
  return retryAfterMs === undefined ? { ok: false, retryable, error } : { ok: false, retryable, error, retryAfterMs };
};

function scripted(outcomes: AttemptOutcome<string>[]) {
  let calls = 0;
  const attempt = async () => {
    const outcome = outcomes[Math.min(calls, outcomes.length - 1)]!;
    calls++;
    return outcome;
  };
  return { attempt, calls: () => calls };
}

function fakeSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

test('withRetries succeeds after two retryable failures', async () => {
  const { attempt, calls } = scripted([failure('a'), failure('b'), { ok: true, value: 'done' }]);
  const { delays, sleep } = fakeSleep();
  const result = await withRetries(attempt, { retries: 3, backoffMs: 100, maxBackoffMs: 1000 }, sleep);
  assert.deepEqual(result.outcome, { ok: true, value: 'done' });
  assert.equal(result.attempts, 3);
  assert.equal(calls(), 3);
  assert.equal(delays.length, 2);
  assert.ok(delays[0]! >= 50 && delays[0]! <= 100, `first delay ${delays[0]}`);
  assert.ok(delays[1]! >= 100 && delays[1]! <= 200, `second delay ${delays[1]}`);
});

test('withRetries stops at once on a non-retryable failure', async () => {
  const { attempt, calls } = scripted([failure('bad request', false), { ok: true, value: 'never' }]);
  const { delays, sleep } = fakeSleep();
  const result = await withRetries(attempt, policy, sleep);
  assert.equal(result.attempts, 1);
  assert.equal(calls(), 1);
  assert.deepEqual(delays, []);
  assert.equal(result.outcome.ok, false);
  assert.equal(!result.outcome.ok && result.outcome.error.message, 'bad request');
});

test('withRetries gives up after `retries` and returns the last error', async () => {
  const { attempt, calls } = scripted([failure('first'), failure('second'), failure('third'), failure('fourth')]);
  const { delays, sleep } = fakeSleep();
  const result = await withRetries(attempt, { retries: 2, backoffMs: 10, maxBackoffMs: 100 }, sleep);
  assert.equal(result.attempts, 3);
  assert.equal(calls(), 3);
  assert.equal(delays.length, 2);
  assert.equal(result.outcome.ok, false);
  assert.equal(!result.outcome.ok && result.outcome.error.message, 'third');
});

test('withRetries with retries = 0 tries exactly once', async () => {
  const { attempt } = scripted([failure('only'), { ok: true, value: 'x' }]);
  const { delays, sleep } = fakeSleep();
  const result = await withRetries(attempt, { retries: 0, backoffMs: 10, maxBackoffMs: 100 }, sleep);
  assert.equal(result.attempts, 1);
  assert.deepEqual(delays, []);
});

test('withRetries honours retryAfterMs (capped by maxBackoffMs)', async () => {
  const { attempt } = scripted([failure('slow down', true, 750), failure('slow down more', true, 60_000), { ok: true, value: 'ok' }]);
  const { delays, sleep } = fakeSleep();
  const result = await withRetries(attempt, { retries: 5, backoffMs: 100, maxBackoffMs: 5000 }, sleep);
  assert.equal(result.attempts, 3);
  assert.deepEqual(delays, [750, 5000]);
});

test('withRetries: an abort during the backoff wait gives up with CANCELLED and reports the retry', async () => {
  const controller = new AbortController();
  const retried: number[] = [];
  let calls = 0;
  const pending = withRetries(
    async () => {
      calls++;
      return { ok: false, retryable: true, error: { code: 'PROVIDER_HTTP', status: 503, message: 'HTTP 503' } };
    },
    { retries: 5, backoffMs: 10_000, maxBackoffMs: 60_000 },
    undefined,
    { signal: controller.signal, onRetry: (_error, delay) => retried.push(delay) },
  );
  setTimeout(() => controller.abort(), 20);
  const started = Date.now();
  const result = await pending;
  assert.ok(Date.now() - started < 1000, 'did not wait out the 10 s backoff');
  assert.equal(calls, 1);
  assert.equal(result.attempts, 1);
  assert.equal(result.outcome.ok, false);
  if (!result.outcome.ok) assert.equal(result.outcome.error.code, 'CANCELLED');
  assert.equal(retried.length, 1);
  assert.ok(retried[0]! >= 5000 && retried[0]! <= 10_000, `reported backoff ${retried[0]}`);
});
