/**
 * IFEval-style verifiable instructions: the kinds of constraint, their parameters, and how a program
 * checks an answer against each one.
 */
import type { Constraint } from '../types.js';

/** Validate an item's `constraints` field; a string is a one-line reason, starting with the index. */
export function parseConstraints(raw: unknown): Constraint[] | string {
  if (!Array.isArray(raw) || raw.length === 0) return ': expected a non-empty list of { kind, … }';
  const out: Constraint[] = [];
  for (const [i, c] of raw.entries()) {
    if (c === null || typeof c !== 'object' || Array.isArray(c) || typeof (c as { kind?: unknown }).kind !== 'string') {
      return `[${i}]: expected an object with a string "kind"`;
    }
    out.push(c as Constraint);
  }
  return out;
}
