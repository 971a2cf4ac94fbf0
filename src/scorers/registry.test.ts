import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RicegradeError } from '../errors.js';
import { createScorer, getScorer, scorerNames } from './index.js';

const item = { id: 't', input: 'q', expected: '42' };

/** The message of the CONFIG_INVALID error `fn` throws. */
function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(RicegradeError.isInstance(error), String(error));
    assert.equal(error.code, 'CONFIG_INVALID');
    assert.equal(error.exitCode, 2);
    return error.message;
  }
  assert.fail('expected a CONFIG_INVALID error');
}

test('scorerNames lists every scorer, sorted', () => {
  assert.deepEqual(scorerNames(), ['choice', 'exact', 'f1', 'ifeval', 'includes', 'json', 'judge', 'numeric', 'refusal', 'regex']);
});

test('judge is listed but is not a pure scorer: createScorer says where it runs', () => {
  assert.equal(getScorer('judge'), undefined);
  assert.throws(() => createScorer({ name: 'judge', judge_model: 'j' }), /judge asks a judge model, so it runs only as a suite's scorer/);
});

test('getScorer returns definitions with a strict object schema, undefined for unknown names', () => {
  for (const name of scorerNames().filter((n) => n !== 'judge')) {
    const definition = getScorer(name);
    assert.ok(definition, name);
    assert.equal(definition.name, name);
    assert.ok(definition.description.length > 0);
    assert.equal(definition.options.safeParse({ surely_unknown: 1 }).success, false, name);
    assert.equal(definition.options.safeParse({}).success, true, name);
  }
  assert.equal(getScorer('exatc'), undefined);
  assert.equal(getScorer('toString'), undefined);
  assert.equal(getScorer('__proto__'), undefined);
});

test('createScorer builds working scorers from specs', () => {
  const cases: [Parameters<typeof createScorer>[0], string, number][] = [
    [{ name: 'exact' }, ' 42 ', 1],
    [{ name: 'exact' }, '42.', 0],
    [{ name: 'includes' }, 'it is 42!', 1],
    [{ name: 'numeric' }, 'The answer is 42.', 1],
    [{ name: 'numeric', tolerance: 1 }, '43', 1],
    [{ name: 'numeric', tolerance: 0.5 }, '43', 0],
    [{ name: 'numeric', relative: 0.1 }, '45', 1],
    [{ name: 'regex', pattern: 'Answer: (\\d+)' }, 'Answer: 42', 1],
    [{ name: 'regex', pattern: 'Answer: (\\d+)' }, 'Answer: 41', 0],
    [{ name: 'regex' }, 'the 42nd', 1],
  ];
  for (const [spec, output, value] of cases) {
    assert.equal(createScorer(spec)(item, output).value, value, `${JSON.stringify(spec)} on ${output}`);
  }
});

test('createScorer rejects unknown scorers and bad options with one-line messages', () => {
  const cases: [Parameters<typeof createScorer>[0], string | RegExp][] = [
    [{ name: 'exatc' }, 'unknown scorer "exatc" (expected one of choice, exact, f1, ifeval, includes, json, judge, numeric, refusal, regex)'],
    [{ name: '' }, 'unknown scorer "" (expected one of choice, exact, f1, ifeval, includes, json, judge, numeric, refusal, regex)'],
    [{ name: 'numeric', tolerance: '0.1' }, 'scorer numeric: tolerance: expected number, got string'],
    [{ name: 'numeric', tolerance: null }, 'scorer numeric: tolerance: expected number, got null'],
    [{ name: 'numeric', relative: [1] }, 'scorer numeric: relative: expected number, got array'],
    [{ name: 'numeric', tolerance: Infinity }, 'scorer numeric: tolerance: expected number, got Infinity'],
    [{ name: 'numeric', tolerance: -1 }, 'scorer numeric: tolerance: must be >= 0'],
    [{ name: 'numeric', tolerence: 1 }, 'scorer numeric: unknown option "tolerence" (expected one of tolerance, relative)'],
    [{ name: 'exact', pattern: 'x' }, 'scorer exact: unknown option "pattern" (it takes no options)'],
    [{ name: 'includes', a: 1, b: 2 }, 'scorer includes: unknown options "a", "b" (it takes no options)'],
    [{ name: 'regex', pattern: '(' }, /^scorer regex: pattern: Invalid regular expression: \/\(\/: Unterminated group$/],
    [{ name: 'regex', pattern: 'a', flags: 'y' }, /^scorer regex: flags: only the flags d, g, i, m, s, u, v/],
    [{ name: 'regex', pattern: 'a', flags: 'gg' }, /^scorer regex: flags: Invalid flags/],
    [{ name: 'regex', pattern: 7 }, 'scorer regex: pattern: expected string, got number'],
    [{ name: 'numeric', tolerance: 'x', relative: 'y' }, 'scorer numeric: tolerance: expected number, got string (and 1 more)'],
  ];
  for (const [spec, want] of cases) {
    const message = configError(() => createScorer(spec));
    if (typeof want === 'string') assert.equal(message, want);
    else assert.match(message, want);
    assert.ok(!message.includes('\n'), message);
  }
});

test('createScorer rejects a non-string name from an untyped config', () => {
  const spec = { name: 3 } as unknown as Parameters<typeof createScorer>[0];
  assert.equal(configError(() => createScorer(spec)), 'scorer name: expected string, got number');
});

test('definition.create validates its options too', () => {
  const numeric = getScorer('numeric');
  assert.ok(numeric);
  assert.equal(numeric.create()(item, '42').value, 1);
  assert.equal(configError(() => numeric.create({ tolerance: 'a' })), 'scorer numeric: tolerance: expected number, got string');
  assert.equal(configError(() => numeric.create('fast')), 'scorer numeric: options: expected object, got string');
});

test('createScorer: every score carries the answer models are compared by', () => {
  const item = { id: 'x', input: 'q', expected: '42' };
  assert.equal(createScorer({ name: 'exact' })(item, '  Paris ').answer, 'paris');
  assert.equal(createScorer({ name: 'includes' })(item, 'The answer is 42').answer, 'the answer is 42');
  assert.equal(createScorer({ name: 'numeric' })(item, 'It is $1,234.').answer, '1234');
  assert.equal(createScorer({ name: 'regex', pattern: 'answer: ([A-D])', flags: 'i' })(item, 'Answer: B').answer, 'b');
});
