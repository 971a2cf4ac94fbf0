import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONSTRAINT_KINDS, instructionText, parseConstraints } from '../../scorers/ifeval-constraints.js';
import { createScorer } from '../../scorers/index.js';
import type { Constraint, Item } from '../../types.js';
import { DIFFICULTIES, type Difficulty } from '../types.js';
import { assertRejectsBadOptions, inputText, sampleItems } from './generator.conformance.js';
import { compatible, ifeval, wordsAgree } from './ifeval.js';

/*
 * The shared `checkContract` asks every item for an expected answer and an "Answer with …" format,
 * which instruction-following items do not have; its other checks are made here, then the
 * generator and the scorer are checked against each other with a program-built ("oracle") answer.
 */

const score = createScorer(ifeval.scorer);
const gen = (seed: number, n: number, difficulty: Difficulty) => ifeval.generate({ seed, n, difficulty });

test('ifeval: same (seed, n, difficulty) gives identical items and ids', () => {
  for (const difficulty of DIFFICULTIES) assert.deepEqual(gen(5, 40, difficulty), gen(5, 40, difficulty));
});

test('ifeval: another seed gives fresh items', () => {
  for (const difficulty of DIFFICULTIES) {
    const a = gen(5, 40, difficulty);
    const b = gen(6, 40, difficulty);
    const inputsA = new Set(a.map((item) => inputText(item)));
    const shared = b.filter((item) => inputsA.has(inputText(item))).length;
    assert.ok(shared < 20, `difficulty ${difficulty}: ${shared} of 40 prompts repeat across seeds`);
    assert.notDeepEqual(a, b);
  }
});

test('ifeval: n is respected, a smaller n gives a prefix, ids are unique', () => {
  for (const n of [0, 1, 3, 25]) assert.equal(gen(9, n, 2).length, n);
  const many = gen(9, 100, 2);
  assert.deepEqual(gen(9, 30, 2), many.slice(0, 30));
  assert.deepEqual(
    many.map((item) => item.id),
    many.map((_, i) => `ifeval-9-${i}`),
  );
});

test('ifeval: difficulty changes the items', () => {
  const inputs = (difficulty: Difficulty) => gen(3, 20, difficulty).map((item) => item.input);
  assert.notDeepEqual(inputs(1), inputs(2));
  assert.notDeepEqual(inputs(2), inputs(3));
});

test('ifeval: invalid options are ARGUMENT_INVALID', () => assertRejectsBadOptions(ifeval));

test('ifeval: the scorer and categories: every constraint kind, cycled as the first constraint', () => {
  assert.deepEqual(ifeval.scorer, { name: 'ifeval' });
  assert.deepEqual([...ifeval.categories].sort(), [...CONSTRAINT_KINDS].sort());
  const items = gen(4, ifeval.categories.length * 2, 1);
  assert.deepEqual(
    items.map((item) => item.category),
    [...ifeval.categories, ...ifeval.categories],
  );
});

test('ifeval: every item is valid — difficulty-many constraints, the first its category, each instruction in the prompt', () => {
  const seen = new Set<string>();
  for (const item of sampleItems(ifeval)) {
    const constraints = item.constraints!;
    assert.ok(constraints.length >= 1 && constraints.length <= 3, item.id);
    assert.equal(item.category, constraints[0]!.kind, item.id);
    assert.deepEqual(parseConstraints(constraints), constraints, `${item.id}: valid and already normalised`);
    assert.equal(item.expected, undefined);
    const text = inputText(item);
    assert.match(text, /^(Write|Summarize) /, item.id);
    for (const c of constraints) assert.ok(text.includes(instructionText(c)), `${item.id}: instruction for ${c.kind}`);
    assert.equal(new Set(constraints.map((c) => c.kind)).size, constraints.length, `${item.id}: kinds differ`);
    for (const c of constraints) seen.add(c.kind);
  }
  assert.deepEqual([...seen].sort(), [...CONSTRAINT_KINDS].sort());
  for (const difficulty of DIFFICULTIES) {
    for (const item of gen(11, 60, difficulty)) assert.equal(item.constraints!.length, difficulty, item.id);
  }
});

