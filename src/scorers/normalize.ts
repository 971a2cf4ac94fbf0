/**
 * Helpers shared by the scorers: the comparison form of a text, the expected answer as a list,
 * and short one-line details. Pure, no I/O.
 */
import type { Expected, Score } from '../types.js';

/** Longest detail a scorer returns (the contract is < 120 characters). */
export const MAX_DETAIL = 119;

/** The comparison form of a text: trimmed and case-folded. Nothing else is removed. */
export function normalize(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * The expected answer as a list of strings: a string is one answer, a string[] is any of several,
 * a number is rendered with `String(n)`. Non-string array entries (from loosely typed datasets) are
 * rendered the same way. Returns undefined when there is no expected answer (absent or empty list).
 */
export function expectedList(expected: Expected | undefined): readonly string[] | undefined {
  if (expected === undefined || expected === null) return undefined;
  if (typeof expected === 'string') return [expected];
  if (Array.isArray(expected)) {
    if (expected.length === 0) return undefined;
    for (const entry of expected) {
      if (typeof entry !== 'string') return expected.map((e) => String(e));
    }
    return expected;
  }
  return [String(expected)];
}

/** The score of an item that has no expected answer: 0, never an exception. */
export function noExpected(): Score {
  return { value: 0, detail: 'item has no expected answer' };
}

/** A score whose detail is clipped to one short line. */
export function score(value: number, detail: string): Score {
  return { value, detail: clip(detail, MAX_DETAIL) };
}

/** Clip a text to `max` characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  // Do not split a surrogate pair.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

const WHITESPACE_RUN = /\s+/g;

/**
 * A text quoted for a detail: whitespace runs collapsed to one space (so the detail stays on one
 * line), at most `max` characters inside the quotes, cut with an ellipsis.
 */
export function quote(text: string, max = 40): string {
  // Only look at a bounded prefix: outputs can be long and this runs on the hot path.
  const head = text.length > max * 4 ? text.slice(0, max * 4) : text;
  let shown = head.replace(WHITESPACE_RUN, ' ').trim();
  if (shown.length > max) shown = clip(shown, max);
  else if (head.length < text.length) shown = shown.length < max ? `${shown}…` : clip(`${shown}…`, max);
  return `"${shown}"`;
}

/** The expected answers for a detail: the first one quoted, and how many others there are. */
export function describeExpected(expected: readonly string[], max = 40): string {
  const first = quote(expected[0] ?? '', max);
  return expected.length > 1 ? `${first} (+${expected.length - 1} more)` : first;
}
