/** Parsing generator options given as command-line strings. */
import { RicegradeError } from '../errors.js';
import { MAX_SEED } from './common.js';
import type { Difficulty, GenerateOptions } from './types.js';

export const DEFAULT_DIFFICULTY: Difficulty = 2;
export const MAX_N = 100_000;

const DIGITS = /^\d+$/;

function integerOption(option: string, raw: string, min: number, max: number): number {
  const text = raw.trim();
  const value = DIGITS.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RicegradeError('ARGUMENT_INVALID', `${option}: expected an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** `--seed`, `-n` and `--difficulty` as strings to GenerateOptions; throws ARGUMENT_INVALID naming the option. */
export function parseGenerateOptions(raw: { seed: string; n: string; difficulty?: string }): GenerateOptions {
  return {
    seed: integerOption('--seed', raw.seed, 0, MAX_SEED),
    n: integerOption('--n', raw.n, 1, MAX_N),
    difficulty: raw.difficulty === undefined ? DEFAULT_DIFFICULTY : (integerOption('--difficulty', raw.difficulty, 1, 3) as Difficulty),
  };
}
