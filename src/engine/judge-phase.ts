/**
 * LLM-as-judge, the step after the answers are in: every answer of a `scorer: judge` suite that has no
 * score yet is shown to the judge model, and the verdict becomes its score. Running after all lanes (not
 * inside them) lets a pairwise judge read the baseline model's answer, and makes resume simple: an answer
 * without a score is judged on the next run, its earlier judge calls coming from the cache.
 *
 * Judge calls go through the judge model's own concurrency slots, rate limits and breaker, are cached by
 * what is sent (temperature and all), stored as responses and costed at the judge's price.
 */
import { PAIR_SCORE, combineOrders, pairwiseMessages, pointwiseMessages, readPassFail, readPreference, readRating, referenceText, type JudgeOptions, type Preference, type Verdict } from '../scorers/judge.js';
import { clip } from '../scorers/normalize.js';
import type { Judgement, PendingJudgement, Store } from '../store/store.js';
import type { ChatMessage, CompletionRequest, Score } from '../types.js';
import { cacheKey } from './cache-key.js';
import { callModel, estimateTokens, retryNotice, singleFlight } from './call-model.js';
import type { ItemDone, RunEvents } from './events.js';
import type { ModelRuntime } from './lane.js';
import type { PreparedSuite } from './prepare-suites.js';

const PAGE_SIZE = 128;

export interface JudgePhase {
  runId: number;
  suites: PreparedSuite[];
  /** Every model's runtime, judges included. */
  runtimes: ModelRuntime[];
  /** The models whose answers are judged (role: judge models give none). */
  candidates: string[];
  epochs: number;
  store: Store;
  signal?: AbortSignal;
  events?: RunEvents;
}

export interface JudgeOutcome {
  judged: number;
  /** Answers whose verdict could not be read: counted on the result, never scored. */
  judgeErrors: number;
  /** Answers left unjudged (cancelled, or the judge was stopped after failures): judged on the next run. */
  unjudged: number;
}

/** The label progress events of a judge carry, so a judge that is also a candidate gets its own line. */
export function judgeLabel(judge: string): string {
  return `${judge} (judge)`;
}

/** How many answers each judge has to judge now, for the progress view. */
export async function pendingByJudge(phase: JudgePhase): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const suite of phase.suites) {
    if (!suite.judge) continue;
    const n = await phase.store.countPendingJudgements(phase.runId, suite.spec.name);
    totals.set(suite.judge.judge_model, (totals.get(suite.judge.judge_model) ?? 0) + n);
  }
  return totals;
}

interface Task {
  suite: PreparedSuite;
  options: JudgeOptions;
  model: string;
  epoch: number;
  pending: PendingJudgement;
}

/** Judge every unscored answer of every judged suite of the run. */
export async function judgeAnswers(phase: JudgePhase): Promise<JudgeOutcome> {
  const outcome: JudgeOutcome = { judged: 0, judgeErrors: 0, unjudged: 0 };
  const byJudge = new Map<string, Array<{ suite: PreparedSuite; options: JudgeOptions }>>();
  for (const suite of phase.suites) {
    if (!suite.judge) continue;
    const list = byJudge.get(suite.judge.judge_model) ?? [];
    list.push({ suite, options: suite.judge });
    byJudge.set(suite.judge.judge_model, list);
  }
  // Judges work side by side; each one as wide as its own concurrency.
  await Promise.all(
    [...byJudge].map(async ([name, suites]) => {
      const runtime = phase.runtimes.find((r) => r.spec.name === name)!;
      const tasks = pendingTasks(phase, suites);
      const worker = async () => {
        for (;;) {
          const next = await tasks.next();
          if (next.done) return;
          if (phase.signal?.aborted || runtime.breaker.open) {
            if (runtime.breaker.open) runtime.breaker.skipped++;
            outcome.unjudged++;
            continue;
          }
          const result = await judgeOne(phase, runtime, next.value);
          if (result === 'unjudged') outcome.unjudged++;
          else if (result === 'error') outcome.judgeErrors++;
          else outcome.judged++;
        }
      };
      await Promise.all(Array.from({ length: runtime.spec.settings.concurrency }, worker));
    }),
  );
  return outcome;
}

/** The unscored answers of the judge's suites, paged from the store. */
async function* pendingTasks(phase: JudgePhase, suites: Array<{ suite: PreparedSuite; options: JudgeOptions }>): AsyncGenerator<Task> {
  for (const { suite, options } of suites) {
    for (const model of phase.candidates) {
      for (let epoch = 0; epoch < phase.epochs; epoch++) {
        let after = '';
        for (;;) {
          const page = await phase.store.pendingJudgements(phase.runId, suite.spec.name, model, epoch, after, PAGE_SIZE);
          if (page.length === 0) break;
          for (const pending of page) yield { suite, options, model, epoch, pending };
          after = page[page.length - 1]!.item.id;
        }
      }
    }
  }
}

type Call = { ok: true; text: string; responseId: number; fresh: boolean; costUsd: number } | { ok: false; reason: string; responseId?: number; fresh: boolean; costUsd: number };

