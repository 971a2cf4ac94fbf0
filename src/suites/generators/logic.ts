/**
 * `logic`: puzzles with exactly one answer. Each is drawn from a random hidden solution, then every
 * candidate solution is checked by brute force; a puzzle whose answer is not unique is redrawn.
 */
import { RicegradeError } from '../../errors.js';
import { generateItems, listText, NAMES, ordinal, type Draft, type Rng } from '../common.js';
import type { Difficulty, Generator } from '../types.js';

const CATEGORIES = ['ordering', 'knights-knaves'] as const;

const FORMAT = 'Answer with the name only.';
const MAX_ATTEMPTS = 500;

/** All orderings of 0..k−1. */
function permutations(k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (const rest of permutations(k - 1)) {
    for (let i = 0; i <= rest.length; i++) out.push([...rest.slice(0, i), k - 1, ...rest.slice(i)]);
  }
  return out;
}

const COUNT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six'];

const TRAITS = [
  { more: 'taller', less: 'shorter', most: 'tallest', least: 'shortest', context: 'compare their heights' },
  { more: 'older', less: 'younger', most: 'oldest', least: 'youngest', context: 'compare their ages' },
  { more: 'faster', less: 'slower', most: 'fastest', least: 'slowest', context: 'run a race' },
] as const;

/** A clue: person `above` ranks higher than person `below` (indices into the names). */
interface Clue {
  above: number;
  below: number;
}

/** The answers (person at `rank`, 0 = highest) of all orderings consistent with the clues. */
function answersAt(k: number, clues: readonly Clue[], rank: number): Set<number> {
  const answers = new Set<number>();
  for (const order of permutations(k)) {
    const position = new Map(order.map((person, at) => [person, at]));
    if (clues.every((c) => position.get(c.above)! < position.get(c.below)!)) answers.add(order[rank]!);
  }
  return answers;
}

function ordering(rng: Rng, difficulty: Difficulty): Draft {
  const k = difficulty + 2;
  const names = rng.sample(NAMES, k);
  const trait = rng.pick(TRAITS);
  // hidden[r] is the person at rank r; every true pairwise comparison is a candidate clue.
  const hidden = rng.shuffle(names.map((_, i) => i));
  const rank = difficulty === 3 ? rng.int(0, k - 1) : rng.pick([0, k - 1]);
  const candidates: Clue[] = [];
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) candidates.push({ above: hidden[a]!, below: hidden[b]! });
  // Add random true clues until the answer is forced, then drop those that are not needed.
  const clues: Clue[] = [];
  for (const clue of rng.shuffle(candidates)) {
    if (answersAt(k, clues, rank).size === 1) break;
    clues.push(clue);
  }
  for (const clue of rng.shuffle(clues)) {
    const without = clues.filter((c) => c !== clue);
    if (answersAt(k, without, rank).size === 1) clues.splice(clues.indexOf(clue), 1);
  }
  const answers = answersAt(k, clues, rank);
  if (answers.size !== 1 || !answers.has(hidden[rank]!)) {
    throw new RicegradeError('INTERNAL', 'logic: ordering puzzle without a unique answer');
  }
  const lines = clues.map((c) =>
    rng.chance(0.5) ? `${names[c.above]!} is ${trait.more} than ${names[c.below]!}.` : `${names[c.below]!} is ${trait.less} than ${names[c.above]!}.`,
  );
  const question =
    rank === 0
      ? `the ${trait.most}`
      : rank === k - 1
        ? `the ${trait.least}`
        : `the ${ordinal(rank + 1)} ${trait.most}`;
  return {
    input: `${COUNT_WORDS[k]![0]!.toUpperCase()}${COUNT_WORDS[k]!.slice(1)} people, ${listText(names)}, ${trait.context}. No two are the same.\n${lines.map((l) => `- ${l}`).join('\n')}\nWho is ${question}? ${FORMAT}`,
    expected: names[hidden[rank]!]!,
  };
}

/** A statement about who is a knight (true) or knave (false); `a`, `b` are people, possibly the speaker. */
type Statement =
  | { form: 'knight' | 'knave'; a: number }
  | { form: 'both-knights' | 'both-knaves' | 'one-knave' | 'same' | 'different'; a: number; b: number };

