import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Expected } from '../types.js';
import { createF1, f1Options, f1Score, normalizeAnswer, tokenF1 } from './f1.js';

const item = (expected?: Expected) => ({ id: 't', input: 'q', expected });
const close = (got: number, want: number, message: string) => assert.ok(Math.abs(got - want) < 1e-12, `${message}: got ${got}, want ${want}`);

test('normalizeAnswer follows SQuAD normalize_answer: lower, no punctuation, no articles, single spaces', () => {
  const cases: [string, string][] = [
    ['The Denver Broncos', 'denver broncos'],
    ['  Denver   Broncos. ', 'denver broncos'],
    ['an apple a day', 'apple day'],
    ['The theater, then Athens', 'theater then athens'], // articles only as whole words
    ["don't", 'dont'], // punctuation is removed, not replaced by a space
    ['U.S.A.', 'usa'],
    ['state-of-the-art', 'stateoftheart'], // hyphens go first, so "the" is no longer a word
    ['(the) $5,000!', '5000'],
    ['A_B', 'ab'],
    ['“Quoted” — text…', 'quoted text'], // extension: Unicode punctuation removed as well
    ['THE', ''],
    ['', ''],
  ];
  for (const [text, want] of cases) assert.equal(normalizeAnswer(text), want, text);
});

test('token F1 and exact match: values hand-computed from the SQuAD script definition', () => {
  // [prediction, ground truth, F1, EM]
  const cases: [string, string, number, number][] = [
    ['the Denver Broncos', 'Denver Broncos', 1, 1],
    // 2 common; P = 2/3, R = 1 → F1 = 2·(2/3)·1 / (5/3) = 0.8
    ['Denver Broncos won', 'Denver Broncos', 0.8, 0],
    // P = 1, R = 1/2 → F1 = 1 / 1.5 = 2/3
    ['Broncos', 'Denver Broncos', 2 / 3, 0],
    // "in santa clara california" vs "santa clara california": P = 3/4, R = 1 → F1 = 1.5 / 1.75 = 6/7
    ['in the Santa Clara, California', 'Santa Clara, California', 6 / 7, 0],
    // Bags, not sets: common = min(2,1) + min(1,2) = 2 of 3 each → F1 = 2/3
    ['foo foo bar', 'foo bar bar', 2 / 3, 0],
    // Order does not matter for F1, it does for EM
    ['Broncos Denver', 'Denver Broncos', 1, 0],
    // 1 common: P = 1/4, R = 1/2 → F1 = 2·(1/8) / (3/4) = 1/3
    ['Santa Clara Stadium California', 'Levi Stadium', 1 / 3, 0],
    ['Carolina Panthers', 'Denver Broncos', 0, 0],
    ['', 'Denver Broncos', 0, 0],
    ['Denver Broncos', '', 0, 0],
    // Both normalise to no tokens: F1 1 (SQuAD 2.0 rule), consistent with EM 1
    ['The.', 'a', 1, 1],
  ];
  for (const [prediction, truth, f1, em] of cases) {
    const got = f1Score(prediction, truth);
    close(got.f1, f1, `${prediction} vs ${truth}`);
    assert.equal(got.exactMatch, em, `${prediction} vs ${truth}`);
  }
  close(tokenF1(['a', 'b', 'c'], ['c', 'b', 'a']), 1, 'permutation');
});

test('f1 scorer: the maximum F1 over the expected answers, exact_match in the detail', () => {
  const f1 = createF1();
  const broncos = f1(item(['Denver Broncos', 'The Broncos', 'Broncos']), 'Broncos');
  assert.deepEqual(broncos, { value: 1, detail: 'f1 1.000, exact_match 1 vs "The Broncos" (best of 3)', answer: 'broncos' });
  const partial = f1(item(['Santa Clara, California', "Levi's Stadium"]), 'At the Levis Stadium in Santa Clara');
  // vs "santa clara california": common 2, P = 2/6, R = 2/3 → 4/9; vs "levis stadium": P = 2/6, R = 1 → 0.5
  close(partial.value, 0.5, 'partial');
  assert.equal(partial.detail, `f1 0.500, exact_match 0 vs "Levi's Stadium" (best of 2)`);
  assert.equal(partial.answer, 'at levis stadium in santa clara');
  assert.equal(f1(item(1905), '1905.').value, 1);
  close(f1(item(1905), 'In 1905.').value, 2 / 3, 'number expected');
  assert.equal(f1(item('Paris'), 'London').detail, 'f1 0.000, exact_match 0 vs "Paris"');
});

test('f1 scorer: no expected answer scores 0, long texts give short details, options are strict', () => {
  const f1 = createF1();
  assert.deepEqual(f1(item(undefined), 'x'), { value: 0, detail: 'item has no expected answer' });
  assert.deepEqual(f1(item([]), 'x'), { value: 0, detail: 'item has no expected answer' });
  const long = f1(item('w '.repeat(500)), 'w '.repeat(1000));
  close(long.value, 2 / 3, 'long');
  assert.ok(long.detail.length < 120, long.detail);
  assert.equal(f1Options.safeParse({}).success, true);
  assert.equal(f1Options.safeParse({ strict: true }).success, false);
});
