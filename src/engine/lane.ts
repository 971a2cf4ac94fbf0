import type { Store } from '../store/store.js';
import type { Item, ModelSpec, Usage } from '../types.js';
import { buildRequest } from './build-request.js';
import { cacheKey } from './cache-key.js';
import type { ItemDone, RunEvents } from './events.js';
import { CANCELLED } from '../providers/retry.js';
import type { PreparedSuite } from './prepare-suites.js';
import type { Provider } from '../providers/provider.js';
import type { RateLimiter } from './rate-limiter.js';
import type { ModelBreaker } from './model-breaker.js';
import type { Semaphore } from './semaphore.js';

const PAGE_SIZE = 256;

/** A model's live parts, shared by all its lanes: concurrency slots and rate limits apply per model. */
export interface ModelRuntime {
  spec: ModelSpec;
  provider: Provider;
  slots: Semaphore;
  limiter: RateLimiter;
  breaker: ModelBreaker;
  cost(usage: Usage): number;
}

export interface Lane {
  runId: number;
  runtime: ModelRuntime;
  suite: PreparedSuite;
  epoch: number;
  store: Store;
  signal?: AbortSignal;
}

/** Items of a suite paged from the store, so memory does not grow with the suite. */
async function* pagedItems(store: Store, suiteHash: string): AsyncGenerator<Item> {
  let after = 0;
  for (;;) {
    const page = await store.itemsPage(suiteHash, after, PAGE_SIZE);
    if (page.length === 0) return;
    for (const row of page) yield row.item;
    after = page[page.length - 1]!.seq;
  }
}

/**
 * One model on one suite in one epoch. `concurrency` workers pull items; each item is answered from
 * this run (resume), from the response cache, or by one request through the model's slots and limits.
 * Every response is stored, with its score, the moment it arrives.
 */
export async function runLane(lane: Lane, onDone: (done: ItemDone) => void, onRetry?: RunEvents['onRetry']): Promise<void> {
  const { runId, runtime, suite, epoch, store, signal } = lane;
  const { spec } = runtime;
  const answered = await store.answeredItems(runId, spec.name, suite.spec.name, epoch);
  const items = pagedItems(store, suite.hash);
  const meta = { provider: spec.provider, model: spec.model, baseUrl: spec.baseUrl };

  async function process(item: Item): Promise<void> {
    const base = { model: spec.name, suite: suite.spec.name };
    if (answered.has(item.id)) return onDone({ ...base, source: 'resumed', spentUsd: 0 });
    const request = buildRequest(item, suite.spec, spec);
    const key = cacheKey(spec, request, epoch);
    const link = { runId, model: spec.name, suite: suite.spec.name, suiteHash: suite.hash, itemId: item.id, epoch, scorerKey: suite.scorerKey };

    const cached = await store.findCachedResponse(key);
    if (cached) {
      const known = await store.findScore(cached.id, suite.hash, item.id, suite.scorerKey);
      await store.linkResponse(cached.id, link, known ?? suite.score(item, cached.text));
      return onDone({ ...base, source: 'cache', spentUsd: 0 });
    }

    if (runtime.breaker.open) {
      runtime.breaker.skipped++;
      return;
    }
    await runtime.slots.acquire();
    try {
      if (signal?.aborted || runtime.breaker.open) return;
      const reservation = runtime.limiter.enabled
        ? await runtime.limiter.acquire(estimateTokens(request.messages) + request.maxTokens)
        : undefined;
      if (signal?.aborted) return;
      const result = await runtime.provider.complete(request, {
        signal,
        onRetry: onRetry && ((error, delayMs) => onRetry({ model: spec.name, error, delayMs })),
      });
      // Cancelled while waiting to retry: nothing was paid for; the item stays unanswered for the next run.
      if (result.error?.code === CANCELLED) return;
      if (reservation) runtime.limiter.settle(reservation, result.usage ? result.usage.inputTokens + result.usage.outputTokens : 0);
      runtime.breaker.record(result.error);
      const score = result.error ? undefined : suite.score(item, result.text);
      await store.recordResponse(key, meta, result, link, score);
      onDone({ ...base, source: 'sent', error: result.error, spentUsd: result.usage ? runtime.cost(result.usage) : 0 });
    } finally {
      runtime.slots.release();
    }
  }

  const worker = async () => {
    for (;;) {
      if (signal?.aborted) return;
      const next = await items.next();
      if (next.done) return;
      await process(next.value);
    }
  };
  await Promise.all(Array.from({ length: spec.settings.concurrency }, worker));
}

/** A quick token estimate (about 4 characters a token) for reserving rate-limit budget. */
function estimateTokens(messages: Array<{ content: string }>): number {
  let chars = 0;
  for (const m of messages) chars += m.content.length;
  return Math.ceil(chars / 4) + 4 * messages.length;
}
