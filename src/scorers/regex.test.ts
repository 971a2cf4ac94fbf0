import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Expected } from '../types.js';
import { createRegex, regexOptions, type RegexOptions } from './regex.js';

const item = (expected?: Expected) => ({ id: 't', input: 'q', expected });

test('regex with pattern: the last match (group 1, else whole match) equals an expected answer', () => {
  const cases: [RegexOptions, string, Expected | undefined, number][] = [
    [{ pattern: 'Answer: ([A-D])' }, 'Answer: B', 'b', 1],
    [{ pattern: 'Answer: ([A-D])' }, 'Answer: A\nWait, no. Answer: C', 'C', 1],
    [{ pattern: 'Answer: ([A-D])' }, 'Answer: A\nWait, no. Answer: C', 'A', 0],
    [{ pattern: 'Answer:\\s*(.+)' }, 'Answer:   Paris  ', 'paris', 1],
    [{ pattern: '[A-D]\\b' }, 'I pick D', 'd', 1],
    [{ pattern: '\\d+' }, '3 then 4 then 5', ['5', '6'], 1],
    [{ pattern: '\\d+' }, '3 then 4 then 5', 3, 0],
    [{ pattern: 'x(y)?' }, 'xy x', 'x', 1], // group 1 did not take part: whole match
    [{ pattern: 'answer: (\\w+)', flags: 'i' }, 'ANSWER: Yes', 'yes', 1],
    [{ pattern: 'answer: (\\w+)' }, 'ANSWER: Yes', 'yes', 0], // flags apply as given
    [{ pattern: 'Answer: ([A-D])' }, 'I do not know', 'A', 0],
    // No expected answer: 1 iff the pattern matches.
    [{ pattern: '^\\{.*\\}$', flags: 's' }, '{\n"a": 1\n}', undefined, 1],
    [{ pattern: '^\\{.*\\}$' }, 'not json', undefined, 0],
    // Empty matches terminate.
    [{ pattern: 'z*' }, 'abc', undefined, 1],
    [{ pattern: '(?:)', flags: 'u' }, '😀😀', undefined, 1],
  ];
  for (const [options, output, expected, value] of cases) {
    const s = createRegex(options)(item(expected), output);
    assert.equal(s.value, value, `${JSON.stringify(options)} on ${JSON.stringify(output)}: ${s.detail}`);
  }
});

test('regex with pattern: the compiled regex is reused safely across calls', () => {
  const score = createRegex({ pattern: '(\\d+)', flags: 'g' });
  for (let i = 0; i < 3; i++) {
    assert.equal(score(item('7'), 'a 1 b 7').value, 1);
    assert.equal(score(item('7'), '7').value, 1);
  }
});

test('regex without pattern: each expected answer is a case-insensitive regex', () => {
  const regex = createRegex();
  const cases: [string, Expected | undefined, number][] = [
    ['The capital is PARIS', 'paris', 1],
    ['colour', 'colou?r', 1],
    ['color', ['^red$', 'colou?r'], 1],
    ['It costs 3.5 dollars', 3.5, 1],
    ['It costs 3x5 dollars', 3.5, 0], // numbers match literally
    ['grey', 'gr[ae]y$', 1],
    ['greyhound', 'gr[ae]y$', 0],
    ['nothing', ['a^', 'zzz'], 0],
    ['(', '(', 0], // invalid expected regex: 0, no throw
    ['abc', ['(', 'b'], 1],
    ['x', undefined, 0],
  ];
  for (const [output, expected, value] of cases) {
    const s = regex(item(expected), output);
    assert.equal(s.value, value, `${JSON.stringify(output)} vs ${JSON.stringify(expected)}: ${s.detail}`);
  }
});

test('regex without pattern: expected numbers stay literal under the unicode flags', () => {
  for (const flags of ['u', 'v']) {
    const regex = createRegex({ flags });
    assert.equal(regex(item(-5), 'it is -5').value, 1, flags);
    assert.equal(regex(item(1e-7), 'it is 1e-7').value, 1, flags);
    assert.equal(regex(item(1.5), 'it is 1x5').value, 0, flags);
  }
});

test('regex: details', () => {
  assert.equal(createRegex({ pattern: 'A: (\\w)' })(item('b'), 'A: c').detail, 'got "c" want "b"');
  assert.equal(createRegex({ pattern: 'A: (\\w)' })(item('b'), 'nope').detail, 'no match for /A: (\\w)/');
  assert.equal(createRegex({ pattern: 'A: (\\w)' })(item(), 'A: z').detail, 'matched "z"');
  assert.match(createRegex()(item('('), 'x').detail, /^invalid expected regex \/\(\/: Invalid regular expression/);
  assert.equal(createRegex()(item('x'), 'abc').detail, 'no match for "x" in "abc"');
  assert.equal(createRegex()(item(undefined), 'abc').detail, 'item has no expected answer');
  const long = createRegex({ pattern: 'q'.repeat(300) })(item('x'), 'y'.repeat(1000));
  assert.ok(long.detail.length < 120, long.detail);
});

test('regex options: invalid regexes and flags are rejected at validation time', () => {
  const bad: [unknown, string, RegExp][] = [
    [{ pattern: '(' }, 'pattern', /Invalid regular expression/],
    [{ pattern: '[a-' }, 'pattern', /Invalid regular expression/],
    [{ pattern: '' }, 'pattern', /must not be empty/],
    [{ flags: 'y' }, 'flags', /only the flags/],
    [{ pattern: 'a', flags: 'ii' }, 'flags', /Invalid flags/],
    [{ pattern: 'a', flags: 'uv' }, 'flags', /Invalid flags/],
    [{ pattern: 'a', other: 1 }, '', /Unrecognized key/],
    [{ pattern: 3 }, 'pattern', /expected string/],
  ];
  for (const [input, path, message] of bad) {
    const result = regexOptions.safeParse(input);
    assert.equal(result.success, false, JSON.stringify(input));
    const issue = result.error?.issues[0];
    assert.equal(issue?.path.join('.'), path, JSON.stringify(input));
    assert.match(issue?.message ?? '', message, JSON.stringify(input));
  }
  assert.equal(regexOptions.safeParse({ pattern: '(\\d+)', flags: 'gimsu' }).success, true);
  assert.equal(regexOptions.safeParse({}).success, true);
});
