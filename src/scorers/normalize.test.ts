import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clip, describeExpected, expectedList, normalize, quote, score } from './normalize.js';

test('normalize trims and case-folds, nothing more', () => {
  const cases: [string, string][] = [
    ['  Paris \n', 'paris'],
    ['ÉCOLE', 'école'],
    ['"Paris."', '"paris."'],
    ['a  b', 'a  b'],
  ];
  for (const [input, want] of cases) assert.equal(normalize(input), want, JSON.stringify(input));
});

test('expectedList turns every shape into a list of strings', () => {
  assert.deepEqual(expectedList('x'), ['x']);
  assert.deepEqual(expectedList(['a', 'b']), ['a', 'b']);
  assert.deepEqual(expectedList(42), ['42']);
  assert.deepEqual(expectedList(1.5), ['1.5']);
  assert.deepEqual(expectedList(['a', 3 as unknown as string]), ['a', '3']);
  assert.equal(expectedList(undefined), undefined);
  assert.equal(expectedList([]), undefined);
});

test('quote keeps details short and on one line', () => {
  assert.equal(quote('hello'), '"hello"');
  assert.equal(quote('a\n\n b\tc'), '"a b c"');
  const long = quote('x'.repeat(500), 40);
  assert.equal(long.length, 42);
  assert.ok(long.endsWith('…"'));
  // Long text that collapses to little must still show it was cut.
  assert.ok(quote(`ab${' '.repeat(400)}cd`, 40).endsWith('…"'));
});

test('clip cuts with an ellipsis and never splits a surrogate pair', () => {
  assert.equal(clip('abcdef', 4), 'abc…');
  assert.equal(clip('abc', 4), 'abc');
  const cut = clip('ab😀cd', 4);
  assert.ok(!/[\ud800-\udbff]…$/.test(cut), cut);
  assert.ok(cut.length <= 4);
});

test('score clips its detail below 120 characters', () => {
  const s = score(1, 'y'.repeat(300));
  assert.equal(s.value, 1);
  assert.ok(s.detail.length < 120);
});

test('describeExpected names the first answer and how many others', () => {
  assert.equal(describeExpected(['a']), '"a"');
  assert.equal(describeExpected(['a', 'b', 'c']), '"a" (+2 more)');
});
