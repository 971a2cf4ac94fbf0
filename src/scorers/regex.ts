/**
 * `regex`: regular-expression scoring, in one of two modes.
 *
 * - With `pattern`: the LAST match of the pattern in the output is the answer (capture group 1 when
 *   it took part in the match, else the whole match). The answer, trimmed and case-folded, must
 *   equal one of the expected answers. An item without an expected answer scores 1 iff the pattern
 *   matches. `flags` apply to the pattern as given (add `i` for case-insensitive matching).
 * - Without `pattern`: each expected string is itself a regex, tested case-insensitively (plus any
 *   `flags`) against the raw output; any match scores 1. Expected numbers are matched literally.
 *   An expected regex that does not compile scores 0 (the dataset is at fault, not the run).
 *
 * The sticky flag `y` is rejected: it would stop the search for the last match at the first gap.
 */
import { z } from 'zod';
import type { ScoreFn } from '../types.js';
import { clip, describeExpected, expectedList, noExpected, normalize, quote, score } from './normalize.js';

const ALLOWED_FLAGS = /^[dgimsuv]*$/;

/** Compile a regex; the error message (one line) when it does not compile. */
export function compileRegex(pattern: string, flags: string): RegExp | string {
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(/\s+/g, ' ');
  }
}

export const regexOptions = z
  .strictObject({
    pattern: z.string().min(1, 'must not be empty').optional(),
    flags: z.string().regex(ALLOWED_FLAGS, 'only the flags d, g, i, m, s, u, v are allowed').optional(),
  })
  .superRefine((options, ctx) => {
    const flags = options.flags ?? '';
    const flagCheck = compileRegex('', flags);
    if (typeof flagCheck === 'string') {
      ctx.addIssue({ code: 'custom', path: ['flags'], message: flagCheck });
      return;
    }
    if (options.pattern !== undefined) {
      const compiled = compileRegex(options.pattern, flags);
      if (typeof compiled === 'string') ctx.addIssue({ code: 'custom', path: ['pattern'], message: compiled });
    }
  });

export type RegexOptions = z.output<typeof regexOptions>;

/** Flags plus the ones in `extra`, each once. */
function withFlags(flags: string, extra: string): string {
  let result = flags;
  for (const flag of extra) if (!result.includes(flag)) result += flag;
  return result;
}

/** Options are expected to be validated already (see `regexOptions`); a bad regex throws here. */
export function createRegex(options: RegexOptions = {}): ScoreFn {
  const flags = options.flags ?? '';
  if (options.pattern === undefined) return expectedAsRegex(flags);
  return patternScorer(new RegExp(options.pattern, withFlags(flags, 'g')));
}

/** A regex source for a detail: one line, clipped, between slashes. */
function showRegex(source: string, max = 40): string {
  return `/${clip(source.replace(/\s+/g, ' '), max)}/`;
}

/** The index after an empty match at `index`: one code point on, in unicode mode. */
function stepOver(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  const next = text.charCodeAt(index + 1);
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}

function patternScorer(re: RegExp): ScoreFn {
  const shownPattern = showRegex(re.source);
  const unicode = re.unicode || re.flags.includes('v');
  return (item, output) => {
    re.lastIndex = 0;
    let last: RegExpExecArray | null = null;
    for (let m = re.exec(output); m !== null; m = re.exec(output)) {
      last = m;
      if (m[0] === '') re.lastIndex = stepOver(output, re.lastIndex, unicode); // or loop forever
    }
    re.lastIndex = 0;
    const expected = expectedList(item.expected);
    if (last === null) return { ...score(0, `no match for ${shownPattern}`), answer: '' };
    const answer = last[1] ?? last[0];
    const got = normalize(answer);
    if (expected === undefined) return { ...score(1, `matched ${quote(answer)}`), answer: got };
    for (const want of expected) {
      if (normalize(want) === got) return { ...score(1, `matched ${quote(answer)}`), answer: got };
    }
    return { ...score(0, `got ${quote(answer)} want ${describeExpected(expected)}`), answer: got };
  };
}

const CACHE_LIMIT = 1024;
// Syntax characters only: other escapes (like `\-`) are errors in unicode mode.
const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/]/g;

function expectedAsRegex(flags: string): ScoreFn {
  const testFlags = withFlags(flags.replace('g', ''), 'i');
  // Expected regexes come from items, which repeat across models: compile each once.
  const cache = new Map<string, RegExp | string>();
  const compiled = (source: string): RegExp | string => {
    let re = cache.get(source);
    if (re === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      re = compileRegex(source, testFlags);
      cache.set(source, re);
    }
    return re;
  };
  return (item, output) => {
    const raw = item.expected;
    const expected =
      typeof raw === 'number' ? [String(raw).replace(REGEX_SPECIALS, '\\$&')] : expectedList(raw);
    if (expected === undefined) return noExpected();
    let invalid: string | undefined;
    for (const source of expected) {
      const re = compiled(source);
      if (typeof re === 'string') invalid ??= `invalid expected regex ${showRegex(source, 30)}: ${re}`;
      else if (re.test(output)) return score(1, `matches ${showRegex(source)}`);
    }
    return score(0, invalid ?? `no match for ${describeExpected(expected)} in ${quote(output, 30)}`);
  };
}
