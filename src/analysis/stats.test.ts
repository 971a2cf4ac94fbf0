import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from './random.js';
import { bootstrapMeanInterval, bootstrapStatistic, clusteredBootstrapMeanInterval, isBinary, mean, meanWithInterval, normalQuantile, quantileSorted, wilsonInterval, Z95 } from './stats.js';

const close = (actual: number, expected: number, tolerance: number, label = '') =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${label} expected ${expected} ± ${tolerance}, got ${actual}`);

test('Z95 is the two-sided 95% normal quantile', () => {
  close(Z95, 1.959964, 1e-6);
});

test('wilsonInterval matches published 95% values', () => {
  // Reference values: Wilson (1927) score interval, e.g. Newcombe (1998) / R binom::binom.wilson.
  const cases: [number, number, number, number][] = [
    [8, 10, 0.4902, 0.9433],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [50, 100, 0.4038, 0.5962],
    [2, 10, 0.0567, 0.5098],
    [1, 1, 0.2065, 1],
  ];
  for (const [successes, n, low, high] of cases) {
    const interval = wilsonInterval(successes, n);
    close(interval.low, low, 1e-4, `${successes}/${n} low`);
    close(interval.high, high, 1e-4, `${successes}/${n} high`);
    assert.ok(interval.low >= 0 && interval.high <= 1, `${successes}/${n} stays within [0, 1]`);
  }
});

test('wilsonInterval is symmetric and contains the observed proportion', () => {
  for (let k = 0; k <= 20; k++) {
    const a = wilsonInterval(k, 20);
    const b = wilsonInterval(20 - k, 20);
    close(a.low, 1 - b.high, 1e-12, `k=${k}`);
    assert.ok(a.low <= k / 20 && k / 20 <= a.high, `k=${k} contains p`);
  }
});

test('wilsonInterval: narrower with more data, wider with larger z, whole range with no data', () => {
  const small = wilsonInterval(5, 10);
  const large = wilsonInterval(500, 1000);
  assert.ok(large.high - large.low < small.high - small.low);
  const z99 = wilsonInterval(5, 10, 2.5758293035489);
  assert.ok(z99.high - z99.low > small.high - small.low);
  assert.deepEqual(wilsonInterval(0, 0), { low: 0, high: 1 });
});

test('mean', () => {
  assert.equal(mean([1, 2, 3, 4]), 2.5);
  assert.equal(mean(new Float64Array([0.5, 1.5])), 1);
  assert.ok(Number.isNaN(mean([])));
});

test('quantileSorted follows R type 7', () => {
  // R: quantile(c(1,2,3,4), c(0, .25, .5, 1)) -> 1, 1.75, 2.5, 4
  assert.equal(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantileSorted([1, 2, 3, 4], 0.25), 1.75);
  assert.equal(quantileSorted([1, 2, 3, 4], 0), 1);
  assert.equal(quantileSorted([1, 2, 3, 4], 1), 4);
  // R: quantile(1:100, .95) -> 95.05 ; quantile(1:10, .1) -> 1.9 ; quantile(c(10,20,30,40,50), .9) -> 46
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);
  close(quantileSorted(oneToHundred, 0.95), 95.05, 1e-9);
  close(quantileSorted(Array.from({ length: 10 }, (_, i) => i + 1), 0.1), 1.9, 1e-9);
  close(quantileSorted([10, 20, 30, 40, 50], 0.9), 46, 1e-9);
  assert.equal(quantileSorted([7], 0.3), 7);
  assert.ok(Number.isNaN(quantileSorted([], 0.5)));
});

function normalSample(n: number, mu: number, sigma: number, seed: number): number[] {
  const random = seededRandom(seed);
  const out: number[] = [];
  while (out.length < n) {
    const u1 = 1 - random(); // (0, 1]
    const u2 = random();
    const r = Math.sqrt(-2 * Math.log(u1));
    out.push(mu + sigma * r * Math.cos(2 * Math.PI * u2));
    if (out.length < n) out.push(mu + sigma * r * Math.sin(2 * Math.PI * u2));
  }
  return out;
}

function sd(values: number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

test('bootstrapMeanInterval is deterministic for a seed', () => {
  const values = normalSample(50, 0.6, 0.2, 1);
  assert.deepEqual(bootstrapMeanInterval(values, { seed: 7 }), bootstrapMeanInterval(values, { seed: 7 }));
  assert.deepEqual(bootstrapMeanInterval(values), bootstrapMeanInterval(values));
  assert.notDeepEqual(bootstrapMeanInterval(values, { seed: 7 }), bootstrapMeanInterval(values, { seed: 8 }));
});

test('bootstrapMeanInterval contains the mean and narrows as n grows', () => {
  const few = normalSample(20, 0.5, 0.25, 3);
  const many = normalSample(2000, 0.5, 0.25, 3);
  for (const values of [few, many]) {
    const { low, high } = bootstrapMeanInterval(values);
    const m = mean(values);
    assert.ok(low < m && m < high, `[${low}, ${high}] contains ${m}`);
  }
  const a = bootstrapMeanInterval(few);
  const b = bootstrapMeanInterval(many);
  assert.ok(b.high - b.low < (a.high - a.low) / 4, 'width shrinks roughly as 1/sqrt(n)');
});

test('bootstrapMeanInterval of a large normal sample is close to mean ± 1.96·sd/√n', () => {
  const values = normalSample(2000, 10, 2, 42);
  const m = mean(values);
  const half = (1.96 * sd(values)) / Math.sqrt(values.length); // ≈ 0.0877
  const { low, high } = bootstrapMeanInterval(values, { rounds: 4000 });
  close(high - low, 2 * half, 0.15 * 2 * half, 'width');
  close((low + high) / 2, m, 0.15 * half, 'centre');
});

test('bootstrapMeanInterval: lower level gives a narrower interval; constant data gives a point', () => {
  const values = normalSample(200, 0, 1, 5);
  const i95 = bootstrapMeanInterval(values);
  const i50 = bootstrapMeanInterval(values, { level: 0.5 });
  assert.ok(i50.high - i50.low < i95.high - i95.low);
  assert.ok(i50.low > i95.low && i50.high < i95.high);
  assert.deepEqual(bootstrapMeanInterval([0.25, 0.25, 0.25]), { low: 0.25, high: 0.25 });
});

test('isBinary', () => {
  assert.equal(isBinary([0, 1, 1, 0]), true);
  assert.equal(isBinary([1]), true);
  assert.equal(isBinary([]), true);
  assert.equal(isBinary(new Float64Array([0, 1])), true);
  assert.equal(isBinary([0, 0.5, 1]), false);
  assert.equal(isBinary([2]), false);
  assert.equal(isBinary([-1, 0]), false);
  assert.equal(isBinary([NaN]), false);
});

test('meanWithInterval uses Wilson for 0/1 scores', () => {
  const values = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0];
  const r = meanWithInterval(values);
  assert.equal(r.method, 'wilson');
  close(r.mean, 0.8, 1e-12);
  close(r.low, 0.4902, 1e-4);
  close(r.high, 0.9433, 1e-4);
});

test('meanWithInterval uses the bootstrap otherwise', () => {
  const values = [0.2, 0.5, 0.9, 1, 0, 0.7, 0.4, 0.6];
  const r = meanWithInterval(values);
  assert.equal(r.method, 'bootstrap');
  close(r.mean, 4.3 / 8, 1e-12);
  assert.ok(r.low < r.mean && r.mean < r.high);
  assert.ok(r.low >= 0 && r.high <= 1, 'bootstrap of values in [0,1] stays in [0,1]');
  const expected = bootstrapMeanInterval(values);
  assert.equal(r.low, expected.low);
  assert.equal(r.high, expected.high);
});

test('wilsonInterval: the bound at p = 0 or p = 1 is exactly 0 or 1', () => {
  assert.equal(wilsonInterval(10, 10).high, 1);
  assert.equal(wilsonInterval(0, 10).low, 0);
  assert.equal(wilsonInterval(60, 60).high, 1);
});

test('clusteredBootstrapMeanInterval: hand-computed two-cluster distribution', () => {
  // Clusters A = {0, 0, 0} (sum 0, size 3) and B = {1} (sum 1, size 1). Drawing 2 clusters with
  // replacement gives AA → 0 (prob 1/4), AB or BA → 1/4 (prob 1/2), BB → 1 (prob 1/4), by hand.
  // The 30% and 70% percentiles both fall in the 1/4 atom; 2.5% / 97.5% hit 0 and 1.
  const values = new Float64Array([0, 0, 0, 1]);
  const clusters = new Int32Array([7, 7, 7, 3]);
  assert.deepEqual(clusteredBootstrapMeanInterval(values, clusters, { rounds: 10_000, level: 0.4 }), { low: 0.25, high: 0.25 });
  assert.deepEqual(clusteredBootstrapMeanInterval(values, clusters, { rounds: 10_000 }), { low: 0, high: 1 });
  // The item bootstrap of the same data differs: P(mean = 0) = (3/4)^4 ≈ 0.316 > 0.3, so its 30% point is 0.
  assert.equal(bootstrapMeanInterval(values, { rounds: 10_000, level: 0.4 }).low, 0);
});

test('clusteredBootstrapMeanInterval: one item per cluster draws exactly what the item bootstrap draws', () => {
  const values = Float64Array.from(normalSample(300, 0.4, 0.3, 11));
  const clusters = Int32Array.from({ length: 300 }, (_, i) => i);
  assert.deepEqual(clusteredBootstrapMeanInterval(values, clusters, { seed: 5 }), bootstrapMeanInterval(values, { seed: 5 }));
});

test('clusteredBootstrapMeanInterval: one cluster is a point; sparse ids behave like compact ids; seeded', () => {
  const values = new Float64Array([0.25, 0.5, 0.75]);
  assert.deepEqual(clusteredBootstrapMeanInterval(values, new Int32Array([4, 4, 4])), { low: 0.5, high: 0.5 });
  const data = Float64Array.from(normalSample(200, 0, 1, 8));
  const compact = Int32Array.from({ length: 200 }, (_, i) => i % 13);
  const sparse = Int32Array.from(compact, (c) => (c - 6) * 150_000_000);
  assert.deepEqual(clusteredBootstrapMeanInterval(data, sparse, { seed: 3 }), clusteredBootstrapMeanInterval(data, compact, { seed: 3 }));
  assert.deepEqual(clusteredBootstrapMeanInterval(data, compact), clusteredBootstrapMeanInterval(data, compact));
  assert.deepEqual(clusteredBootstrapMeanInterval(new Float64Array(0), new Int32Array(0)), { low: 0, high: 1 });
  assert.throws(() => clusteredBootstrapMeanInterval(data, new Int32Array(3)));
});

test('clusteredBootstrapMeanInterval is wider than the item bootstrap when clusters differ', () => {
  // 20 clusters of 50 items; each cluster has its own level, so items within a cluster are correlated.
  const random = seededRandom(21);
  const values = new Float64Array(1000);
  const clusters = new Int32Array(1000);
  for (let g = 0; g < 20; g++) {
    const level = random();
    for (let k = 0; k < 50; k++) {
      values[g * 50 + k] = level + 0.05 * (random() - 0.5);
      clusters[g * 50 + k] = g;
    }
  }
  const clustered = clusteredBootstrapMeanInterval(values, clusters);
  const items = bootstrapMeanInterval(values);
  const m = mean(values);
  assert.ok(clustered.low < m && m < clustered.high);
  // Design effect ≈ 1 + (50 − 1)·ICC with ICC ≈ 1 here, so the width ratio is ≈ √50 ≈ 7.
  assert.ok(clustered.high - clustered.low > 4 * (items.high - items.low));
});

test('normalQuantile matches the standard normal table', () => {
  // Φ⁻¹(0.975) = 1.959963985, Φ⁻¹(0.95) = 1.644853627, Φ⁻¹(0.995) = 2.575829304, Φ⁻¹(0.5) = 0, Φ⁻¹(0.001) = −3.090232306
  const table: Array<[number, number]> = [[0.975, 1.959963985], [0.95, 1.644853627], [0.995, 2.575829304], [0.5, 0], [0.001, -3.090232306]];
  for (const [p, z] of table) assert.ok(Math.abs(normalQuantile(p) - z) < 1e-8, `Φ⁻¹(${p}) = ${normalQuantile(p)}`);
  assert.throws(() => normalQuantile(1), RangeError);
});

test('bootstrapStatistic: a percentile interval of the median around the true median', () => {
  const values = Float64Array.from({ length: 1001 }, (_, i) => i);
  const median = (s: Float64Array) => quantileSorted(Float64Array.from(s).sort(), 0.5);
  const ci = bootstrapStatistic(values, median, { rounds: 500, seed: 3 });
  assert.ok(ci.low < 500 && 500 < ci.high, JSON.stringify(ci));
  assert.ok(ci.high - ci.low < 200);
  assert.deepEqual(bootstrapStatistic(values, median, { rounds: 500, seed: 3 }), ci, 'seeded');
});
