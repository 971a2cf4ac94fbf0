import type { ResponseError } from '../types.js';

/** A lane's share of the work, announced before any request. */
export interface PlannedModel {
  model: string;
  total: number;
}

/** One item done for one model: answered now, from the cache, or earlier in this (resumed) run. */
export interface ItemDone {
  model: string;
  suite: string;
  source: 'sent' | 'cache' | 'resumed';
  error?: ResponseError;
  /** USD spent on this request now (0 for cache hits and unpriced models). */
  spentUsd: number;
}

/** Hooks a caller (the CLI's progress view) can listen to. */
export interface RunEvents {
  onPlan?(plan: { runId: number; resumed: boolean; models: PlannedModel[] }): void;
  onItem?(done: ItemDone): void;
  /** The answers are in and the judges start: how many answers each judge (labelled `NAME (judge)`) has to judge. */
  onJudgePlan?(judges: PlannedModel[]): void;
  /** A request failed and will be tried again after `delayMs`. */
  onRetry?(retry: { model: string; error: ResponseError; delayMs: number }): void;
}
