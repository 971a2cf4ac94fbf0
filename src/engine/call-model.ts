import type { CompletionResult, ResponseError } from '../types.js';
import { CANCELLED } from '../providers/retry.js';
import type { ModelRuntime } from './lane.js';

/**
 * Send one request through a model's shared limits: a concurrency slot, the rate limiter's budget
 * (`tokens`, an estimate settled with the real usage afterwards) and the breaker, which hears every
 * outcome. Undefined when nothing was sent or paid for: the run was cancelled, the breaker is open,
 * or a retry wait was cancelled.
 */
export async function callModel(
  runtime: ModelRuntime,
  tokens: number,
  signal: AbortSignal | undefined,
  send: () => Promise<CompletionResult>,
): Promise<CompletionResult | undefined> {
  await runtime.slots.acquire();
  try {
    if (signal?.aborted || runtime.breaker.open) return undefined;
    const reservation = runtime.limiter.enabled ? await runtime.limiter.acquire(tokens) : undefined;
    if (signal?.aborted) return undefined;
    const result = await send();
    if (result.error?.code === CANCELLED) return undefined;
    if (reservation) runtime.limiter.settle(reservation, result.usage ? result.usage.inputTokens + result.usage.outputTokens : 0);
    runtime.breaker.record(result.error);
    return result;
  } finally {
    runtime.slots.release();
  }
}

/** A quick token estimate (about 4 characters a token) for reserving rate-limit budget. */
export function estimateTokens(messages: Array<{ content: string }>, maxTokens: number): number {
  let chars = 0;
  for (const m of messages) chars += m.content.length;
  return Math.ceil(chars / 4) + 4 * messages.length + maxTokens;
}

/** Retry hooks bound to a model name, for providers' call options. */
export function retryNotice(model: string, onRetry?: (retry: { model: string; error: ResponseError; delayMs: number }) => void) {
  return onRetry && ((error: ResponseError, delayMs: number) => onRetry({ model, error, delayMs }));
}

/**
 * Run `work` for a cache key while no other work for the same key is in flight on this model: identical
 * requests of one run (two suites on the same items, two candidates giving a judge the same answer) are
 * sent once, and the later ones find the first one's answer in the cache.
 */
export async function singleFlight<T>(inflight: Map<string, Promise<void>>, key: string, work: () => Promise<T>): Promise<T> {
  for (let earlier = inflight.get(key); earlier; earlier = inflight.get(key)) await earlier;
  let done!: () => void;
  inflight.set(key, new Promise<void>((resolve) => (done = resolve)));
  try {
    return await work();
  } finally {
    inflight.delete(key);
    done();
  }
}
