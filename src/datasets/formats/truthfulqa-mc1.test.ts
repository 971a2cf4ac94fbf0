import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readBenchmark } from './index.js';
import { readTruthfulQaMc1 } from './truthfulqa-mc1.js';
import { collect, dataset, needsDatasets, parseFailure, tempFile } from './testing.js';

test('TruthfulQA MC1: 200 real questions, expected points at the choice marked 1', { skip: needsDatasets }, async () => {
  const path = dataset('truthfulqa', 'mc_task_first200.json');
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Array<{ question: string; mc1_targets: Record<string, number> }>;
  const items = await collect(readBenchmark('truthfulqa-mc1', path));
  assert.equal(items.length, 200);
  assert.equal(new Set(items.map((i) => i.id)).size, 200);
  for (const [k, item] of items.entries()) {
    const r = raw[k]!;
    assert.equal(item.input, r.question);
    assert.deepEqual(item.choices, Object.keys(r.mc1_targets));
    assert.equal(typeof item.expected, 'number');
    assert.equal(r.mc1_targets[item.choices![item.expected as number]!], 1, item.id);
  }
});

test('TruthfulQA MC1: the correct answer need not come first', async () => {
  const path = tempFile('mc.json', JSON.stringify([{ question: 'Q?', mc1_targets: { a: 0, b: 0, c: 1 }, mc2_targets: {} }]));
  const [item] = await collect(readTruthfulQaMc1(path));
  assert.deepEqual(item!.choices, ['a', 'b', 'c']);
  assert.equal(item!.expected, 2);
});

test('TruthfulQA MC1: a bad record names file, record number and field', async () => {
  const good = { question: 'Q?', mc1_targets: { a: 1, b: 0 } };
  const write = (records: unknown[]): string => tempFile('mc.json', JSON.stringify(records));
  assert.equal(await parseFailure(readTruthfulQaMc1(write([good, { mc1_targets: { a: 1, b: 0 } }]))), 'mc.json:record 2: question: expected a non-empty string, got nothing (missing)');
  assert.equal(await parseFailure(readTruthfulQaMc1(write([good, good, { question: 'Q?', mc1_targets: ['a', 'b'] }]))), 'mc.json:record 3: mc1_targets: expected an object of answer → 0|1, got an array');
  assert.equal(await parseFailure(readTruthfulQaMc1(write([{ question: 'Q?', mc1_targets: { a: '1', b: 0 } }]))), 'mc.json:record 1: mc1_targets["a"]: expected 0 or 1, got "1"');
  assert.equal(await parseFailure(readTruthfulQaMc1(write([{ question: 'Q?', mc1_targets: { a: 0, b: 0 } }]))), 'mc.json:record 1: mc1_targets: expected exactly one answer marked 1, got none');
  assert.equal(await parseFailure(readTruthfulQaMc1(write([]))), 'mc.json: holds no items');
  assert.equal(await parseFailure(readTruthfulQaMc1(tempFile('mc.json', ''))), 'mc.json: holds no items');
  assert.match(await parseFailure(readTruthfulQaMc1(tempFile('mc.json', '{"question": "Q?"}'))), /^mc\.json: expected a JSON array of records, got an object$/);
  assert.match(await parseFailure(readTruthfulQaMc1(tempFile('mc.json', '[{'))), /^mc\.json: invalid JSON/);
});
