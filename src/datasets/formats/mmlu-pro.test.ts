import assert from 'node:assert/strict';
import { test } from 'node:test';
import { choiceIndex } from '../parse-item.js';
import { readBenchmark } from './index.js';
import { readMmluPro } from './mmlu-pro.js';
import { collect, dataset, needsDatasets, parseFailure, tempFile } from './testing.js';

test('MMLU-Pro: 196 real test questions (14 per subject) and 70 validation questions', { skip: needsDatasets }, async () => {
  const test14 = await collect(readBenchmark('mmlu-pro', dataset('mmlu-pro', 'mmlu_pro_test_14per_category.json')));
  assert.equal(test14.length, 196);
  const perCategory = new Map<string, number>();
  for (const item of test14) perCategory.set(item.category!, (perCategory.get(item.category!) ?? 0) + 1);
  assert.equal(perCategory.size, 14);
  assert.ok([...perCategory.values()].every((n) => n === 14));
  assert.equal(test14[0]!.id, 'mmlu-pro-2804');
  assert.equal(test14[0]!.expected, 'B');
  const val = await collect(readBenchmark('mmlu-pro', dataset('mmlu-pro', 'mmlu_pro_val_data.json')));
  assert.equal(val.length, 70);
  for (const item of [...test14, ...val]) {
    assert.ok(item.choices!.length >= 2 && item.choices!.length <= 10, item.id);
    assert.match(item.expected as string, /^[A-J]$/);
    assert.ok(choiceIndex(item.expected!, item.choices!) >= 0, item.id);
  }
});

test('MMLU-Pro: a bad record names file, record number and field', async () => {
  const good = { question_id: 1, question: 'Q?', options: ['x', 'y', 'z'], answer: 'C', answer_index: 2, category: 'math', src: 's' };
  const write = (records: unknown[]): string => tempFile('pro.json', JSON.stringify(records));
  const [item] = await collect(readMmluPro(write([good])));
  assert.deepEqual(item, { id: 'mmlu-pro-1', input: 'Q?', choices: ['x', 'y', 'z'], expected: 'C', category: 'math' });
  assert.equal(await parseFailure(readMmluPro(write([good, { ...good, question_id: 2, options: undefined }]))), 'pro.json:record 2: options: expected a list of 2 to 10 options, got nothing (missing)');
  assert.equal(await parseFailure(readMmluPro(write([{ ...good, question_id: '1' }]))), 'pro.json:record 1: question_id: expected an integer, got "1"');
  assert.equal(await parseFailure(readMmluPro(write([{ ...good, options: ['x', 7] }]))), 'pro.json:record 1: options[1]: expected a non-empty string, got 7');
  assert.equal(await parseFailure(readMmluPro(write([{ ...good, answer: 'D' }]))), 'pro.json:record 1: answer: expected a letter A–C, got "D"');
  assert.equal(await parseFailure(readMmluPro(write([{ ...good, answer_index: 1 }]))), 'pro.json:record 1: answer_index: expected 2 (the index of answer C), got 1');
  assert.equal(await parseFailure(readMmluPro(write([good, good]))), 'pro.json:record 2: question_id: expected a unique id, 1 repeats record 1');
  assert.equal(await parseFailure(readMmluPro(write([{ ...good, options: Array.from({ length: 11 }, (_, i) => `o${i}`) }]))), 'pro.json:record 1: options: expected a list of 2 to 10 options, got 11');
  assert.equal(await parseFailure(readMmluPro(write([]))), 'pro.json: holds no items');
});
