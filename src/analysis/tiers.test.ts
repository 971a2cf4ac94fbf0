import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assignTiers } from './tiers.js';

test('assignTiers: hand-worked example, tiers in input order', () => {
  // Sorted: #0 (0.9), #2 (0.85), #1 (0.7), #4 (0.7), #3 (0.5); "differs" = gap > 0.1.
  // #0 leads tier 1; #2 is 0.05 from it → tier 1; #1 is 0.2 away → opens tier 2; #4 ties #1 → tier 2;
  // #3 is 0.2 below #1 → tier 3.
  const scores = [0.9, 0.7, 0.85, 0.5, 0.7];
  const tiers = assignTiers(scores, (i, j) => Math.abs(scores[i]! - scores[j]!) > 0.1 + 1e-12);
  assert.deepEqual(Array.from(tiers), [1, 2, 1, 3, 2]);
  assert.ok(tiers instanceof Int32Array);
});

test('assignTiers compares with the tier leader only', () => {
  // Neighbours 0.06 apart never differ from each other, but 0.12 from the leader does.
  const scores = [1, 0.94, 0.88, 0.82, 0.76];
  const calls: [number, number][] = [];
  const tiers = assignTiers(scores, (i, j) => {
    calls.push([i, j]);
    return scores[i]! - scores[j]! > 0.1;
  });
  assert.deepEqual(Array.from(tiers), [1, 1, 2, 2, 3]);
  assert.deepEqual(calls, [
    [0, 1],
    [0, 2],
    [2, 3],
    [2, 4],
  ]);
});

test('assignTiers: equal scores keep input order; NaN goes last; trivial inputs', () => {
  const calls: [number, number][] = [];
  assignTiers([0.5, 0.8, 0.5, 0.8], (i, j) => (calls.push([i, j]), false));
  assert.deepEqual(calls, [
    [1, 3],
    [1, 0],
    [1, 2],
  ]);
  assert.deepEqual(Array.from(assignTiers([NaN, 0.2, 0.3], () => true)), [3, 2, 1]);
  assert.deepEqual(Array.from(assignTiers([], () => true)), []);
  assert.deepEqual(Array.from(assignTiers([0.4], () => true)), [1]);
  assert.deepEqual(Array.from(assignTiers([0.1, 0.2, 0.3], () => true)), [3, 2, 1]);
  assert.deepEqual(Array.from(assignTiers([0.1, 0.2, 0.3], () => false)), [1, 1, 1]);
});