test('ifeval: never contradictory — conflicting kinds are never combined, and words never clash', () => {
  const never: [string, string][] = [
    ['lowercase', 'uppercase'],
    ['json_only', 'bullet_count'],
    ['json_only', 'end_phrase'],
    ['json_only', 'title'],
    ['json_only', 'paragraphs'],
    ['json_only', 'no_commas'],
    ['sentence_count', 'bullet_count'],
    ['postscript', 'end_phrase'],
  ];
  for (const [a, b] of never) {
    assert.equal(compatible(a, b), false, `${a} + ${b}`);
    assert.equal(compatible(b, a), false, `${b} + ${a}`);
  }
  assert.equal(compatible('lowercase', 'title'), true);
  assert.equal(compatible('json_only', 'include_keywords'), true);
  for (const item of sampleItems(ifeval, 200, [0, 1, 99])) {
    const kinds = item.constraints!.map((c) => c.kind);
    for (const [i, a] of kinds.entries()) for (const b of kinds.slice(i + 1)) assert.ok(compatible(a, b), `${item.id}: ${a} + ${b}`);
    assert.ok(wordsAgree(item.constraints!), `${item.id}: ${JSON.stringify(item.constraints)}`);
  }
  assert.equal(wordsAgree([{ kind: 'include_keywords', keywords: ['river'] }, { kind: 'forbidden_words', words: ['River'] }]), false);
  assert.equal(wordsAgree([{ kind: 'end_phrase', phrase: 'Any other questions?' }, { kind: 'keyword_frequency', keyword: 'questions', max: 1 }]), false);
  assert.equal(wordsAgree([{ kind: 'end_phrase', phrase: 'Any other questions?' }, { kind: 'forbidden_words', words: ['question'] }]), true);
});

test('ifeval: a higher difficulty asks for more', () => {
  const param = (difficulty: Difficulty, kind: string, key: string) =>
    gen(2, 400, difficulty)
      .flatMap((item) => item.constraints!)
      .filter((c) => c.kind === kind)
      .map((c) => c[key] as number);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  for (const [kind, key] of [['bullet_count', 'count'], ['paragraphs', 'count'], ['placeholders', 'min'], ['highlights', 'min']] as const) {
    assert.ok(mean(param(1, kind, key)) < mean(param(3, kind, key)), kind);
  }
  const ranges = gen(2, 200, 3).flatMap((item) => item.constraints!).filter((c) => c.kind === 'word_count' || c.kind === 'sentence_count');
  assert.ok(ranges.length > 0 && ranges.every((c) => c.min !== undefined && c.max !== undefined), 'hard length limits are ranges');
  const keywords = (difficulty: Difficulty) => gen(2, 200, difficulty).flatMap((item) => item.constraints!).filter((c) => c.kind === 'include_keywords');
  assert.ok(keywords(3).every((c) => (c.keywords as string[]).length === 3) && keywords(1).every((c) => (c.keywords as string[]).length === 1));
});

// ---------------------------------------------------------------------------------------------
// The oracle: an answer built from the constraints alone, which the scorer must accept.

const FILLER = ['amber', 'basil', 'cobalt', 'dune', 'ember', 'fjord', 'gala', 'hazel', 'indigo', 'juniper', 'kelp', 'lilac', 'mosaic', 'onyx', 'pebble', 'quartz'];

function fillerWords(n: number, start = 0): string[] {
  return Array.from({ length: n }, (_, i) => FILLER[(start + i) % FILLER.length]!);
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** An answer with `extra` filler sentences of `perSentence` words, laid out as the constraints ask. */
function oracle(constraints: readonly Constraint[], extra: number, perSentence: number): string {
  const get = (kind: string) => constraints.find((c) => c.kind === kind);
  let counter = 0;
  const sentence = (n: number, lead: readonly string[] = []) => `${capitalized([...lead, ...fillerWords(n, counter++)].join(' '))}.`;
  const frequency = get('keyword_frequency');
  const core = [
    ...((get('include_keywords')?.keywords as string[] | undefined) ?? []),
    ...Array.from({ length: (frequency?.min as number | undefined) ?? 0 }, () => frequency!.keyword as string),
    ...Array.from({ length: (get('placeholders')?.min as number | undefined) ?? 0 }, (_, i) => `[slot${i + 1}]`),
    ...Array.from({ length: (get('highlights')?.min as number | undefined) ?? 0 }, (_, i) => `*mark${i + 1}*`),
  ];
  let text: string;
  if (get('json_only')) {
    text = JSON.stringify({ text: [...core, ...fillerWords(perSentence * (extra + 1))].join(' ') }, null, 2);
  } else {
    const start = get('start_phrase');
    const intro = start ? `${start.phrase as string} ${[...core, ...fillerWords(perSentence)].join(' ')}.` : sentence(perSentence, core);
    const first = [intro];
    if (get('title')) first.push('<<Amber Title>>');
    for (let i = 0; i < ((get('bullet_count')?.count as number | undefined) ?? 0); i++) first.push(`- ${sentence(2)}`);
    const count = (get('paragraphs')?.count as number | undefined) ?? 1;
    const fillers = Array.from({ length: Math.max(extra, count - 1) }, () => sentence(perSentence));
    const rest = fillers.splice(0, count - 1);
    first.push(fillers.join(' '));
    const paragraphs = [first.filter((line) => line !== '').join('\n'), ...rest];
    text = paragraphs.join('\n\n***\n\n');
    const end = get('end_phrase');
    if (end) text += `\n${end.phrase as string}`;
    const postscript = get('postscript');
    if (postscript) text += `\n\n${postscript.marker as string} ${sentence(2)}`;
  }
  if (get('quotation')) text = `"${text}"`;
  if (get('lowercase')) text = text.toLowerCase();
  if (get('uppercase')) text = text.toUpperCase();
  return text;
}

const EXTRAS = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15];
const PER_SENTENCE = [2, 3, 4, 6, 8, 10, 12, 15, 20, 25, 30, 40];

