import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RicegradeError } from '../../errors.js';
import { gsm8kFinalAnswer, readGsm8k } from './gsm8k.js';
import { readBenchmark } from './index.js';
import { collect, dataset, needsDatasets, parseFailure, tempFile } from './testing.js';

test('GSM8K: the 200 real test items, final answers after ####', { skip: needsDatasets }, async () => {
  const items = await collect(readBenchmark('gsm8k', dataset('gsm8k', 'test_first200.jsonl')));
  assert.equal(items.length, 200);
  assert.equal(items[0]!.expected, '18');
  assert.equal(items[0]!.id, 'gsm8k-1');
  assert.match(items[0]!.input as string, /^Janet.s ducks lay 16 eggs/);
  assert.equal(new Set(items.map((i) => i.id)).size, 200);
  for (const item of items) {
    assert.equal(item.category, 'gsm8k');
    assert.match(item.expected as string, /^-?\d+(\.\d+)?$/, item.id);
  }
  // The slice's one answer written with a thousands separator ("2,125").
  assert.ok(items.some((i) => i.expected === '2125'));
});

test('GSM8K: final answer extraction', () => {
  assert.equal(gsm8kFinalAnswer('work\n#### 1,234'), '1234');
  assert.equal(gsm8kFinalAnswer('#### 1,234,567'), '1234567');
  assert.equal(gsm8kFinalAnswer('#### -5'), '-5');
  assert.equal(gsm8kFinalAnswer('#### 0.5 '), '0.5');
  assert.throws(() => gsm8kFinalAnswer('no marker 12'), /answer: expected a final answer after "####"/);
  assert.throws(() => gsm8kFinalAnswer('#### twelve'), /answer: expected a number after "####"/);
});

test('GSM8K: a bad record names file, line and field', async () => {
  const ok = '{"question": "1+1?", "answer": "#### 2"}';
  const missing = tempFile('g.jsonl', `${ok}\n\n{"answer": "#### 3"}\n`);
  assert.match(await parseFailure(readGsm8k(missing)), /^g\.jsonl:3: question: expected a non-empty string, got nothing \(missing\)$/);
  const wrongType = tempFile('g.jsonl', `${ok}\n{"question": "2+2?", "answer": 4}\n`);
  assert.match(await parseFailure(readGsm8k(wrongType)), /^g\.jsonl:2: answer: expected a non-empty string, got 4$/);
  const noMarker = tempFile('g.jsonl', '{"question": "2+2?", "answer": "4"}\n');
  assert.match(await parseFailure(readGsm8k(noMarker)), /^g\.jsonl:1: answer: expected a final answer after "####"$/);
  const badJson = tempFile('g.jsonl', `${ok}\n{"question": \n`);
  assert.match(await parseFailure(readGsm8k(badJson)), /^g\.jsonl:2: invalid JSON/);
  const notObject = tempFile('g.jsonl', '[1, 2]\n');
  assert.match(await parseFailure(readGsm8k(notObject)), /^g\.jsonl:1: record: expected a JSON object, got an array$/);
});

test('GSM8K: an empty file holds no items; a missing file is not found', async () => {
  assert.equal(await parseFailure(readGsm8k(tempFile('empty.jsonl', '\n\n'))), 'empty.jsonl: holds no items');
  await assert.rejects(collect(readGsm8k('/nonexistent/x.jsonl')), (err: unknown) => RicegradeError.isInstance(err) && err.code === 'DATASET_NOT_FOUND');
});
