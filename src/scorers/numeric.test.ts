import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Expected } from '../types.js';
import { createNumeric, type NumericOptions } from './numeric.js';

const numeric = createNumeric();
const item = (expected?: Expected) => ({ id: 't', input: 'q', expected });

test('numeric: real-world answers against expected numbers and numeric strings', () => {
  const cases: [string, Expected, number][] = [
    ['The answer is 1,234.', 1234, 1],
    ['The answer is 1,234.', '1,234', 1],
    ['$1,234.50', 1234.5, 1],
    ['$1,234.50', '$1,234.50', 1],
    ['**42**', 42, 1],
    ['42 apples', '42', 1],
    ['I think 41... no, 42', 42, 1],
    ['I think 41... no, 42', 41, 0],
    ['#### 72', 72, 1],
    ['\\boxed{3/4}', 0.75, 1],
    ['\\boxed{\\frac{3}{4}}', '3/4', 1],
    ['-5', -5, 1],
    ['-5', 5, 0],
    ['2024-05-01 then 7', 7, 1],
    ['3.0', 3, 1],
    ['3.', '3', 1],
    ['.5', 0.5, 1],
    ['1e3', 1000, 1],
    ['The total is 18.', 18, 1],
    ['It is 50%', '50%', 1],
    ['The answer is 12, since 3 * 4 = 12 and 2 + 2 = 4', 12, 1],
    ['The answer is 5. Wait, the answer is 6 not 5', 6, 1],
    ['The answer is 5. Wait, the answer is 6 not 5', 5, 0],
    ['1,234', 1, 0], // not two numbers
    ['1,234', 234, 0],
    ['5 + 3 = 8', ['7', '8'], 1],
    ['5 + 3 = 8', ['7', '$8'], 1],
    ['5 + 3 = 8', ['7', '9'], 0],
    ['5 + 3 = 8', [7, 8] as unknown as Expected, 1], // numbers in a list, from a loosely typed dataset
    ['0.1 + 0.2 = 0.30000000000000004', 0.3, 1],
    ['0.300002', 0.3, 0], // beyond the default 1e-6
    ['0.3000001', 0.3, 1], // within it
    ['I cannot say', 5, 0],
    ['43', 42, 0],
    ['', 0, 0],
  ];
  for (const [output, expected, value] of cases) {
    const s = numeric(item(expected), output);
    assert.equal(s.value, value, `${JSON.stringify(output)} vs ${JSON.stringify(expected)}: ${s.detail}`);
    assert.ok(s.value >= 0 && s.value <= 1);
  }
});

test('numeric: tolerance is absolute, relative scales with |want|, the larger wins', () => {
  const cases: [NumericOptions, string, number, number][] = [
    [{ tolerance: 0.5 }, '42.4', 42, 1],
    [{ tolerance: 0.5 }, '42.6', 42, 0],
    [{ tolerance: 0 }, '42.0000001', 42, 0],
    [{ relative: 0.01 }, '1010', 1000, 1],
    [{ relative: 0.01 }, '1011', 1000, 0],
    [{ relative: 0.01 }, '-990', -1000, 1],
    [{ tolerance: 2, relative: 0.01 }, '102', 100, 1], // max(2, 1) = 2
    [{ tolerance: 0.1, relative: 0.5 }, '0.05', 0, 1], // relative of 0 is 0: tolerance still applies
    [{ tolerance: 0.1, relative: 0.5 }, '0.2', 0, 0],
  ];
  for (const [options, output, expected, value] of cases) {
    const s = createNumeric(options)(item(expected), output);
    assert.equal(s.value, value, `${JSON.stringify(options)} ${output} vs ${expected}: ${s.detail}`);
  }
});

test('numeric: details', () => {
  assert.equal(numeric(item(1234), 'The answer is 1,234.').detail, 'got 1234 want 1234');
  assert.equal(numeric(item(42), '41').detail, 'got 41 want 42');
  assert.equal(numeric(item(['1', '2', '3']), '5').detail, 'got 5 want 1 (+2 more)');
  assert.equal(numeric(item(['x', '2']), '2').detail, 'got 2 want 2');
  assert.equal(numeric(item(0.3), '0.1 + 0.2 = 0.30000000000000004').detail, 'got 0.3 want 0.3');
  assert.equal(numeric(item(42), 'I do not know').detail, 'no number found');
  assert.deepEqual(numeric(item(undefined), '42'), { value: 0, detail: 'item has no expected answer', answer: '42' });
  assert.deepEqual(numeric(item([]), '42'), { value: 0, detail: 'item has no expected answer', answer: '42' });
  assert.equal(numeric(item(1234), 'The answer is $1,234.').answer, '1234', 'the answer compared across models is the number read');
  assert.equal(numeric(item(1), 'no idea').answer, undefined);
  const notNumeric = numeric(item('forty-two'), '42');
  assert.equal(notNumeric.value, 0);
  assert.equal(notNumeric.detail, 'expected "forty-two" is not a number');
  const long = numeric(item('z'.repeat(500)), '1');
  assert.ok(long.detail.length < 120, long.detail);
});

test('numeric: fast enough for the hot path', () => {
  const output = `${'Let me think step by step about 12 apples and 30 pears. '.repeat(20)}The answer is $1,234.50.`;
  const it = item('1,234.5');
  const start = performance.now();
  let total = 0;
  for (let i = 0; i < 10_000; i++) total += numeric(it, output).value;
  const ms = performance.now() - start;
  assert.equal(total, 10_000);
  assert.ok(ms < 2000, `10k scores took ${ms.toFixed(0)} ms`);
});
