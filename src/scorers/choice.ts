/**
 * `choice`: multiple choice. Items carry `choices` and `expected` (a letter, a 0-based index or the choice's text).
 * With `method: generate` (the default) the letter is read from the model's text — "The answer is (B)",
 * "**Answer: B**", "B) Paris", "b", a trailing explanation — and the LAST stated answer wins. With
 * `method: loglikelihood` the engine asks the provider for each choice's log-likelihood instead (see
 * `scoreByLikelihood`): `acc` is the best choice, `acc_norm` the best per byte (lm-evaluation-harness).
 */
import { z } from 'zod';
import { choiceIndex } from '../datasets/parse-item.js';
import type { Item, Score, ScoreFn } from '../types.js';
import { noExpected, quote, score } from './normalize.js';

export const choiceOptions = z.strictObject({
  method: z.enum(['generate', 'loglikelihood']).optional(),
});

export type ChoiceOptions = z.output<typeof choiceOptions>;

const letter = (i: number) => String.fromCharCode(65 + i);

/** Patterns that state an answer, most explicit first; within one pattern the last match wins. */
const STATED = [
  /answer(?:\s+is)?\s*[:：]?\s*\**\s*\(?([A-Za-z])\)?(?![A-Za-z])/gi,
  /(?:^|\n)\s*[*_]*\(?([A-Z])\)?[*_]*\s*(?:[).:]|$)/g,
  /\(([A-Z])\)/g,
];

/** The option a text states, as an index below `n`, or -1. */
export function extractChoice(text: string, choices: readonly string[]): number {
  const n = choices.length;
  const whole = /^\s*[*_]*\(?([A-Za-z])\)?[*_]*\s*[.!]?\s*$/.exec(text);
  if (whole) {
    const i = whole[1]!.toUpperCase().charCodeAt(0) - 65;
    if (i < n) return i;
  }
  for (const pattern of STATED) {
    let found = -1;
    for (const m of text.matchAll(pattern)) {
      const i = m[1]!.toUpperCase().charCodeAt(0) - 65;
      if (i >= 0 && i < n) found = i;
    }
    if (found >= 0) return found;
  }
  // A bare choice text ("Paris") names its option.
  // Final punctuation is ignored on both sides: "Paris." names "Paris", and "It rained." names "It rained.".
  const bare = (t: string) => t.trim().replace(/[.!]$/, '').trim().toLowerCase();
  const plain = bare(text);
  return choices.findIndex((c) => bare(c) === plain);
}

export function createChoice(_options: ChoiceOptions = {}): ScoreFn {
  return (item, output) => {
    if (!item.choices) return { value: 0, detail: 'item has no choices' };
    if (item.expected === undefined) return noExpected();
    const want = choiceIndex(item.expected, item.choices);
    const got = extractChoice(output, item.choices);
    if (got < 0) return { ...score(0, `no choice found in ${quote(output, 30)}`), answer: '' };
    return { ...score(got === want ? 1 : 0, `chose ${letter(got)}, expected ${letter(want)}`), answer: letter(got) };
  };
}

/** The log-likelihood result of one item: acc, acc_norm, the chosen letter and the choice probabilities. */
export function scoreByLikelihood(item: Item, logLikelihoods: readonly number[]): Score & { valueNorm: number; probs: number[] } {
  const choices = item.choices ?? [];
  const want = item.expected === undefined ? -1 : choiceIndex(item.expected, choices);
  let best = 0;
  let bestNorm = 0;
  for (let i = 1; i < logLikelihoods.length; i++) {
    if (logLikelihoods[i]! > logLikelihoods[best]!) best = i;
    // acc_norm: log-likelihood per byte of the continuation (" " + choice), as lm-evaluation-harness.
    const norm = (k: number) => logLikelihoods[k]! / Buffer.byteLength(/^\s/.test(choices[k] ?? '') ? choices[k]! : ` ${choices[k] ?? ''}`);
    if (norm(i) > norm(bestNorm)) bestNorm = i;
  }
  const max = Math.max(...logLikelihoods);
  const weights = logLikelihoods.map((l) => Math.exp(l - max));
  const total = weights.reduce((s, w) => s + w, 0);
  return {
    value: best === want ? 1 : 0,
    valueNorm: bestNorm === want ? 1 : 0,
    detail: `log-likelihood chose ${letter(best)} (per byte ${letter(bestNorm)}), expected ${want >= 0 ? letter(want) : '?'}`,
    answer: letter(best),
    probs: weights.map((w) => w / total),
  };
}
