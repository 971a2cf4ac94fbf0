import type { CompletionRequest, CompletionResult, ModelSpec } from '../types.js';
import type { CallOptions } from './retry.js';

/**
 * The one small interface every provider implements. A provider never throws for an upstream
 * failure it can describe: it returns a result with `error` set after its retries.
 */
export interface Provider {
  complete(request: CompletionRequest, options?: CallOptions): Promise<CompletionResult>;
  /** Optional check before any request of the run is sent (e.g. read a file); throws a RicegradeError. */
  prepare?(): Promise<void>;
  /**
   * Providers that see token probabilities: the log-likelihood of each continuation after the context
   * (summed over the continuation's tokens), for multiple choice by log-likelihood.
   */
  loglikelihood?(context: string, continuations: string[], options?: CallOptions): Promise<LoglikelihoodResult>;
}

export interface LoglikelihoodResult extends CompletionResult {
  logLikelihoods?: number[];
}

/** What a provider needs at construction, read once at the edge (CLI) and passed down. */
export interface ProviderContext {
  apiKey?: string;
}

export type ProviderFactory = (spec: ModelSpec, context: ProviderContext) => Provider;