/** The first oracle answer (over a small grid of lengths) that the scorer accepts, or undefined. */
function acceptedAnswer(item: Item): string | undefined {
  for (const extra of EXTRAS) {
    for (const perSentence of PER_SENTENCE) {
      const answer = oracle(item.constraints!, extra, perSentence);
      if (score(item, answer).value === 1) return answer;
    }
  }
  return undefined;
}

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** The answer changed so that it breaks `c` (and possibly others). */
function violate(c: Constraint, answer: string): string {
  switch (c.kind) {
    case 'word_count':
      return c.max !== undefined ? `${answer} ${'more '.repeat((c.max as number) + 1)}` : 'Too short.';
    case 'sentence_count':
      return c.max !== undefined ? `${answer}${' More.'.repeat((c.max as number) + 1)}` : 'Only one sentence here.';
    case 'bullet_count':
      return `${answer}\n- one more bullet`;
    case 'include_keywords':
      return answer.replace(new RegExp(escapeRegExp((c.keywords as string[])[0]!), 'gi'), 'zzz');
    case 'forbidden_words':
      return `${answer} ${(c.words as string[])[0]!}`;
    case 'keyword_frequency':
      return c.max !== undefined
        ? `${answer}${` ${c.keyword as string}`.repeat((c.max as number) + 1)}`
        : answer.replace(new RegExp(escapeRegExp(c.keyword as string), 'gi'), 'zzz');
    case 'lowercase':
      return `${answer} ABC`;
    case 'uppercase':
      return `${answer} abc`;
    case 'json_only':
      return `Here is the JSON: ${answer}`;
    case 'start_phrase':
      return `Well. ${answer}`;
    case 'end_phrase':
      return `${answer} Bye.`;
    case 'title':
      return answer.replace(/<<|>>/g, '');
    case 'no_commas':
      return `${answer}, yes`;
    case 'paragraphs':
      return `${answer}\n\n***\n\nOne more paragraph.`;
    case 'placeholders':
      return answer.replace(/[[\]]/g, '');
    case 'postscript':
      return `${answer}\n\nBest wishes.`;
    case 'quotation':
      return answer.slice(1, -1);
    case 'highlights':
      return answer.replace(/\*/g, '');
    default:
      throw new Error(`no violation for ${c.kind}`);
  }
}

test('ifeval: generator and checker agree — an answer built to the constraints scores 1, breaking the first scores < 1', () => {
  for (const seed of [1, 2024]) {
    for (const difficulty of DIFFICULTIES) {
      for (const item of gen(seed, 200, difficulty)) {
        const answer = acceptedAnswer(item);
        assert.ok(answer !== undefined, `${item.id}: no oracle answer follows ${JSON.stringify(item.constraints)}`);
        const broken = score(item, violate(item.constraints![0]!, answer));
        assert.ok(broken.value < 1, `${item.id}: breaking ${item.category} still scores 1`);
        assert.equal(broken.answer!.charAt(0), '0', `${item.id}: ${broken.detail}`);
      }
    }
  }
});

test('ifeval: the oracle answer of a known item, and what the scorer says about it', () => {
  const item: Item = {
    id: 'x',
    input: 'Write a poem.',
    constraints: [{ kind: 'lowercase' }, { kind: 'title' }, { kind: 'end_phrase', phrase: 'Any other questions?' }],
  };
  const answer = acceptedAnswer(item)!;
  assert.equal(answer, 'amber basil.\n<<amber title>>\nany other questions?');
  assert.deepEqual(score(item, answer), { value: 1, detail: 'strict 3/3: lowercase ✓ title ✓ end_phrase ✓', answer: '111' });
});
