import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logFactorial, mcnemarExact, mcnemarPValue, pairedBootstrap, pairedTest } from './paired.js';
import { seededRandom } from './random.js';

const close = (actual: number, expected: number, tolerance: number, label = '') =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${label} expected ${expected} ± ${tolerance}, got ${actual}`);
const relClose = (actual: number, expected: number, rel: number, label = '') =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${label} expected ${expected} (rel ${rel}), got ${actual}`);

/** Independent reference: min(1, 2·Σ_{k≤s} C(m,k) / 2^m) in exact BigInt arithmetic, then to a float. */
function exactMcnemar(b: number, c: number): number {
  const m = BigInt(b + c);
  const s = Math.min(b, c);
  let term = 1n; // C(m, 0)
  let sum = 1n;
  for (let k = 1n; k <= BigInt(s); k++) {
    term = (term * (m - k + 1n)) / k; // exact: C(m,k) = C(m,k−1)·(m−k+1)/k
    sum += term;
  }
  const scale = 10n ** 30n;
  const p = Number((2n * sum * scale) / 2n ** m) / 1e30;
  return Math.min(1, p);
}

/** Two 0/1 vectors with the given discordant and concordant counts. */
function vectors(aOnly: number, bOnly: number, bothRight: number, bothWrong: number): [Uint8Array, Uint8Array] {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < aOnly; i++) (a.push(1), b.push(0));
  for (let i = 0; i < bOnly; i++) (a.push(0), b.push(1));
  for (let i = 0; i < bothRight; i++) (a.push(1), b.push(1));
  for (let i = 0; i < bothWrong; i++) (a.push(0), b.push(0));
  return [Uint8Array.from(a), Uint8Array.from(b)];
}

test('logFactorial matches known values', () => {
  close(logFactorial(0), 0, 0);
  close(logFactorial(1), 0, 0);
  close(logFactorial(10), Math.log(3628800), 1e-14); // 10! = 3,628,800
  // ln(100!) = 363.73937555556347 (lgamma(101), Abramowitz & Stegun tables / R lgamma(101)).
  relClose(logFactorial(100), 363.73937555556347, 1e-14);
  // Across the switch to Stirling's series: ln(30!) = ln(29!) + ln(30).
  relClose(logFactorial(30), logFactorial(29) + Math.log(30), 1e-15);
});

test('mcnemarExact: hand-computed binomial values', () => {
  // b=1, c=9: 2·(C(10,0)+C(10,1))/2^10 = 2·11/1024 = 0.021484375.
  assert.equal(mcnemarPValue(1, 9), 0.021484375);
  // b=0, c=5: 2·1/32 = 0.0625.
  assert.equal(mcnemarPValue(0, 5), 0.0625);
  // b=5, c=5: 2·P(X ≤ 5), X ~ Bin(10, 1/2), = 2·638/1024 > 1 → 1.
  assert.equal(mcnemarPValue(5, 5), 1);
  // b=10, c=20: R binom.test(10, 30)$p.value = 0.09873714670538902.
  relClose(mcnemarPValue(10, 20), 0.09873714670538902, 1e-12);
  relClose(mcnemarPValue(20, 10), 0.09873714670538902, 1e-12, 'symmetric');
  assert.equal(mcnemarPValue(0, 0), 1);
});

test('mcnemarExact agrees with exact BigInt sums, including b + c = 20,000', () => {
  close(exactMcnemar(10, 20), 0.09873714670538902, 1e-15, 'reference itself');
  for (const [b, c] of [
    [3, 17],
    [40, 60],
    [123, 77],
    [400, 520],
    [480, 560],
    [500, 501],
    [2400, 2600],
    [9900, 10100],
    [9800, 10200],
    [9500, 10500],
  ] as const) {
    relClose(mcnemarPValue(b, c), exactMcnemar(b, c), 1e-9, `b=${b} c=${c}`);
  }
  assert.equal(mcnemarPValue(10_000, 10_000), 1);
  const tiny = mcnemarPValue(0, 20_000);
  assert.ok(tiny >= 0 && tiny < 1e-300, 'underflows towards 0 without NaN');
});

test('mcnemarExact counts discordant pairs over the mask', () => {
  const [a, b] = vectors(1, 9, 30, 10);
  assert.deepEqual(mcnemarExact(a, b), { n: 50, aOnly: 1, bOnly: 9, pValue: 0.021484375 });
  // Masking out the aOnly item and four of the bOnly items leaves b=0, c=5.
  const mask = new Uint8Array(a.length).fill(1);
  mask[0] = 0;
  for (let i = 1; i <= 4; i++) mask[i] = 0;
  mask[45] = 0;
  assert.deepEqual(mcnemarExact(a, b, mask), { n: 44, aOnly: 0, bOnly: 5, pValue: 0.0625 });
  assert.throws(() => mcnemarExact(a, b.subarray(1)));
  assert.throws(() => mcnemarExact(a, b, new Uint8Array(3)));
});

