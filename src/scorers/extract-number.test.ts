import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractAnswerNumber, firstNumber, lastNumber } from './extract-number.js';

test('extractAnswerNumber reads real-world answer shapes', () => {
  const cases: [string, number | undefined][] = [
    // plain and last-number
    ['42', 42],
    ['42 apples', 42],
    ['42 apples.', 42],
    ['**42**', 42],
    ['I think 41... no, 42', 42],
    ['She has 3 cats and 5 dogs, so 8 pets', 8],
    ['The total is 42.', 42],
    ['3.0', 3],
    ['3.', 3],
    ['.5', 0.5],
    ['0.25', 0.25],
    ['1e3', 1000],
    ['2.5E-4 mol', 0.00025],
    // signs
    ['-5', -5],
    ['x = -5', -5],
    ['The temperature fell to −7 degrees', -7],
    ['(-3)', -3],
    ['**-12**', -12],
    ['+4', 4],
    ['3 - 5 = -2', -2],
    ['5-3=2', 2],
    ['- 42', 42], // a bullet, not a sign
    ['COVID-19', 19],
    // dates and versions are not negative numbers
    ['2024-05-01 then 7', 7],
    ['2024-05-01', 1],
    ['on 1/2/2024', 2024],
    ['version 1.2.3', 1.2],
    // separators and currency
    ['1,234', 1234],
    ['1,234,567.5', 1234567.5],
    ['$1,234.50', 1234.5],
    ['It costs $1,234.', 1234],
    ['€5', 5],
    ['£0.99', 0.99],
    ['$-5', -5],
    ['-$5', -5],
    ['50%', 50],
    ['1{,}234', 1234],
    ['1,2345', 2345], // not a thousands group: two numbers
    ['1, 2, 3', 3],
    ['1,2,3', 3],
    // fractions
    ['\\boxed{3/4}', 0.75],
    ['\\boxed{\\frac{3}{4}}', 0.75],
    ['$\\dfrac{1}{2}$', 0.5],
    ['-\\frac{1}{4}', -0.25],
    // answer markers: first number after the last marker
    ['The answer is 1,234.', 1234],
    ['The answer is 12. Check: 3 * 4 = 12, and 5 more is 17', 12],
    ['Answer: 7 (because 3 + 4)', 7],
    ['**Answer:** 12 because 3 and 4', 12],
    ['**Answer**: 9, from 4 + 5', 9],
    ['Natalia sold 48/2 = 24 clips in May.\nAltogether 48+24 = 72.\n#### 72', 72],
    ['#### 1,234\n', 1234],
    ['The answer is 5. Wait, the answer is 6 not 5', 6],
    ['The final answer is $\\boxed{-3}$.', -3],
    ['So x = 2 and y = 5.\n\nFinal answer: 10 (twice y)', 10],
    ['the answer isn\'t 5, it\'s 6', 6], // "isn't" is not the marker "answer is"
    ['answer: none of the above, 5', 5],
    ['The answer is unknown', undefined],
    // "####" as a markdown heading is not a marker
    ['#### Step 2\nSo we get 7', 7],
    ['#### 1. Setup\nThe result is 9', 9],
    // nothing
    ['', undefined],
    ['no numbers here', undefined],
    ['e', undefined],
    ['one, two and three', undefined],
  ];
  for (const [text, want] of cases) assert.equal(extractAnswerNumber(text), want, JSON.stringify(text));
});

test('firstNumber and lastNumber', () => {
  assert.equal(firstNumber('$1,234 or 5'), 1234);
  assert.equal(firstNumber('abc 7 8', 4), 7);
  assert.equal(firstNumber('abc 7 8', 5), 8);
  assert.equal(firstNumber('abc'), undefined);
  assert.equal(lastNumber('1, 2, 3 apples'), 3);
  assert.equal(lastNumber('none'), undefined);
});

test('extraction is stateless across calls', () => {
  for (let i = 0; i < 3; i++) {
    assert.equal(extractAnswerNumber('answer: 3 then 9'), 3);
    assert.equal(extractAnswerNumber('9'), 9);
  }
});

test('extraction is linear on long adversarial text', () => {
  const texts = ['1'.repeat(50_000), '1,'.repeat(25_000), '#### '.repeat(10_000), '-'.repeat(50_000) + '5'];
  const start = performance.now();
  for (const text of texts) extractAnswerNumber(text);
  assert.ok(performance.now() - start < 1000, 'took too long');
});
