/**
 * `numeric`: the number the model answered (see `extract-number.ts`) is within tolerance of the
 * expected number. Expected may be a number, a numeric string (`"1,234"`, `"$5"`, `"3/4"`: its first
 * number is used) or a list of either (any matches). Correct iff
 * |got − want| ≤ max(tolerance, relative · |want|); `tolerance` is absolute (default 1e-6),
 * `relative` a fraction of |want| (default 0).
 */
import { z } from 'zod';
import type { Expected, Item, Score, ScoreFn } from '../types.js';
import { extractAnswerNumber, firstNumber } from './extract-number.js';
import { noExpected, quote, score } from './normalize.js';

export const DEFAULT_TOLERANCE = 1e-6;

export const numericOptions = z.strictObject({
  tolerance: z.number().min(0, 'must be >= 0').optional(),
  relative: z.number().min(0, 'must be >= 0').optional(),
});

export type NumericOptions = z.output<typeof numericOptions>;

/** A number for a detail: 15 significant digits hide floating-point noise (0.1 + 0.2). */
function show(n: number): string {
  return String(Number(n.toPrecision(15)));
}

/** The expected value of one entry, or undefined when it holds no number. */
function wantOf(entry: string | number): number | undefined {
  if (typeof entry === 'number') return Number.isFinite(entry) ? entry : undefined;
  return firstNumber(String(entry));
}

/** The expected entries, or undefined when the item has no expected answer. */
function entriesOf(expected: Expected | undefined): readonly (string | number)[] | undefined {
  if (expected === undefined || expected === null) return undefined;
  if (!Array.isArray(expected)) return [expected];
  return expected.length === 0 ? undefined : expected;
}

export function createNumeric(options: NumericOptions = {}): ScoreFn {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const relative = options.relative ?? 0;
  const within = (got: number, want: number): boolean =>
    Math.abs(got - want) <= Math.max(tolerance, relative * Math.abs(want));

  const scoreOf = (item: Item, got: number | undefined): Score => {
    const entries = entriesOf(item.expected);
    if (entries === undefined) return noExpected();
    let first: number | undefined;
    let count = 0;
    for (const entry of entries) {
      const want = wantOf(entry);
      if (want === undefined) continue;
      if (got !== undefined && within(got, want)) return score(1, `got ${show(got)} want ${show(want)}`);
      first ??= want;
      count += 1;
    }
    if (first === undefined) return score(0, `expected ${quote(String(entries[0]))} is not a number`);
    if (got === undefined) return score(0, 'no number found');
    const more = count > 1 ? ` (+${count - 1} more)` : '';
    return score(0, `got ${show(got)} want ${show(first)}${more}`);
  };
  // The answer to compare models by is the number read, not the text around it.
  return (item, output) => {
    const got = extractAnswerNumber(output);
    const result = scoreOf(item, got);
    return got === undefined ? result : { ...result, answer: show(got) };
  };
}
