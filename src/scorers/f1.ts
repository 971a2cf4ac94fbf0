/**
 * `f1`: SQuAD-style token F1 between the output and the expected answers (the best one counts).
 *
 * Normalisation follows `normalize_answer` of the SQuAD evaluation script, in its order:
 * lower-case; remove punctuation (ASCII `string.punctuation`, plus — a deliberate extension for
 * model outputs — any Unicode punctuation such as “ ” ’ …, which the original keeps); remove the
 * articles a, an, the as whole words; collapse whitespace. Removing punctuation joins the letters
 * around it ("don't" → "dont", "U.S." → "us"), exactly as the original does.
 *
 * F1 over bags of tokens: common = Σ min(count in output, count in expected); precision =
 * common / output tokens, recall = common / expected tokens, F1 = 2PR / (P + R); 0 when nothing
 * is in common. When either side normalises to no tokens, F1 is 1 if both do, else 0 (the SQuAD 2.0
 * rule; 1.1 would give 0 for two empty answers, contradicting exact match).
 *
 * The value is the maximum F1 over the expected answers (in [0, 1], not rounded); the detail also
 * gives `exact_match` (1 when the normalised output equals a normalised expected answer). The
 * answer is the normalised output.
 */
import { z } from 'zod';
import type { ScoreFn } from '../types.js';
import { expectedList, noExpected, quote, score } from './normalize.js';

export const f1Options = z.strictObject({});

export type F1Options = z.output<typeof f1Options>;

/** ASCII punctuation (Python's string.punctuation) and Unicode punctuation. */
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~\p{P}]/gu;
/** a, an, the as whole words (a word character as Python's Unicode `\w`: letter, number, _). */
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;
const WHITESPACE = /\s+/g;

/** SQuAD's normalize_answer: lower-case, no punctuation, no articles, single spaces. */
export function normalizeAnswer(text: string): string {
  return text.toLowerCase().replace(PUNCTUATION, '').replace(ARTICLES, ' ').replace(WHITESPACE, ' ').trim();
}

function tokens(normalized: string): string[] {
  return normalized === '' ? [] : normalized.split(' ');
}

/** Token F1 between two token lists (see the file comment for the empty case). */
export function tokenF1(predicted: readonly string[], gold: readonly string[]): number {
  if (predicted.length === 0 || gold.length === 0) return predicted.length === gold.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of gold) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of predicted) {
    const left = counts.get(t);
    if (left !== undefined && left > 0) {
      common++;
      counts.set(t, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / predicted.length;
  const recall = common / gold.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Token F1 and exact match between an output and one expected answer, both raw. */
export function f1Score(output: string, expected: string): { f1: number; exactMatch: number } {
  const got = normalizeAnswer(output);
  const want = normalizeAnswer(expected);
  return { f1: tokenF1(tokens(got), tokens(want)), exactMatch: got === want ? 1 : 0 };
}

export function createF1(_options: F1Options = {}): ScoreFn {
  return (item, output) => {
    const expected = expectedList(item.expected);
    if (expected === undefined) return noExpected();
    const got = normalizeAnswer(output);
    const predicted = tokens(got);
    let best = -1;
    let bestIndex = 0;
    let exactMatch = 0;
    for (let i = 0; i < expected.length; i++) {
      const want = normalizeAnswer(expected[i]!);
      if (want === got) exactMatch = 1;
      const f1 = tokenF1(predicted, tokens(want));
      if (f1 > best) {
        best = f1;
        bestIndex = i;
      }
    }
    const others = expected.length > 1 ? ` (best of ${expected.length})` : '';
    const detail = `f1 ${best.toFixed(3)}, exact_match ${exactMatch} vs ${quote(expected[bestIndex]!, 40)}${others}`;
    return { ...score(best, detail), answer: got };
  };
}
