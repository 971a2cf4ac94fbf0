/**
 * `includes`: the output contains one of the expected answers, case-insensitively.
 * Expected answers are trimmed; an expected answer that is empty after trimming is ignored,
 * since every output would contain it.
 */
import { z } from 'zod';
import type { ScoreFn } from '../types.js';
import { describeExpected, expectedList, noExpected, normalize, quote, score } from './normalize.js';

export const includesOptions = z.strictObject({});

export type IncludesOptions = z.output<typeof includesOptions>;

export function createIncludes(_options: IncludesOptions = {}): ScoreFn {
  return (item, output) => {
    const expected = expectedList(item.expected);
    if (expected === undefined) return noExpected();
    const haystack = output.toLowerCase();
    for (const want of expected) {
      const needle = normalize(want);
      if (needle !== '' && haystack.includes(needle)) return score(1, `contains ${quote(want)}`);
    }
    return score(0, `missing ${describeExpected(expected)} in ${quote(output)}`);
  };
}
