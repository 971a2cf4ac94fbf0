import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RicegradeError } from '../errors.js';
import { readLmEvalSamples } from './lm-eval-samples.js';
import { collectImport } from '../../test/helpers/shared-data.js';

const collect = collectImport;

/** A samples file in a folder named the way the harness names it after the model. */
function samplesFile(name: string, lines: Array<unknown>, folder = 'meta-llama__Llama-3.1-8B'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'rg-lmeval-')), folder);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

const CONTEXT = 'Question: Which colour is the sky on a clear day?\nAnswer:';

/** A multiple-choice sample as recent harness versions write it: keyed arguments, stringified responses. */
function mcSample(docId: number, lls: number[], metrics: Record<string, unknown> = { acc: 1, acc_norm: 1 }): Record<string, unknown> {
  const options = [' red', ' green', ' blue', ' yellow'].slice(0, lls.length);
  return {
    doc_id: docId,
    doc: { question: 'Which colour is the sky on a clear day?', choices: options.map((o) => o.trim()), answerKey: 'C' },
    target: '2',
    arguments: Object.fromEntries(options.map((o, k) => [`gen_args_${k}`, { arg_0: CONTEXT, arg_1: o }])),
    resps: lls.map((ll, k) => [[String(ll), k === 2 ? 'True' : 'False']]),
    filtered_resps: lls.map((ll, k) => [String(ll), k === 2 ? 'True' : 'False']),
    filter: 'none',
    metrics: ['acc', 'acc_norm'],
    doc_hash: 'x',
    prompt_hash: 'y',
    target_hash: 'z',
    ...metrics,
  };
}

test('multiple choice (recent layout): answer = argmax index, output = that option, model from the folder, task from the name', async () => {
  const path = samplesFile('samples_arc_easy_2024-05-13T12-34-56.123456.jsonl', [
    mcSample(0, [-3.5, -2.25, -0.5, -4]),
    mcSample(1, [-0.1, -2.25, -0.5, -4], { acc: 0, acc_norm: 1 }),
  ]);
  const { records, skipped } = await collect(readLmEvalSamples(path));
  assert.equal(skipped.length, 0);
  assert.deepEqual(records[0], {
    model: 'meta-llama/Llama-3.1-8B',
    itemId: '0',
    input: `${CONTEXT}\nA. red\nB. green\nC. blue\nD. yellow`,
    expected: '2',
    choices: ['red', 'green', 'blue', 'yellow'],
    category: 'arc_easy',
    output: 'blue',
    score: 1,
    answer: '2',
  });
  assert.equal(records[1]!.answer, '0');
  assert.equal(records[1]!.output, 'red');
  assert.equal(records[1]!.score, 0, 'acc comes before acc_norm');
  const named = await collect(readLmEvalSamples(path, { model: 'llama' }));
  assert.ok(named.records.every((r) => r.model === 'llama'));
});

test('multiple choice (older layout): argument lists, numeric responses and target; no arguments → index as output', async () => {
  const path = samplesFile(
    'samples_piqa.jsonl',
    [
      {
        doc_id: 3,
        doc: { goal: 'Open a jar', sol1: 'twist', sol2: 'hit' },
        target: 0,
        arguments: [['Question: Open a jar\nAnswer:', ' twist'], ['Question: Open a jar\nAnswer:', ' hit']],
        resps: [[[-1, false]], [[-2, false]]],
        filtered_resps: [[-1, false], [-2, false]],
        acc: true,
      },
      { doc_id: 4, doc: { goal: 'Boil water' }, target: 1, filtered_resps: [[-5, false], [-2, true]], acc: false },
    ],
    'local-model',
  );
  const { records } = await collect(readLmEvalSamples(path));
  assert.equal(records[0]!.model, 'local-model');
  assert.equal(records[0]!.category, 'piqa');
  assert.equal(records[0]!.expected, '0');
  assert.equal(records[0]!.output, 'twist');
  assert.equal(records[0]!.score, 1);
  assert.deepEqual(records[1], { model: 'local-model', itemId: '4', input: 'Boil water', expected: '1', category: 'piqa', output: '1', score: 0, answer: '1' });
});

test('winogrande-like options in the context: shared prefix is the question, the rest are the options', async () => {
  const path = samplesFile('samples_winogrande.jsonl', [
    {
      doc_id: 0,
      doc: {},
      target: '1',
      arguments: {
        gen_args_0: { arg_0: 'Sarah was a better surgeon than Maria so Sarah', arg_1: ' got the hard cases.' },
        gen_args_1: { arg_0: 'Sarah was a better surgeon than Maria so Maria', arg_1: ' got the hard cases.' },
      },
      filtered_resps: [['-9.5', 'False'], ['-7.25', 'False']],
      acc: 0.0,
    },
  ]);
  const { records } = await collect(readLmEvalSamples(path, { model: 'm' }));
  assert.deepEqual(records[0]!.choices, ['Sarah got the hard cases.', 'Maria got the hard cases.']);
  assert.equal(records[0]!.input, 'Sarah was a better surgeon than Maria so\nA. Sarah got the hard cases.\nB. Maria got the hard cases.');
  assert.equal(records[0]!.answer, '1');
});

