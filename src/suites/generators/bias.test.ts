import assert from 'node:assert/strict';
import { test } from 'node:test';
import { biasScores, type BiasAnswer } from '../../analysis/bias.js';
import { RicegradeError } from '../../errors.js';
import { createScorer } from '../../scorers/index.js';
import type { Item } from '../../types.js';
import { BIAS_TEMPLATES, UNKNOWN_OPTIONS, bias, type BiasAttribute } from './bias.js';

const everything = (seed: number): Item[] => bias.generate({ seed, n: 10_000, difficulty: 1 });
const ALL = everything(0).length;

/** The template, polarity and context an item was built from, read from its id. */
function parts(item: Item) {
  const m = /^bias-([a-z-]+?)-([a-z]+)-(neg|nonneg)-(ambig|disambig)-([a-z-]+)$/.exec(item.id);
  assert.ok(m, `${item.id}: id shape`);
  const attribute = m[1] as BiasAttribute;
  const template = BIAS_TEMPLATES[attribute].find((t) => t.key === m[2]);
  assert.ok(template, `${item.id}: known template`);
  return { attribute, template, polarity: m[3]!, context: m[4]!, variant: m[5]! };
}

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

test('bias: same seed gives the same items; another seed another order', () => {
  assert.deepEqual(bias.generate({ seed: 5, n: 30, difficulty: 2 }), bias.generate({ seed: 5, n: 30, difficulty: 2 }));
  assert.notDeepEqual(
    bias.generate({ seed: 5, n: 30, difficulty: 2 }).map((i) => i.id),
    bias.generate({ seed: 6, n: 30, difficulty: 2 }).map((i) => i.id),
  );
});

test('bias: n is respected, a smaller n is a prefix, a larger n gives the whole list', () => {
  for (const n of [0, 1, 3, 25]) assert.equal(bias.generate({ seed: 9, n, difficulty: 3 }).length, n);
  assert.deepEqual(bias.generate({ seed: 9, n: 10, difficulty: 2 }), bias.generate({ seed: 9, n: 40, difficulty: 2 }).slice(0, 10));
  assert.equal(ALL, 4 * 3 * 2 * 2 * 2);
  assert.throws(() => bias.generate({ seed: -1, n: 1, difficulty: 1 }), RicegradeError);
});

test('bias: ids are unique and stable; categories are balanced', () => {
  const items = everything(42);
  assert.equal(new Set(items.map((i) => i.id)).size, ALL);
  assert.deepEqual(new Set(items.map((i) => i.id)), new Set(everything(7).map((i) => i.id)));
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.category!, (counts.get(item.category!) ?? 0) + 1);
  assert.deepEqual([...counts.keys()].sort(), [...bias.categories].sort());
  for (const [category, count] of counts) assert.equal(count, 12, category);
  for (const attribute of Object.keys(BIAS_TEMPLATES) as BiasAttribute[]) assert.ok(BIAS_TEMPLATES[attribute].length >= 3);
});

test('bias: the bias indices point at the right choices, and the expected answer fits the context', () => {
  for (const seed of [0, 1, 42, 0xffffffff]) {
    for (const item of everything(seed)) {
      const { attribute, template, polarity, context } = parts(item);
      const choices = item.choices!;
      const b = item.bias!;
      assert.equal(choices.length, 3);
      assert.equal(new Set(choices).size, 3);
      assert.equal(item.category, `${attribute}/${context}`);
      assert.equal(b.context, context);
      assert.ok(UNKNOWN_OPTIONS.includes(choices[b.unknown]!), `${item.id}: unknown option`);
      const stereotyped = cap(template.stereotyped.ref);
      const other = cap(template.other.ref);
      assert.deepEqual([...choices].sort(), [stereotyped, other, choices[b.unknown]!].sort());
      // Polarity: a negative question's biased answer is the stereotyped person, else the other person.
      assert.equal(choices[b.biased!], polarity === 'neg' ? stereotyped : other, `${item.id}: biased option`);
      const input = item.input as string;
      assert.equal(input.split('\n').length, 2);
      assert.ok(input.endsWith(template[polarity as 'neg' | 'nonneg']));
      if (context === 'ambig') assert.equal(item.expected, b.unknown, `${item.id}: ambiguous → unknown`);
      else assert.notEqual(item.expected, b.unknown, `${item.id}: disambiguated → a person`);
    }
  }
});

test('bias: choice order varies with the seed', () => {
  const order = (seed: number) => new Map(everything(seed).map((i) => [i.id, i.choices!.join('|')]));
  const a = order(1);
  const b = order(2);
  assert.ok([...a].some(([id, c]) => b.get(id) !== c));
});

test('bias: disambiguated answers are the biased option for half the items', () => {
  const dis = everything(3).filter((i) => i.bias!.context === 'disambig');
  const pro = dis.filter((i) => i.expected === i.bias!.biased).length;
  assert.ok(Math.abs(pro - dis.length / 2) <= 1, `${pro} of ${dis.length}`);
  for (const item of dis) assert.equal(item.expected === item.bias!.biased, item.id.endsWith('-pro'), item.id);
});

test('bias: the choice scorer accepts the expected answer', () => {
  const score = createScorer(bias.scorer);
  for (const item of everything(11).slice(0, 20)) {
    const letter = 'ABC'[item.expected as number]!;
    assert.equal(score(item, letter).value, 1, item.id);
    assert.equal(score(item, 'ABC'[((item.expected as number) + 1) % 3]!).value, 0, item.id);
  }
});

test('bias: biasScores of simulated models', () => {
  const items = everything(8);
  const answers = (pick: (item: Item) => number): BiasAnswer[] =>
    items.map((item) => {
      const chosen = pick(item);
      const b = item.bias!;
      return { context: b.context, chosen, unknown: b.unknown, biased: b.biased, correct: chosen === item.expected };
    });
  const biased = biasScores(answers((i) => i.bias!.biased!));
  assert.equal(biased.s_dis, 1);
  assert.equal(biased.s_amb, 1);
  const correct = biasScores(answers((i) => i.expected as number));
  assert.ok(correct.s_dis !== null && Math.abs(correct.s_dis) <= 0.1, `s_dis ${correct.s_dis}`);
  assert.equal(correct.s_amb, 0);
  assert.equal(correct.accuracy_amb, 1);
  assert.equal(correct.accuracy_dis, 1);
});
