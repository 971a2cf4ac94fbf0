/** Shared helpers of the generators: option checks, a seeded random source and the item loop. */
import { seededRandom } from '../analysis/random.js';
import { RicegradeError } from '../errors.js';
import type { Expected, Item } from '../types.js';
import type { Difficulty, GenerateOptions } from './types.js';

export const MAX_SEED = 0xffffffff;

/** Throw ARGUMENT_INVALID unless the options are a valid (seed, n, difficulty). */
export function checkOptions(options: GenerateOptions): void {
  const { seed, n, difficulty } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RicegradeError('ARGUMENT_INVALID', `seed: expected an integer in [0, ${MAX_SEED}], got ${String(seed)}`);
  }
  if (!Number.isInteger(n) || n < 0) {
    throw new RicegradeError('ARGUMENT_INVALID', `n: expected a non-negative integer, got ${String(n)}`);
  }
  if (difficulty !== 1 && difficulty !== 2 && difficulty !== 3) {
    throw new RicegradeError('ARGUMENT_INVALID', `difficulty: expected 1, 2 or 3, got ${String(difficulty)}`);
  }
}

/** Random helpers over `seededRandom`. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(values: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(values: readonly T[]): T[];
  /** `k` distinct values, in random order. */
  sample<T>(values: readonly T[], k: number): T[];
  /** True with probability p. */
  chance(p: number): boolean;
}

/** FNV-1a of the generator name, so two generators given the same seed draw different streams. */
function salt(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRng(seed: number, name: string): Rng {
  const next = seededRandom((seed ^ salt(name)) >>> 0);
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const shuffle = <T>(values: readonly T[]): T[] => {
    const out = [...values];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return {
    next,
    int,
    pick: (values) => {
      if (values.length === 0) throw new RicegradeError('INTERNAL', 'pick from an empty list');
      return values[int(0, values.length - 1)]!;
    },
    shuffle,
    sample: (values, k) => shuffle(values).slice(0, k),
    chance: (p) => next() < p,
  };
}

/** One generated question: the prompt and its computed answer. */
export interface Draft {
  input: string;
  expected: Expected;
}

/**
 * The item loop every generator shares: checks the options, draws item i of category
 * `categories[i % categories.length]` from one seeded stream (so item i depends only on the seed,
 * the difficulty and items before it) and names it `${name}-${seed}-${i}`.
 */
export function generateItems(
  name: string,
  categories: readonly string[],
  options: GenerateOptions,
  draft: (category: string, rng: Rng, difficulty: Difficulty) => Draft,
): Item[] {
  checkOptions(options);
  const rng = createRng(options.seed, name);
  const items: Item[] = [];
  for (let i = 0; i < options.n; i++) {
    const category = categories[i % categories.length]!;
    const { input, expected } = draft(category, rng, options.difficulty);
    items.push({ id: `${name}-${options.seed}-${i}`, category, input, expected });
  }
  return items;
}

/** "1st", "2nd", "3rd", "4th", …, "11th", "12th", "13th", "21st". */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** "A", "A and B", "A, B and C". */
export function listText(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]!}`;
}

/** Given names used by the word problems and puzzles: short, distinct, none a prefix of another. */
export const NAMES: readonly string[] = [
  'Ada', 'Bo', 'Chen', 'Dara', 'Eli', 'Femi', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kofi', 'Lena', 'Mira', 'Nico', 'Omar', 'Pia',
];