test('generation with two filters: first filter kept, [invalid] has no answer, exact_match is the score', async () => {
  const gen = (docId: number, filter: string, extracted: string, em: number): Record<string, unknown> => ({
    doc_id: docId,
    doc: { question: `Q${docId}`, answer: 'work #### 42' },
    target: 'work #### 42',
    arguments: { gen_args_0: { arg_0: `Question: Q${docId}\nAnswer:`, arg_1: { until: ['Question:'], do_sample: false } } },
    resps: [[`Some reasoning. The answer is ${extracted}.`]],
    filtered_resps: [extracted],
    filter,
    metrics: ['exact_match'],
    exact_match: em,
  });
  const path = samplesFile('samples_gsm8k_2025-01-02T03-04-05.678901.jsonl', [
    gen(0, 'strict-match', ' 42 ', 1),
    gen(1, 'strict-match', '[invalid]', 0),
    gen(0, 'flexible-extract', '42', 1),
    gen(1, 'flexible-extract', '41', 0),
  ]);
  const { records, skipped } = await collect(readLmEvalSamples(path, { model: 'm' }));
  assert.deepEqual(records[0], {
    model: 'm',
    itemId: '0',
    input: 'Question: Q0\nAnswer:',
    expected: 'work #### 42',
    category: 'gsm8k',
    output: ' 42 ',
    score: 1,
    answer: '42',
  });
  assert.equal(records[1]!.output, '[invalid]');
  assert.equal(records[1]!.answer, undefined);
  assert.equal(skipped.length, 2);
  assert.match(skipped[0]!.reason, /filter "flexible-extract" not imported \(only the file's first filter, "strict-match", is\)/);
  assert.equal(skipped[0]!.where, 'samples_gsm8k_2025-01-02T03-04-05.678901.jsonl:3');
});

test('bad lines are skipped with file:line and a reason', async () => {
  const path = samplesFile('samples_arc_easy.jsonl', [
    mcSample(0, [-3, -2, -1, -4]),
    '',
    '{"doc_id": 1, "filtered_resps": [',
    { foo: 1 },
    mcSample(0, [-3, -2, -1, -4]),
    mcSample(2, [-3, -2, -1, -4], { acc: undefined, acc_norm: 1 }),
    mcSample(3, [-3, -2, -1, -4], { acc: 2.5 }),
    { ...mcSample(4, [-3, -2, -1, -4]), filtered_resps: [{ text: 'x' }] },
    mcSample(5, [-3, -2, -1, -4], { acc: 1.0000000000001 }),
  ]);
  const { records, skipped } = await collect(readLmEvalSamples(path, { model: 'm' }));
  assert.deepEqual(records.map((r) => [r.itemId, r.score]), [['0', 1], ['5', 1]]);
  assert.deepEqual(
    skipped.map((s) => s.where),
    [3, 4, 5, 6, 7, 8].map((n) => `samples_arc_easy.jsonl:${n}`),
  );
  assert.match(skipped[0]!.reason, /^invalid JSON/);
  assert.match(skipped[1]!.reason, /expected an lm-evaluation-harness sample/);
  assert.match(skipped[2]!.reason, /^duplicate doc_id 0 \(first at samples_arc_easy\.jsonl:1\)/);
  assert.match(skipped[3]!.reason, /^no acc \(the metric scored in this file\)/);
  assert.equal(skipped[4]!.reason, 'acc = 2.5 is not in [0, 1]');
  assert.match(skipped[5]!.reason, /^filtered_resps: expected generated text or \[loglikelihood, is_greedy\] pairs/);
});

test('metrics that are not per-sample scores in [0, 1] are not used', async () => {
  const base = { doc: { text: 'x' }, target: 'y', arguments: [['Translate: x', {}]], filtered_resps: ['y'] };
  const tuples = samplesFile('samples_wmt.jsonl', [
    { doc_id: 0, ...base, metrics: ['bleu', 'chrf'], bleu: ['y', 'y'], chrf: ['y', 'y'] },
    { doc_id: 1, ...base, metrics: ['bleu'], bleu: 35.2 },
  ]);
  const { records, skipped } = await collect(readLmEvalSamples(tuples, { model: 'm' }));
  assert.equal(records.length, 0);
  assert.match(skipped[0]!.reason, /^no usable metric \(looked for acc, exact_match, acc_norm, f1/);
  assert.equal(skipped[1]!.reason, 'bleu = 35.2 is not in [0, 1]');
  const listed = samplesFile('samples_custom.jsonl', [{ doc_id: 0, ...base, metrics: ['my_score'], my_score: 0.75 }]);
  assert.equal((await collect(readLmEvalSamples(listed, { model: 'm' }))).records[0]!.score, 0.75);
});

test('a file that is not lm-eval samples throws DATASET_PARSE naming file and record; missing file', async () => {
  const generic = samplesFile('results.jsonl', [{ item_id: 'a', model: 'm', output: 'x', score: 1 }]);
  await assert.rejects(collect(readLmEvalSamples(generic, { model: 'm' })), (err: unknown) => {
    assert.ok(RicegradeError.isInstance(err));
    assert.equal(err.code, 'DATASET_PARSE');
    assert.match(err.message, /^results\.jsonl:1: expected an lm-evaluation-harness sample with doc_id, doc, target, arguments and filtered_resps; got an object with item_id/);
    return true;
  });
  const array = samplesFile('samples_x.jsonl', ['[', '{"doc_id": 0}', ']']);
  await assert.rejects(collect(readLmEvalSamples(array, { model: 'm' })), { code: 'DATASET_PARSE', message: /^samples_x\.jsonl:1: .*invalid JSON/ });
  const empty = samplesFile('samples_y.jsonl', ['']);
  await assert.rejects(collect(readLmEvalSamples(empty, { model: 'm' })), { code: 'DATASET_PARSE', message: /^samples_y\.jsonl: no records/ });
  await assert.rejects(collect(readLmEvalSamples('/nonexistent/samples_z.jsonl', { model: 'm' })), { code: 'DATASET_NOT_FOUND' });
});