test('pairedBootstrap: degenerate and hand-computed cases', () => {
  // d ≡ 1: every round's mean is 1, so L = 0 and p = 2·(0+1)/(999+1) = 0.002.
  const constant = pairedBootstrap(new Float64Array([3, 2, 4]), new Float64Array([2, 1, 3]), { rounds: 999 });
  assert.deepEqual(constant, { n: 3, diff: 1, low: 1, high: 1, pValue: 0.002 });
  // x = y: every round is exactly 0 and counts on both sides → p = 1.
  const same = pairedBootstrap(new Float64Array([0.1, 0.5, 0.9]), new Float64Array([0.1, 0.5, 0.9]));
  assert.equal(same.pValue, 1);
  assert.equal(same.diff, 0);
  // d = (2, 0): resampled means 2, 1, 0 with probabilities 1/4, 1/2, 1/4 (by hand), so
  // P(mean ≤ 0) = 1/4 and p ≈ 2·1/4 = 0.5; percentiles 0 and 2.
  const two = pairedBootstrap(new Float64Array([2, 0]), new Float64Array([0, 0]), { rounds: 20_000 });
  assert.equal(two.diff, 1);
  close(two.pValue, 0.5, 0.02);
  assert.equal(two.low, 0);
  assert.equal(two.high, 2);
  // d = (1, −1): means 1, 0, −1 with 1/4, 1/2, 1/4: both tails hold 3/4 → p = 1.
  assert.equal(pairedBootstrap(new Float64Array([1, 0]), new Float64Array([0, 1])).pValue, 1);
  assert.deepEqual(pairedBootstrap(new Float64Array(0), new Float64Array(0)).n, 0);
});

test('pairedBootstrap: large sample interval ≈ diff ± 1.96·sd/√n, p matches the normal tail', () => {
  const random = seededRandom(4);
  const n = 2000;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const shared = random();
    x[i] = shared + 0.05 + 0.5 * (random() - 0.5);
    y[i] = shared;
  }
  const d = Array.from(x, (v, i) => v - y[i]!);
  const md = d.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(d.reduce((s, v) => s + (v - md) ** 2, 0) / (n - 1));
  const se = sd / Math.sqrt(n); // sd = 0.5/√12 ≈ 0.144, se ≈ 0.0032, z ≈ 15 → p at its floor
  const r = pairedBootstrap(x, y, { rounds: 4000 });
  close(r.diff, md, 1e-12);
  close(r.high - r.low, 2 * 1.96 * se, 0.15 * 2 * 1.96 * se, 'width');
  assert.equal(r.pValue, 2 / 4001);
  assert.deepEqual(pairedBootstrap(x, y, { rounds: 500, seed: 9 }), pairedBootstrap(x, y, { rounds: 500, seed: 9 }));
});

test('pairedBootstrap respects the mask', () => {
  const x = new Float64Array([1, 1, 1, 100]);
  const y = new Float64Array([0, 0, 0, 0]);
  const r = pairedBootstrap(x, y, { mask: new Uint8Array([1, 1, 1, 0]) });
  assert.equal(r.n, 3);
  assert.equal(r.diff, 1);
  assert.equal(r.high, 1);
});

test('pairedTest picks McNemar for 0/1 data and the bootstrap otherwise', () => {
  const [a, b] = vectors(1, 9, 30, 10);
  const binary = pairedTest(a, b);
  assert.deepEqual(binary, { method: 'mcnemar', n: 50, diff: -8 / 50, pValue: 0.021484375 });
  assert.deepEqual(pairedTest(Array.from(a), Array.from(b)), binary);
  const x = new Float64Array([0.5, 1, 0.25, 1]);
  const y = new Float64Array([0, 1, 0, 0.5]);
  const graded = pairedTest(x, y);
  assert.equal(graded.method, 'bootstrap');
  close(graded.diff, 1.25 / 4, 1e-15);
  assert.equal(graded.pValue, pairedBootstrap(x, y).pValue);
  // Non-binary values outside the mask do not matter.
  const masked = pairedTest(new Float64Array([1, 0, 0.5]), new Float64Array([0, 0, 0.5]), new Uint8Array([1, 1, 0]));
  assert.deepEqual(masked, { method: 'mcnemar', n: 2, diff: 0.5, pValue: 1 });
});
