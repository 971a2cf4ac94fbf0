/**
 * `exact`: the output equals one of the expected answers.
 *
 * Contract: both sides are trimmed and case-folded, nothing more. In particular no surrounding
 * quotes, trailing period, markdown or inner whitespace is stripped, and "3.0" does not equal "3":
 * removing content would silently accept near-misses (and, e.g., turn a wrong `"no."` into `no`).
 * Use `regex` to extract an answer from a longer text and `numeric` to compare numbers.
 */
import { z } from 'zod';
import type { ScoreFn } from '../types.js';
import { describeExpected, expectedList, noExpected, normalize, quote, score } from './normalize.js';

export const exactOptions = z.strictObject({});

export type ExactOptions = z.output<typeof exactOptions>;

export function createExact(_options: ExactOptions = {}): ScoreFn {
  return (item, output) => {
    const expected = expectedList(item.expected);
    if (expected === undefined) return noExpected();
    const got = normalize(output);
    for (const want of expected) {
      if (normalize(want) === got) return score(1, `exact match ${quote(want)}`);
    }
    return score(0, `got ${quote(output)} want ${describeExpected(expected)}`);
  };
}
