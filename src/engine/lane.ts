import { pagedItems } from '../store/paged-items.js';
import type { Store } from '../store/store.js';
import type { ChatMessage, CompletionResult, Item, ModelSpec, Usage } from '../types.js';
import { scoreByLikelihood } from '../scorers/choice.js';
import type { CallOptions } from '../providers/retry.js';
import { buildRequest } from './build-request.js';
import { callModel, estimateTokens, retryNotice, singleFlight } from './call-model.js';
import { cacheKey } from './cache-key.js';
import type { ItemDone, RunEvents } from './events.js';
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
  /** Cache keys with a request in flight, so identical requests of one run are sent once (see singleFlight). */
  inflight: Map<string, Promise<void>>;
  cost(usage: Usage, latencyMs: number): number;
}

export interface Lane {
  runId: number;
  runtime: ModelRuntime;
  suite: PreparedSuite;
  epoch: number;
  store: Store;
  signal?: AbortSignal;
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
  const items = pagedItems(store, suite.hash, PAGE_SIZE);
  const meta = { provider: spec.provider, model: spec.model, baseUrl: spec.baseUrl };

  async function process(item: Item): Promise<void> {
    const base = { model: spec.name, suite: suite.spec.name };
    if (answered.has(item.id)) return onDone({ ...base, source: 'resumed', spentUsd: 0 });
    const request = buildRequest(item, suite.spec, spec);
    const likelihood = suite.mode === 'loglikelihood' ? likelihoodTask(item, suite.spec.template) : undefined;
    const key = cacheKey(spec, request, epoch, likelihood);
    // Judged suites are scored after every answer is in (a pairwise judge needs the baseline's answer too).
    const scoreOf = (text: string) => (likelihood ? scoreStoredLikelihood(item, text) : suite.score?.(item, text));
    const link = { runId, model: spec.name, suite: suite.spec.name, suiteHash: suite.hash, itemId: item.id, epoch, scorerKey: suite.scorerKey };
    return singleFlight(runtime.inflight, key, async () => {
      const cached = await store.findCachedResponse(key);
      if (cached) {
        const known = suite.judge ? undefined : await store.findScore(cached.id, suite.hash, item.id, suite.scorerKey);
        await store.linkResponse(cached.id, link, known ?? scoreOf(cached.text));
        return onDone({ ...base, source: 'cache', spentUsd: 0 });
      }

      if (runtime.breaker.open) {
        runtime.breaker.skipped++;
        return;
      }
      const callOptions = { signal, onRetry: retryNotice(spec.name, onRetry) };
      const result = await callModel(runtime, estimateTokens(request.messages, request.maxTokens), signal, () =>
        likelihood ? askLikelihood(runtime, item, likelihood, callOptions) : runtime.provider.complete(request, callOptions),
      );
      // Not sent (cancelled, or the model was stopped meanwhile): the item stays unanswered for the next run.
      if (!result) return;
      const score = result.error ? undefined : scoreOf(result.text);
      await store.recordResponse(key, meta, result, link, score);
      onDone({ ...base, source: 'sent', error: result.error, spentUsd: result.usage ? runtime.cost(result.usage, result.latencyMs) : 0 });
    });
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

/**
 * What a log-likelihood item asks, as lm-evaluation-harness does: the item's input (through the suite's
 * template, e.g. "Question: {input}\nAnswer:") as the context, then each choice as a continuation with a
 * leading space. The choices are not listed in the context.
 */
function likelihoodTask(item: Item, template: string | undefined): { context: string; continuations: string[] } {
  const input = typeof item.input === 'string' ? item.input : item.input.map((m: ChatMessage) => m.content).join('\n\n');
  const context = template ? template.split('{input}').join(input) : input;
  return { context, continuations: (item.choices ?? []).map((c) => (/^\s/.test(c) ? c : ` ${c}`)) };
}

/** Ask the provider for the choices' log-likelihoods; the stored text is those numbers, so re-scoring needs no model. */
async function askLikelihood(runtime: ModelRuntime, item: Item, task: { context: string; continuations: string[] }, options: CallOptions): Promise<CompletionResult> {
  const result = await runtime.provider.loglikelihood!(task.context, task.continuations, options);
  if (result.error || !result.logLikelihoods) return result;
  const { probs } = scoreByLikelihood(item, result.logLikelihoods);
  return { ...result, text: JSON.stringify({ loglikelihoods: result.logLikelihoods }), probs };
}

function scoreStoredLikelihood(item: Item, text: string) {
  const stored = JSON.parse(text) as { loglikelihoods: number[] };
  const { probs: _probs, ...score } = scoreByLikelihood(item, stored.loglikelihoods);
  return score;
}
