/** The contract of a seeded item generator: fresh, contamination-free items from (seed, n, difficulty). */
import type { Item } from '../types.js';

export type Difficulty = 1 | 2 | 3;

export const DIFFICULTIES: readonly Difficulty[] = [1, 2, 3];

export interface GenerateOptions {
  /** An integer in [0, 2^32 − 1]; the same seed always gives the same items. */
  seed: number;
  /** How many items; item i does not depend on n, so a smaller n gives a prefix. */
  n: number;
  difficulty: Difficulty;
}

/** The scorer that fits a generator's items, as written in a config (e.g. `{ name: 'numeric' }`). */
export interface GeneratorScorer {
  name: string;
  [option: string]: unknown;
}

export interface Generator {
  /** e.g. 'arithmetic'; item ids are `${name}-${seed}-${i}` (fixed lists such as `safety` keep `${name}-${category}-${k}` whatever the seed). */
  name: string;
  /** One line. */
  description: string;
  scorer: GeneratorScorer;
  /** Every category an item can have, in the order items cycle through them. */
  categories: readonly string[];
  generate(options: GenerateOptions): Item[];
}
