import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Expected } from '../types.js';
import { createIncludes } from './includes.js';

const includes = createIncludes();
const item = (expected?: Expected) => ({ id: 't', input: 'q', expected });

test('includes: output contains any expected answer, case-insensitively', () => {
  const cases: [string, Expected, number][] = [
    ['The capital of France is Paris.', 'paris', 1],
    ['PARIS', 'Paris', 1],
    ['It is **Paris**!', ' Paris ', 1],
    ['I would say Lyon', ['Paris', 'Lyon'], 1],
    ['There are 42 of them', 42, 1],
    ['The capital is Lyon', 'Paris', 0],
    ['Par is', 'Paris', 0],
    ['', 'Paris', 0],
    ['four', 4, 0],
    // An empty expected answer would match everything: it is ignored.
    ['anything', '', 0],
    ['anything', ['  ', 'nope'], 0],
    ['nope', ['', 'nope'], 1],
  ];
  for (const [output, expected, value] of cases) {
    const s = includes(item(expected), output);
    assert.equal(s.value, value, `${JSON.stringify(output)} vs ${JSON.stringify(expected)}: ${s.detail}`);
  }
});

test('includes: details', () => {
  assert.equal(includes(item('Paris'), 'it is paris').detail, 'contains "Paris"');
  assert.equal(includes(item('Paris'), 'Lyon').detail, 'missing "Paris" in "Lyon"');
  const long = includes(item('needle'), 'hay '.repeat(5000));
  assert.equal(long.value, 0);
  assert.ok(long.detail.length < 120, long.detail);
});

test('includes: an item without expected answer scores 0', () => {
  assert.deepEqual(includes(item(undefined), 'x'), { value: 0, detail: 'item has no expected answer' });
});
