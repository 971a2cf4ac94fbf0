import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Expected } from '../types.js';
import { createExact } from './exact.js';

const exact = createExact();
const item = (expected?: Expected) => ({ id: 't', input: 'q', expected });

test('exact: trimmed, case-insensitive equality with any expected answer', () => {
  const cases: [string, Expected, number][] = [
    ['Paris', 'paris', 1],
    ['  PARIS\n', 'Paris', 1],
    ['paris', '  Paris  ', 1],
    ['Lyon', ['Paris', 'lyon'], 1],
    ['42', 42, 1],
    ['  42 ', 42, 1],
    ['1.5', 1.5, 1],
    ['', '', 1],
    // Strict otherwise: near-misses are wrong.
    ['Paris.', 'Paris', 0],
    ['"Paris"', 'Paris', 0],
    ['**Paris**', 'Paris', 0],
    ['The answer is Paris', 'Paris', 0],
    ['3.0', 3, 0],
    ['New  York', 'New York', 0],
    ['Marseille', ['Paris', 'Lyon'], 0],
    ['no', 'yes', 0],
  ];
  for (const [output, expected, value] of cases) {
    const s = exact(item(expected), output);
    assert.equal(s.value, value, `${JSON.stringify(output)} vs ${JSON.stringify(expected)}: ${s.detail}`);
  }
});

test('exact: details say what matched or what was wanted', () => {
  assert.equal(exact(item('Paris'), 'paris').detail, 'exact match "Paris"');
  assert.equal(exact(item('Paris'), 'Lyon').detail, 'got "Lyon" want "Paris"');
  assert.equal(exact(item(['a', 'b', 'c']), 'z').detail, 'got "z" want "a" (+2 more)');
});

test('exact: long outputs give a short detail', () => {
  const s = exact(item('x'.repeat(300)), 'y'.repeat(10_000));
  assert.equal(s.value, 0);
  assert.ok(s.detail.length < 120, s.detail);
  assert.ok(s.detail.includes('…'));
});

test('exact: an item without expected answer scores 0 without throwing', () => {
  assert.deepEqual(exact(item(undefined), 'anything'), { value: 0, detail: 'item has no expected answer' });
  assert.deepEqual(exact(item([]), 'anything'), { value: 0, detail: 'item has no expected answer' });
});
