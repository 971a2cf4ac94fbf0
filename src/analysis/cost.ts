import type { Price, Usage } from '../types.js';

/** USD cost of a response from its token usage and a price in USD per 1M tokens. */
export function costUsd(usage: Pick<Usage, 'inputTokens' | 'outputTokens'>, price: Price): number {
  return (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
}