/** Judge one answer and store the judgement; `unjudged` when nothing could be asked (cancelled, judge stopped). */
async function judgeOne(phase: JudgePhase, runtime: ModelRuntime, task: Task): Promise<'judged' | 'error' | 'unjudged'> {
  const { suite, options, model, epoch, pending } = task;
  const { item } = pending;
  const judge = runtime.spec.name;
  const link = { runId: phase.runId, model, suite: suite.spec.name, suiteHash: suite.hash, itemId: item.id, epoch, scorerKey: suite.scorerKey };
  const calls: Call[] = [];
  const ask = async (messages: ChatMessage[]): Promise<Call | undefined> => {
    const call = await askJudge(phase, runtime, messages);
    if (call) calls.push(call);
    return call;
  };

  let outcome: Judgement['outcome'] | undefined;
  if (options.mode === 'pointwise') {
    const call = await ask(pointwiseMessages(options, item, pending.text));
    if (!call) return 'unjudged';
    outcome = call.ok ? pointwiseOutcome(options, call.text) : { error: call.reason };
  } else if (options.baseline === model) {
    outcome = { score: { value: PAIR_SCORE.tie, detail: 'the baseline itself (0.5 by definition)', answer: 'tie' } };
  } else {
    const baseline =
      options.baseline === 'expected'
        ? referenceText(item.expected)
        : await phase.store.runAnswer(phase.runId, suite.spec.name, options.baseline!, item.id, epoch);
    if (baseline === undefined) {
      outcome = { error: options.baseline === 'expected' ? 'the item has no reference answer (expected) to compare with' : `the baseline "${options.baseline}" has no answer to this item` };
    } else {
      const first = await ask(pairwiseMessages(options, item, pending.text, baseline));
      if (!first) return 'unjudged';
      const second = first.ok ? await ask(pairwiseMessages(options, item, baseline, pending.text)) : undefined;
      if (first.ok && !second) return 'unjudged';
      outcome = pairwiseOutcome(first, second);
    }
  }

  const spent = calls.reduce((sum, c) => sum + c.costUsd, 0);
  await phase.store.saveJudgement({
    link,
    judge,
    calls: calls.filter((c) => c.responseId !== undefined).map((c) => ({ responseId: c.responseId!, fresh: c.fresh, costUsd: c.costUsd })),
    outcome,
  });
  const done: ItemDone = {
    model: judgeLabel(judge),
    suite: suite.spec.name,
    source: calls.some((c) => c.fresh) ? 'sent' : 'cache',
    spentUsd: spent,
    ...('error' in outcome ? { error: { code: 'JUDGE_ERROR', message: outcome.error } } : {}),
  };
  phase.events?.onItem?.(done);
  return 'error' in outcome ? 'error' : 'judged';
}

/** One call to the judge: from the cache, or sent through the judge's limits and stored. */
async function askJudge(phase: JudgePhase, runtime: ModelRuntime, messages: ChatMessage[]): Promise<Call | undefined> {
  const { spec } = runtime;
  const request: CompletionRequest = { messages, temperature: spec.settings.temperature, maxTokens: spec.settings.maxTokens, params: spec.params };
  const key = cacheKey(spec, request, 0);
  return singleFlight(runtime.inflight, key, async (): Promise<Call | undefined> => {
    const cached = await phase.store.findCachedResponse(key);
    if (cached) return { ok: true, text: cached.text, responseId: cached.id, fresh: false, costUsd: 0 };
    const options = { signal: phase.signal, onRetry: retryNotice(judgeLabel(spec.name), phase.events?.onRetry?.bind(phase.events)) };
    const result = await callModel(runtime, estimateTokens(messages, request.maxTokens), phase.signal, () => runtime.provider.complete(request, options));
    if (!result) return undefined;
    const responseId = await phase.store.recordCall(key, { provider: spec.provider, model: spec.model, baseUrl: spec.baseUrl }, result);
    const costUsd = result.usage ? runtime.cost(result.usage, result.latencyMs) : 0;
    if (result.error) return { ok: false, reason: `the judge call failed: ${result.error.code}: ${result.error.message}`, responseId, fresh: true, costUsd };
    return { ok: true, text: result.text, responseId, fresh: true, costUsd };
  });
}

/** The judge's reasoning without its verdict line, shortened for a score's detail. */
function reasoning(text: string): string {
  const lines = text.trim().split('\n');
  const body = lines.length > 1 ? lines.slice(0, -1).join(' ') : lines[0]!;
  return clip(body.replace(/\s+/g, ' ').trim(), 160);
}

function pointwiseOutcome(options: JudgeOptions, text: string): Judgement['outcome'] {
  if (options.scale === 'pass-fail') {
    const verdict = readPassFail(text);
    if (!verdict.ok) return { error: verdict.reason };
    return { score: { value: verdict.value ? 1 : 0, detail: `${verdict.value ? 'pass' : 'fail'}: ${reasoning(text)}`, answer: verdict.value ? 'pass' : 'fail' } };
  }
  const verdict = readRating(text);
  if (!verdict.ok) return { error: verdict.reason };
  const score: Score = { value: (verdict.value - 1) / 9, detail: `rating ${verdict.value}/10: ${reasoning(text)}`, answer: String(verdict.value) };
  return { score };
}

function pairwiseOutcome(first: Call, second: Call | undefined): Judgement['outcome'] {
  if (!first.ok) return { error: first.reason };
  if (!second!.ok) return { error: second!.reason };
  const one: Verdict<Preference> = readPreference(first.text);
  const two: Verdict<Preference> = readPreference(second!.text);
  if (!one.ok) return { error: `candidate shown first: ${one.reason}` };
  if (!two.ok) return { error: `baseline shown first: ${two.reason}` };
  const { outcome, detail } = combineOrders(one.value, two.value);
  return { score: { value: PAIR_SCORE[outcome], detail, answer: outcome } };
}
