/** `strings`: character- and word-level string manipulation with one canonical answer. */
import { generateItems, ordinal, type Draft, type Rng } from '../common.js';
import type { Difficulty, Generator } from '../types.js';

/*
 * No upper/lowercase task: the `exact` scorer is case-insensitive by contract, so it could not tell a
 * right case conversion from a wrong one. `remove-vowels` takes its place.
 */
const CATEGORIES = ['reverse', 'count-letter', 'sort-words', 'nth-character', 'remove-vowels'] as const;

const FORMAT = 'Answer with the result only.';

const SHORT_WORDS = [
  'apple', 'bread', 'chair', 'dance', 'eagle', 'flame', 'grape', 'house', 'lemon', 'mango', 'night', 'ocean',
  'piano', 'quilt', 'river', 'stone', 'tiger', 'vivid', 'water', 'zebra', 'cloud', 'dream', 'frost', 'globe',
];
const LONG_WORDS = [
  'banana', 'library', 'mountain', 'keyboard', 'umbrella', 'strawberry', 'parallel', 'committee', 'mississippi',
  'bookkeeper', 'occurrence', 'possession', 'accommodate', 'balloon', 'engineering', 'assessment', 'remember',
  'carpenter', 'elephant', 'hurricane', 'kangaroo', 'telescope', 'whisper', 'butterfly',
];
const ALL_WORDS = [...SHORT_WORDS, ...LONG_WORDS];

function reversed(text: string): string {
  return [...text].reverse().join('');
}

/** A word (1), a long word (2) or a two-word phrase (3); never a palindrome. */
function subject(rng: Rng, difficulty: Difficulty): string {
  for (;;) {
    const text =
      difficulty === 1 ? rng.pick(SHORT_WORDS) : difficulty === 2 ? rng.pick(LONG_WORDS) : rng.sample(ALL_WORDS, 2).join(' ');
    if (reversed(text) !== text) return text;
  }
}

function reverse(rng: Rng, difficulty: Difficulty): Draft {
  const text = subject(rng, difficulty);
  return { input: `Reverse the order of the characters in "${text}". ${FORMAT}`, expected: reversed(text) };
}

function countLetter(rng: Rng, difficulty: Difficulty): Draft {
  const words = difficulty === 1 ? [rng.pick(ALL_WORDS)] : rng.sample(ALL_WORDS, difficulty === 2 ? 3 : 6);
  const text = words.join(' ');
  const letters = [...new Set(text.replace(/ /g, ''))];
  // Mostly a letter that occurs (often more than once), sometimes one that does not.
  const absent = [...'abcdefghijklmnopqrstuvwxyz'].filter((c) => !letters.includes(c));
  const letter = difficulty > 1 && rng.chance(0.15) && absent.length > 0 ? rng.pick(absent) : rng.pick(letters);
  let count = 0;
  for (const c of text) if (c === letter) count += 1;
  const where = words.length === 1 ? `the word "${text}"` : `the text "${text}"`;
  return {
    input: `How many times does the letter "${letter}" appear in ${where}? Answer with the number only.`,
    expected: String(count),
  };
}

function sortWords(rng: Rng, difficulty: Difficulty): Draft {
  const k = [3, 5, 8][difficulty - 1]!;
  for (;;) {
    const words = rng.sample(ALL_WORDS, k);
    const sorted = [...words].sort();
    if (sorted.join(' ') === words.join(' ')) continue;
    return {
      input: `Sort these words alphabetically: "${words.join(' ')}". Answer with the sorted words only, separated by single spaces.`,
      expected: sorted.join(' '),
    };
  }
}

function nthCharacter(rng: Rng, difficulty: Difficulty): Draft {
  const word = difficulty === 1 ? rng.pick(SHORT_WORDS) : rng.pick(LONG_WORDS);
  const chars = [...word];
  if (difficulty === 3 && rng.chance(0.5)) {
    const n = rng.int(2, chars.length);
    return {
      input: `What is the ${ordinal(n)} letter from the end of the word "${word}" (the last letter is the 1st from the end)? Answer with the letter only.`,
      expected: chars[chars.length - n]!,
    };
  }
  const n = rng.int(difficulty === 1 ? 1 : 2, difficulty === 1 ? 3 : chars.length);
  return { input: `What is the ${ordinal(n)} letter of the word "${word}"? Answer with the letter only.`, expected: chars[n - 1]! };
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

function removeVowels(rng: Rng, difficulty: Difficulty): Draft {
  const text = subject(rng, difficulty);
  return {
    input: `Remove every vowel (a, e, i, o, u; not y) from "${text}", keeping all other characters in order. ${FORMAT}`,
    expected: [...text].filter((c) => !VOWELS.has(c)).join(''),
  };
}

export const strings: Generator = {
  name: 'strings',
  description: 'string manipulation: reverse, count a letter, sort words, nth letter, remove vowels',
  scorer: { name: 'exact' },
  categories: CATEGORIES,
  generate: (options) =>
    generateItems('strings', CATEGORIES, options, (category, rng, difficulty) => {
      if (category === 'reverse') return reverse(rng, difficulty);
      if (category === 'count-letter') return countLetter(rng, difficulty);
      if (category === 'sort-words') return sortWords(rng, difficulty);
      if (category === 'nth-character') return nthCharacter(rng, difficulty);
      return removeVowels(rng, difficulty);
    }),
};
