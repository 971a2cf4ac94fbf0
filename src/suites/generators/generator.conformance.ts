/** Contract tests every generator must pass; each generator's test file runs them, then checks correctness. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RicegradeError } from '../../errors.js';
import { createScorer } from '../../scorers/index.js';
import type { Item } from '../../types.js';
import { DIFFICULTIES, type Difficulty, type Generator } from '../types.js';

/** Items of every difficulty for several seeds, for correctness checks. */
export function sampleItems(generator: Generator, n = 60, seeds: readonly number[] = [0, 1, 7, 42, 2024, 0xffffffff]): Item[] {
  return seeds.flatMap((seed) => DIFFICULTIES.flatMap((difficulty) => generator.generate({ seed, n, difficulty })));
}

export function inputText(item: Item): string {
  assert.equal(typeof item.input, 'string', `${item.id}: input is a string`);
  return item.input as string;
}

/**
 * The shared contract. `wrong(item)` is a plausible wrong answer to the item (e.g. off by one),
 * which the generator's scorer must score 0, while the expected answer itself scores 1.
 */
export function checkContract(generator: Generator, wrong: (item: Item) => string): void {
  const name = generator.name;

  test(`${name}: same (seed, n, difficulty) gives identical items and ids`, () => {
    for (const difficulty of DIFFICULTIES) {
      assert.deepEqual(generator.generate({ seed: 5, n: 40, difficulty }), generator.generate({ seed: 5, n: 40, difficulty }));
    }
  });

  test(`${name}: another seed gives fresh items`, () => {
    for (const difficulty of DIFFICULTIES) {
      const a = generator.generate({ seed: 5, n: 40, difficulty });
      const b = generator.generate({ seed: 6, n: 40, difficulty });
      const inputsA = new Set(a.map((item) => JSON.stringify(item.input)));
      const shared = b.filter((item) => inputsA.has(JSON.stringify(item.input))).length;
      // Level 1 of some generators draws from small spaces (e.g. 24 words), so a few repeats are expected.
      assert.ok(shared < 20, `difficulty ${difficulty}: ${shared} of 40 prompts repeat across seeds`);
      assert.notDeepEqual(a, b);
    }
  });

  test(`${name}: n is respected, a smaller n gives a prefix, ids are unique`, () => {
    for (const n of [0, 1, 3, 25]) assert.equal(generator.generate({ seed: 9, n, difficulty: 2 }).length, n);
    const many = generator.generate({ seed: 9, n: 100, difficulty: 2 });
    assert.deepEqual(generator.generate({ seed: 9, n: 30, difficulty: 2 }), many.slice(0, 30));
    assert.deepEqual(
      many.map((item) => item.id),
      many.map((_, i) => `${name}-9-${i}`),
    );
    assert.equal(new Set(many.map((item) => item.id)).size, 100);
  });

  test(`${name}: every item has a declared category, an expected answer and a stated answer format`, () => {
    const seen = new Set<string>();
    for (const item of sampleItems(generator)) {
      assert.ok(item.category !== undefined && generator.categories.includes(item.category), `${item.id}: category ${item.category}`);
      seen.add(item.category);
      assert.ok(item.expected !== undefined && item.expected !== '', `${item.id}: expected answer`);
      assert.match(inputText(item), /Answer with|End with "The answer is N"/, `${item.id}: answer format`);
    }
    assert.deepEqual([...seen].sort(), [...generator.categories].sort());
  });

  test(`${name}: difficulty changes the items`, () => {
    const inputs = (difficulty: Difficulty) => generator.generate({ seed: 3, n: 20, difficulty }).map((item) => item.input);
    assert.notDeepEqual(inputs(1), inputs(2));
    assert.notDeepEqual(inputs(2), inputs(3));
  });

  test(`${name}: its scorer gives the expected answer 1 and a wrong answer 0`, () => {
    const score = createScorer(generator.scorer);
    for (const item of sampleItems(generator, 10, [11, 12])) {
      const expected = Array.isArray(item.expected) ? item.expected[0]! : String(item.expected);
      assert.equal(score(item, expected).value, 1, `${item.id}: expected ${expected}`);
      const bad = wrong(item);
      assert.notEqual(bad, expected);
      assert.equal(score(item, bad).value, 0, `${item.id}: wrong ${bad}`);
    }
  });

  test(`${name}: invalid options are ARGUMENT_INVALID`, () => assertRejectsBadOptions(generator));
}

/** Seeds, counts and difficulties out of range are ARGUMENT_INVALID for every generator. */
export function assertRejectsBadOptions(generator: Generator): void {
  const bad = [
    { seed: -1, n: 1, difficulty: 1 },
    { seed: 1.5, n: 1, difficulty: 1 },
    { seed: 2 ** 32, n: 1, difficulty: 1 },
    { seed: 1, n: -1, difficulty: 1 },
    { seed: 1, n: 2.5, difficulty: 1 },
    { seed: 1, n: 1, difficulty: 4 },
  ];
  for (const options of bad) {
    assert.throws(
      () => generator.generate(options as { seed: number; n: number; difficulty: Difficulty }),
      (error: unknown) => error instanceof RicegradeError && error.code === 'ARGUMENT_INVALID',
    );
  }
}