function holds(s: Statement, knight: readonly boolean[]): boolean {
  switch (s.form) {
    case 'knight':
      return knight[s.a]!;
    case 'knave':
      return !knight[s.a]!;
    case 'both-knights':
      return knight[s.a]! && knight[s.b]!;
    case 'both-knaves':
      return !knight[s.a]! && !knight[s.b]!;
    case 'one-knave':
      return !knight[s.a]! || !knight[s.b]!;
    case 'same':
      return knight[s.a] === knight[s.b];
    case 'different':
      return knight[s.a] !== knight[s.b];
  }
}

function sayStatement(s: Statement, speaker: number, names: readonly string[]): string {
  if (!('b' in s)) return `${names[s.a]!} is a ${s.form}.`;
  // The speaker, when named, is "I" and comes second: "Bo and I".
  const [x, y] = s.a === speaker ? [s.b, s.a] : [s.a, s.b];
  const pair = `${names[x]!} and ${y === speaker ? 'I' : names[y]!}`;
  switch (s.form) {
    case 'both-knights':
      return `${pair} are both knights.`;
    case 'both-knaves':
      return `${pair} are both knaves.`;
    case 'one-knave':
      return `At least one of ${pair} is a knave.`;
    case 'same':
      return `${pair} are the same kind.`;
    case 'different':
      return `${pair} are different kinds.`;
  }
}

/** A random statement by `speaker` that is true iff the speaker is a knight in `knight`. */
function drawStatement(rng: Rng, speaker: number, knight: readonly boolean[]): Statement {
  const k = knight.length;
  const others = [...Array(k).keys()].filter((i) => i !== speaker);
  for (;;) {
    const form = rng.pick(['knight', 'knave', 'both-knights', 'both-knaves', 'one-knave', 'same', 'different'] as const);
    let s: Statement;
    if (form === 'knight' || form === 'knave') s = { form, a: rng.pick(others) };
    else {
      const [a, b] = rng.sample([...Array(k).keys()], 2) as [number, number];
      s = { form, a, b };
    }
    if (holds(s, knight) === knight[speaker]) return s;
  }
}

/** Every knight/knave assignment under which each statement is true exactly when its speaker is a knight. */
function consistentAssignments(statements: readonly Statement[]): boolean[][] {
  const k = statements.length;
  const out: boolean[][] = [];
  for (let mask = 0; mask < 1 << k; mask++) {
    const knight = [...Array(k).keys()].map((i) => ((mask >> i) & 1) === 1);
    if (statements.every((s, speaker) => holds(s, knight) === knight[speaker])) out.push(knight);
  }
  return out;
}

function knightsKnaves(rng: Rng, difficulty: Difficulty): Draft {
  const k = difficulty + 1;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const names = rng.sample(NAMES, k);
    // Exactly one odd one out: one knave among knights, or (from 3 people) one knight among knaves.
    const askKnave = k === 2 || rng.chance(0.5);
    const odd = rng.int(0, k - 1);
    const knight = names.map((_, i) => (i === odd ? !askKnave : askKnave));
    const statements = names.map((_, speaker) => drawStatement(rng, speaker, knight));
    // Unique even without the "exactly one" hint the question gives.
    const solutions = consistentAssignments(statements);
    if (solutions.length !== 1) continue;
    const lines = statements.map((s, speaker) => `${names[speaker]!} says: "${sayStatement(s, speaker, names)}"`);
    const kind = askKnave ? 'knave' : 'knight';
    return {
      input:
        `On an island, every inhabitant is either a knight, who always tells the truth, or a knave, who always lies. You meet ${listText(names)}.\n` +
        `${lines.join('\n')}\nExactly one of them is a ${kind}. Who is the ${kind}? ${FORMAT}`,
      expected: names[odd]!,
    };
  }
  throw new RicegradeError('INTERNAL', 'logic: could not draw a knights-and-knaves puzzle with a unique solution');
}

export const logic: Generator = {
  name: 'logic',
  description: 'logic puzzles with a unique, brute-force-verified answer: orderings, knights and knaves',
  scorer: { name: 'exact' },
  categories: CATEGORIES,
  generate: (options) =>
    generateItems('logic', CATEGORIES, options, (category, rng, difficulty) =>
      category === 'ordering' ? ordering(rng, difficulty) : knightsKnaves(rng, difficulty),
    ),
};
