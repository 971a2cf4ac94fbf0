import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suitesListCommand, suitesShowCommand } from '../cli/suites-command.js';
import { RicegradeError } from '../errors.js';
import { getScorer } from '../scorers/index.js';
import { GENERATORS, generatorNames, getGenerator, listGenerators, parseGenerateOptions, scorerText } from './index.js';

/** Run `fn` with process.stdout.write captured; returns what it wrote. */
async function captureStdout(fn: () => Promise<void>): Promise<string> {
  const original = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    await fn();
  } finally {
    process.stdout.write = original;
  }
  return out;
}

const isArgumentInvalid = (pattern: RegExp) => (error: unknown) =>
  error instanceof RicegradeError && error.code === 'ARGUMENT_INVALID' && pattern.test(error.message);

test('GENERATORS: every generator, unique names, scorers that exist and accept their options', () => {
  assert.deepEqual(generatorNames(), ['arithmetic', 'dates', 'units', 'strings', 'logic', 'safety', 'over-refusal', 'bias', 'extraction', 'ifeval']);
  for (const g of GENERATORS) {
    assert.equal(getGenerator(g.name), g);
    const definition = getScorer(g.scorer.name);
    assert.ok(definition, `${g.name}: scorer ${g.scorer.name}`);
    const { name: _name, ...options } = g.scorer;
    assert.doesNotThrow(() => definition.create(options));
    assert.ok(g.description.length > 0 && !g.description.includes('\n'));
    assert.ok(g.categories.length > 0);
  }
  assert.equal(getGenerator('nope'), undefined);
});

test('GENERATORS: the same seed gives different items in different generators', () => {
  const inputs = GENERATORS.flatMap((g) => g.generate({ seed: 1, n: 10, difficulty: 2 }).map((i) => JSON.stringify(i.input)));
  assert.equal(new Set(inputs).size, inputs.length);
});

test('listGenerators: name, description, scorer and categories of each', () => {
  const list = listGenerators();
  assert.deepEqual(
    list.map((g) => [g.name, g.scorer.name]),
    [['arithmetic', 'numeric'], ['dates', 'exact'], ['units', 'numeric'], ['strings', 'exact'], ['logic', 'exact'], ['safety', 'refusal'], ['over-refusal', 'refusal'], ['bias', 'choice'], ['extraction', 'json'], ['ifeval', 'ifeval']],
  );
  assert.deepEqual(list.find((g) => g.name === 'dates')!.categories, ['add-days', 'weekday', 'days-between']);
  assert.deepEqual(list.find((g) => g.name === 'units')!.scorer, { name: 'numeric', tolerance: 0.01 });
  // A copy: editing it does not change the generators.
  list[0]!.categories.push('x');
  assert.ok(!listGenerators()[0]!.categories.includes('x'));
  assert.equal(scorerText({ name: 'numeric', tolerance: 0.01 }), 'numeric {"tolerance":0.01}');
  assert.equal(scorerText({ name: 'exact' }), 'exact');
});

test('parseGenerateOptions: strings to options, errors name the option', () => {
  assert.deepEqual(parseGenerateOptions({ seed: '42', n: '10', difficulty: '3' }), { seed: 42, n: 10, difficulty: 3 });
  assert.deepEqual(parseGenerateOptions({ seed: '0', n: '1' }), { seed: 0, n: 1, difficulty: 2 });
  assert.equal(parseGenerateOptions({ seed: '4294967295', n: '1' }).seed, 4294967295);
  for (const seed of ['', 'x', '-1', '1.5', '1e3', '4294967296']) {
    assert.throws(() => parseGenerateOptions({ seed, n: '1' }), isArgumentInvalid(/^--seed: /), seed);
  }
  for (const n of ['0', 'ten', '-3', '2.5', '100001']) {
    assert.throws(() => parseGenerateOptions({ seed: '1', n }), isArgumentInvalid(/^--n: /), n);
  }
  for (const difficulty of ['0', '4', 'hard']) {
    assert.throws(() => parseGenerateOptions({ seed: '1', n: '1', difficulty }), isArgumentInvalid(/^--difficulty: /), difficulty);
  }
});

test('suitesShowCommand: prints the exact items as JSONL', async () => {
  const out = await captureStdout(() => suitesShowCommand('dates', { seed: '7', n: '4', difficulty: '1' }));
  const lines = out.trimEnd().split('\n');
  assert.equal(lines.length, 4);
  assert.deepEqual(
    lines.map((line) => JSON.parse(line)),
    getGenerator('dates')!.generate({ seed: 7, n: 4, difficulty: 1 }),
  );
  assert.ok(out.endsWith('\n'));
});

test('suitesShowCommand: unknown generator and bad options are ARGUMENT_INVALID', async () => {
  await assert.rejects(
    suitesShowCommand('calculus', { seed: '1', n: '1' }),
    isArgumentInvalid(/^unknown generator "calculus" \(expected one of arithmetic, dates, units, strings, logic, safety, over-refusal, bias, extraction, ifeval\)$/),
  );
  await assert.rejects(suitesShowCommand('logic', { seed: 'abc', n: '1' }), isArgumentInvalid(/--seed/));
  await assert.rejects(suitesShowCommand('logic', { seed: '1', n: '0' }), isArgumentInvalid(/--n/));
});

test('suitesListCommand: a table of every generator with its scorer', async () => {
  const out = await captureStdout(() => suitesListCommand());
  for (const g of listGenerators()) {
    assert.ok(out.includes(g.name), g.name);
    assert.ok(out.includes(scorerText(g.scorer)), scorerText(g.scorer));
  }
  assert.match(out, /name.*description.*scorer/);
});
