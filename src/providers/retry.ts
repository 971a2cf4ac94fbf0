import type { ResponseError } from '../types.js';

/** How one attempt ended, as far as retrying is concerned. */
export type AttemptOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; retryable: boolean; error: ResponseError; retryAfterMs?: number };

export interface RetryPolicy {
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
}

export interface RetryResult<T> {
  outcome: AttemptOutcome<T>;
  attempts: number;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** setTimeout as a promise that resolves early when `signal` aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** What the caller of a provider can pass along: cancellation of waits, and a view of retries. */
export interface CallOptions {
  /** Aborting stops waiting for a retry; a request already on the wire is still awaited (it is paid for). */
  signal?: AbortSignal;
  onRetry?: (error: ResponseError, delayMs: number) => void;
}

/** The error of a call given up because its caller was cancelled while it waited to retry. */
export const CANCELLED = 'CANCELLED';

/**
 * Delay before retry number `retry` (1-based): exponential backoff with "equal jitter" —
 * half the exponential step fixed, half random — capped at maxBackoffMs. A server's
 * Retry-After wins over the computed backoff (still capped), because it knows best.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, retryAfterMs?: number, random = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxBackoffMs);
  const step = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (retry - 1));
  return step / 2 + random() * (step / 2);
}

/** Run `attempt` until it succeeds, fails for good, or the retries run out. Never throws for upstream errors. */
export async function withRetries<T>(
  attempt: () => Promise<AttemptOutcome<T>>,
  policy: RetryPolicy,
  sleep: Sleep = realSleep,
  options: CallOptions = {},
): Promise<RetryResult<T>> {
  let attempts = 0;
  for (;;) {
    attempts++;
    const outcome = await attempt();
    if (outcome.ok || !outcome.retryable || attempts > policy.retries) return { outcome, attempts };
    const delay = backoffDelay(attempts, policy, outcome.retryAfterMs);
    options.onRetry?.(outcome.error, delay);
    await sleep(delay, options.signal);
    if (options.signal?.aborted) {
      return { outcome: { ok: false, retryable: false, error: { code: CANCELLED, message: `cancelled while waiting to retry after: ${outcome.error.message}` } }, attempts };
    }
  }
}

/** Milliseconds to wait from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function parseRetryAfter(headers: Record<string, string | string[] | undefined>, nowMs = Date.now()): number | undefined {
  const ms = headers['retry-after-ms'];
  if (typeof ms === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Number(ms);
  const value = headers['retry-after'];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  // Otherwise it must be an HTTP date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
  if (!/^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Status codes worth another try: timeouts, conflicts, rate limits and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
