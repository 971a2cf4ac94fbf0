import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from './random.js';
import { paretoFrontier } from './pareto.js';

test('paretoFrontier: hand-worked example', () => {
  const points = [
    { price: 1, score: 0.5 }, // A: on (nothing cheaper scores ≥ 0.5)
    { price: 2, score: 0.7 }, // B: on
    { price: 2, score: 0.6 }, // C: off, B same price, higher score
    { price: 3, score: 0.7 }, // D: off, B cheaper with equal score
    { price: 0.5, score: 0.4 }, // E: on, cheapest
    { price: null, score: 0.9 }, // F: off, no price
    { price: 4, score: null }, // G: off, no score
    { price: 2, score: 0.7 }, // H: on, exact tie with B
    { price: 5, score: 0.95 }, // I: on, best score
    { price: 6, score: 0.95 }, // J: off, I cheaper with equal score
    { price: 0.5, score: 0.3 }, // K: off, E same price, higher score
  ];
  assert.deepEqual(paretoFrontier(points), [true, true, false, false, true, false, false, true, true, false, false]);
});

test('paretoFrontier: unpriced points never dominate; edge cases', () => {
  // The unpriced model scores higher than everything but cannot knock the priced one off.
  assert.deepEqual(paretoFrontier([{ price: 10, score: 0.1 }, { price: null, score: 1 }]), [true, false]);
  assert.deepEqual(paretoFrontier([]), []);
  assert.deepEqual(paretoFrontier([{ price: 0, score: 0 }]), [true]);
  assert.deepEqual(paretoFrontier([{ price: NaN, score: 1 }, { price: 1, score: Infinity }]), [false, false]);
  assert.deepEqual(paretoFrontier([{ price: 1, score: 1 }, { price: 1, score: 1 }, { price: 1, score: 1 }]), [true, true, true]);
});

test('paretoFrontier agrees with the O(n²) definition on random points with ties', () => {
  const random = seededRandom(17);
  for (let trial = 0; trial < 50; trial++) {
    const points = Array.from({ length: 30 }, () => ({
      price: random() < 0.1 ? null : Math.floor(random() * 8),
      score: random() < 0.1 ? null : Math.floor(random() * 8) / 8,
    }));
    const expected = points.map((p, i) => {
      if (p.price === null || p.score === null) return false;
      return !points.some(
        (q, j) =>
          j !== i && q.price !== null && q.score !== null && q.price <= p.price! && q.score >= p.score! && (q.price < p.price! || q.score > p.score!),
      );
    });
    assert.deepEqual(paretoFrontier(points), expected, `trial ${trial}`);
  }
});
