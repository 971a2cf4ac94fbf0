import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createChoice, extractChoice, scoreByLikelihood } from './choice.js';

const choices = ['Paris', 'London', 'Rome', 'Berlin'];

test('extractChoice reads the stated option from real-world answer shapes; the last stated answer wins', () => {
  const table: Array<[string, number]> = [
    ['B', 1],
    ['b', 1],
    ['(C)', 2],
    ['The answer is (B).', 1],
    ['**Answer: D**', 3],
    ['Answer: c', 2],
    ['B) London', 1],
    ['A. Paris', 0],
    ['I first thought A, but the answer is C because Rome is the capital of Italy.', 2],
    ['The answer is A. Wait, no — the answer is B.', 1],
    ['Let me think.\n\nFinal answer: (D)', 3],
    ['Paris', 0],
    ['rome.', 2],
  ];
  for (const [text, want] of table) assert.equal(extractChoice(text, choices), want, text);
  assert.equal(extractChoice('The answer is E', choices), -1, 'E is not one of four options');
  assert.equal(extractChoice('I am not sure', choices), -1);
});

test('a bare choice text names its option, with or without final punctuation on either side (hellaswag endings)', () => {
  const endings = ['the man keeps running.', 'he falls over!', 'they sit down.'];
  assert.equal(extractChoice('the man keeps running.', endings), 0);
  assert.equal(extractChoice('He falls over', endings), 1);
  assert.equal(extractChoice('  they sit down  ', endings), 2);
  assert.equal(extractChoice('they stand up.', endings), -1);
});

test('choice scorer: 1 for the expected option given as letter, index or text; answer is the letter', () => {
  const score = createChoice();
  const item = (expected: string | number) => ({ id: 'q', input: 'Capital of France?', choices, expected });
  assert.deepEqual(score(item('A'), 'The answer is (A)'), { value: 1, detail: 'chose A, expected A', answer: 'A' });
  assert.equal(score(item(0), 'A').value, 1);
  assert.equal(score(item('Paris'), 'A').value, 1);
  assert.equal(score(item('A'), 'B').value, 0);
  assert.equal(score(item('A'), 'no idea').answer, '');
  assert.equal(score({ id: 'q', input: 'x', expected: 'A' }, 'A').detail, 'item has no choices');
});

test('scoreByLikelihood: acc takes the most likely choice, acc_norm the most likely per byte', () => {
  const item = { id: 'q', input: 'x', choices: ['a', 'much longer choice'], expected: 'B' };
  // " a" is 2 bytes, " much longer choice" 19: −4 vs −10 → acc picks A; per byte −2 vs −0.53 → acc_norm picks B.
  const r = scoreByLikelihood(item, [-4, -10]);
  assert.equal(r.value, 0);
  assert.equal(r.valueNorm, 1);
  assert.equal(r.answer, 'A');
  assert.ok(Math.abs(r.probs[0]! - 1 / (1 + Math.exp(-6))) < 1e-12);
  assert.ok(Math.abs(r.probs[0]! + r.probs[1]! - 1) < 1e-12);
});
