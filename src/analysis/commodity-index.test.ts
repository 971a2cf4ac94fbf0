import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commodityIndex } from './commodity-index.js';
import { seededRandom } from './random.js';
import { pairSimilarity, type ItemInfo, type ModelVectors } from './similarity.js';

const close = (actual: number | null, expected: number, tolerance = 1e-12, label = '') =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= tolerance, `${label} expected ${expected}, got ${actual}`);

function fromCorrect(correct: ArrayLike<number>, present?: ArrayLike<number>): ModelVectors {
  const n = correct.length;
  return {
    present: present ? Uint8Array.from(present) : new Uint8Array(n).fill(1),
    correct: Uint8Array.from(correct),
    answer: Int32Array.from(correct, (c) => (c ? 0 : 1)),
  };
}

const repeat = (pattern: number[], times: number) => Array.from({ length: pattern.length * times }, (_, i) => pattern[i % pattern.length]!);

test('commodityIndex: hand-computed error consistency', () => {
  // Per block of 4 items: A = 1110, B = 1100, C = 1000 (repeated 10× → 40 items).
  // A–B: c_obs = 3/4, p = 0.75, 0.5, c_exp = 0.375 + 0.125 = 0.5 → κ = 0.5.
  // A–C: c_obs = 1/2, p = 0.75, 0.25, c_exp = 0.1875 + 0.1875 = 0.375 → κ = 0.2.
  // B–C: c_obs = 3/4, p = 0.5, 0.25, c_exp = 0.125 + 0.375 = 0.5 → κ = 0.5.
  const a = fromCorrect(repeat([1, 1, 1, 0], 10));
  const b = fromCorrect(repeat([1, 1, 0, 0], 10));
  const c = fromCorrect(repeat([1, 0, 0, 0], 10));
  const two = commodityIndex([a, b], 40, { rounds: 200 });
  close(two.value, 0.5);
  assert.equal(two.pairs, 1);
  const three = commodityIndex([a, b, c], 40, { rounds: 200 });
  close(three.value, (0.5 + 0.2 + 0.5) / 3);
  assert.equal(three.pairs, 3);
  assert.ok(three.low! <= three.value! && three.value! <= three.high!);
});

test('commodityIndex: identical models give 1; independent models give ≈ 0 inside the interval', () => {
  const random = seededRandom(12);
  const n = 12_000;
  const base = Array.from({ length: n }, () => (random() < 0.7 ? 1 : 0));
  const same = Array.from({ length: 6 }, () => fromCorrect(base));
  assert.deepEqual(commodityIndex(same, n, { rounds: 100 }), { value: 1, low: 1, high: 1, pairs: 15 });

  const independent = Array.from({ length: 8 }, (_, j) => fromCorrect(Array.from({ length: n }, () => (random() < 0.4 + 0.05 * j ? 1 : 0))));
  const r = commodityIndex(independent, n);
  assert.equal(r.pairs, 28);
  // se of one pair's κ ≈ 1/√n ≈ 0.009; the mean over 28 pairs is tighter still.
  assert.ok(Math.abs(r.value!) < 0.01, `value ${r.value}`);
  assert.ok(r.low! < 0 && 0 < r.high!, `[${r.low}, ${r.high}] contains 0`);
  assert.ok(r.high! - r.low! < 0.03);
});

test('commodityIndex is deterministic for a seed and depends on it', () => {
  const random = seededRandom(5);
  const n = 1000;
  const models = Array.from({ length: 4 }, () => fromCorrect(Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0))));
  assert.deepEqual(commodityIndex(models, n, { seed: 1 }), commodityIndex(models, n, { seed: 1 }));
  assert.notDeepEqual(commodityIndex(models, n, { seed: 1 }), commodityIndex(models, n, { seed: 2 }));
});

test('commodityIndex uses only items every model has; null cases', () => {
  const a = repeat([1, 1, 1, 0], 10);
  const b = repeat([1, 1, 0, 0], 10);
  // Ten extra items where B is absent and A and B would disagree: they must not count.
  const withExtra = commodityIndex(
    [fromCorrect([...a, ...new Array(10).fill(1)]), fromCorrect([...b, ...new Array(10).fill(0)], [...new Array(40).fill(1), ...new Array(10).fill(0)])],
    50,
    { rounds: 50 },
  );
  close(withExtra.value, 0.5);
  const empty = { value: null, low: null, high: null, pairs: 0 };
  assert.deepEqual(commodityIndex([fromCorrect(a)], 40), empty);
  assert.deepEqual(commodityIndex([], 40), empty);
  assert.deepEqual(commodityIndex([fromCorrect(a), fromCorrect(b)], 40, { minShared: 41 }), empty);
  // Every model always right: no pair defined.
  const ones = new Array(40).fill(1);
  assert.deepEqual(commodityIndex([fromCorrect(ones), fromCorrect(ones)], 40), empty);
});

test('commodityIndex matches the mean pairwise errorConsistency of pairSimilarity, 1 to 4 byte groups, ≤ 16 and > 16 models', () => {
  const random = seededRandom(31);
  const n = 3000;
  const items: ItemInfo = { n, nChoices: new Int32Array(n).fill(4), truth: new Int32Array(n), k: 4 };
  const difficulty = Array.from({ length: n }, () => random());
  const makeModels = (count: number) =>
    Array.from({ length: count }, (_, j) => fromCorrect(difficulty.map((d) => (random() < 0.2 + 0.01 * j + 0.4 * d ? 1 : 0))));
  for (const count of [3, 8, 9, 16, 20, 27]) {
    const models = makeModels(count);
    let sum = 0;
    let pairs = 0;
    for (let a = 0; a < count; a++)
      for (let b = a + 1; b < count; b++) {
        sum += pairSimilarity(models[a]!, models[b]!, items).errorConsistency!;
        pairs++;
      }
    const r = commodityIndex(models, n, { rounds: 200 });
    close(r.value, sum / pairs, 1e-12, `${count} models`);
    assert.equal(r.pairs, pairs);
    // Analytic expectation: P(right) = a_j + 0.4·d with d ~ U(0,1) shared, so the covariance of two models
    // is 0.16·Var(d) = 0.16/12 ≈ 0.0133 and κ = 2·cov/(p_a + p_b − 2·p_a·p_b) ≈ 0.05–0.06 for p in 0.4–0.75.
    assert.ok(r.value! > 0.03 && r.value! < 0.08, `shared difficulty makes errors consistent: ${r.value}`);
    assert.ok(r.low! < r.value! && r.value! < r.high!);
  }
  const one = makeModels(1)[0]!;
  const identical = Array.from({ length: 20 }, () => one);
  assert.deepEqual(commodityIndex(identical, n, { rounds: 50 }), { value: 1, low: 1, high: 1, pairs: 190 });
});
