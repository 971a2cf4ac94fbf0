import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RicegradeError } from '../errors.js';
import { readGenericJsonl } from './generic-jsonl.js';
import { collectImport } from '../../test/helpers/shared-data.js';

const collect = collectImport;

function jsonl(name: string, lines: unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rg-generic-')), name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

test('records with every optional field, booleans as 1/0, chat inputs, numeric ids', async () => {
  const path = jsonl('results.jsonl', [
    { item_id: 'q1', model: 'a', output: 'Paris', score: 1, category: 'geo', input: 'Capital of France?', expected: ['Paris'], answer: 'paris', choices: ['Paris', 'Rome'] },
    { item_id: 7, model: 'b', output: '4', score: false, input: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: '2+2?' }], expected: 4 },
    { item_id: 'q3', model: 'b', score: true },
    { item_id: 'q4', model: 'b', output: 'x', score: 0.25, answer: 3 },
  ]);
  const { records, skipped } = await collect(readGenericJsonl(path));
  assert.equal(skipped.length, 0);
  assert.deepEqual(records[0], {
    model: 'a',
    itemId: 'q1',
    input: 'Capital of France?',
    output: 'Paris',
    score: 1,
    expected: ['Paris'],
    choices: ['Paris', 'Rome'],
    category: 'geo',
    answer: 'paris',
  });
  assert.deepEqual(records[1], { model: 'b', itemId: '7', input: 'system: Be brief.\nuser: 2+2?', output: '4', score: 0, expected: 4 });
  assert.deepEqual(records[2], { model: 'b', itemId: 'q3', input: '', output: '', score: 1 });
  assert.equal(records[3]!.answer, '3');
});

test('model from the option names records without one; a record\'s own model wins', async () => {
  const path = jsonl('results.jsonl', [
    { item_id: 'a', output: 'x', score: 1 },
    { item_id: 'a', model: 'other', output: 'y', score: 0 },
  ]);
  const { records } = await collect(readGenericJsonl(path, { model: 'given' }));
  assert.deepEqual(records.map((r) => r.model), ['given', 'other']);
});

test('bad lines and unscored records are skipped with file:line and a reason', async () => {
  const path = jsonl('results.jsonl', [
    { item_id: 'a', model: 'm', output: 'x', score: 1 },
    '{"item_id": "b", "model": "m"',
    '',
    { item_id: 'c', model: 'm', output: 'x' },
    { item_id: 'd', model: 'm', output: 'x', score: 1.5 },
    { item_id: 'e', model: 'm', output: 'x', score: '1' },
    { item_id: 'a', model: 'm', output: 'again', score: 0 },
    { item_id: '', model: 'm', output: 'x', score: 1 },
    { item_id: 'f', output: 'x', score: 1 },
    { item_id: 'g', model: 'm', output: 42, score: 1 },
    { item_id: 'h', model: 'm', output: 'x', score: 1, expected: { a: 1 } },
    [1, 2],
    { item_id: 'i', model: 'm', output: 'x', score: -0.0000000001 },
  ]);
  const { records, skipped } = await collect(readGenericJsonl(path));
  assert.deepEqual(records.map((r) => [r.itemId, r.score]), [['a', 1], ['i', 0]]);
  assert.deepEqual(
    skipped.map((s) => [s.where, s.reason]),
    [
      ['results.jsonl:2', skipped[0]!.reason],
      ['results.jsonl:4', 'no score'],
      ['results.jsonl:5', 'score 1.5 is not in [0, 1]'],
      ['results.jsonl:6', 'score: expected a number in [0, 1] or a boolean, got "1"'],
      ['results.jsonl:7', 'duplicate item_id "a" for m (first at results.jsonl:1)'],
      ['results.jsonl:8', 'item_id: expected a non-empty string or a number, got ""'],
      ['results.jsonl:9', 'model: missing (or pass the model option)'],
      ['results.jsonl:10', 'output: expected a string, got 42'],
      ['results.jsonl:11', 'expected: expected a string, a list of strings or a number, got an object'],
      ['results.jsonl:12', 'expected a result record with item_id, model and output, got an array'],
    ],
  );
  assert.match(skipped[0]!.reason, /^invalid JSON/);
});

test('a file that is not generic results throws DATASET_PARSE naming the file, the line and the field', async () => {
  const lmEval = jsonl('samples_arc.jsonl', [{ doc_id: 0, doc: {}, target: '1', filtered_resps: [], acc: 1 }]);
  await assert.rejects(collect(readGenericJsonl(lmEval, { model: 'm' })), (err: unknown) => {
    assert.ok(RicegradeError.isInstance(err));
    assert.equal(err.code, 'DATASET_PARSE');
    assert.equal(err.message, 'samples_arc.jsonl:1: expected a result record with item_id, model and output; missing item_id');
    return true;
  });
  const noModel = jsonl('r.jsonl', ['', { item_id: 'a', output: 'x', score: 1 }]);
  await assert.rejects(collect(readGenericJsonl(noModel)), { code: 'DATASET_PARSE', message: /^r\.jsonl:2: .*missing model \(or pass the model option\)/ });
  const json = jsonl('r.jsonl', ['[', '{"item_id": "a"}', ']']);
  await assert.rejects(collect(readGenericJsonl(json, { model: 'm' })), { code: 'DATASET_PARSE', message: /^r\.jsonl:1: .*invalid JSON/ });
  await assert.rejects(collect(readGenericJsonl(jsonl('e.jsonl', ['']), { model: 'm' })), { code: 'DATASET_PARSE', message: /^e\.jsonl: no records/ });
  await assert.rejects(collect(readGenericJsonl('/nonexistent/r.jsonl', { model: 'm' })), { code: 'DATASET_NOT_FOUND' });
});
