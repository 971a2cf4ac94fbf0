import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from './random.js';

const take = (random: () => number, n: number) => Array.from({ length: n }, () => random());

test('same seed gives the same stream', () => {
  assert.deepEqual(take(seededRandom(123), 1000), take(seededRandom(123), 1000));
  assert.deepEqual(take(seededRandom(0), 10), take(seededRandom(0), 10));
});

test('different seeds give different streams', () => {
  const a = take(seededRandom(1), 100);
  const b = take(seededRandom(2), 100);
  assert.notDeepEqual(a, b);
  const same = a.filter((v, i) => v === b[i]).length;
  assert.ok(same < 5, `streams should barely overlap, ${same} equal positions`);
});

test('a stream does not repeat itself quickly', () => {
  const values = take(seededRandom(99), 10_000);
  assert.ok(new Set(values).size > 9_990);
});

test('values lie in [0, 1) and are roughly uniform', () => {
  const n = 100_000;
  const values = take(seededRandom(20240601), n);
  const buckets = new Array<number>(10).fill(0);
  let sum = 0;
  for (const v of values) {
    assert.ok(v >= 0 && v < 1, `${v} out of range`);
    sum += v;
    buckets[Math.floor(v * 10)]!++;
  }
  const m = sum / n;
  assert.ok(Math.abs(m - 0.5) < 0.005, `mean ${m}`);
  for (const count of buckets) assert.ok(Math.abs(count - n / 10) < n / 100, `bucket count ${count}`);
});
