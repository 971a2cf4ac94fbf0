import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RicegradeError } from '../errors.js';
import type { Item } from '../types.js';
import { datasetHash, readItems } from './read-items.js';

function file(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rg-ds-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function all(path: string, format: 'jsonl' | 'csv'): Promise<Item[]> {
  const out: Item[] = [];
  for await (const item of readItems(path, format)) out.push(item);
  return out;
}

async function failure(path: string, format: 'jsonl' | 'csv'): Promise<RicegradeError> {
  try {
    await all(path, format);
  } catch (err) {
    assert.ok(RicegradeError.isInstance(err));
    assert.equal(err.code, 'DATASET_PARSE');
    return err;
  }
  assert.fail('expected a DATASET_PARSE error');
}

test('JSONL: string and chat inputs, every expected shape, blank lines skipped', async () => {
  const path = file(
    'mixed.jsonl',
    [
      '{"id": "a", "input": "What is 2 + 2?", "expected": "4", "category": "math"}',
      '',
      '{"id": 7, "input": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Capital of France?"}], "expected": ["Paris", "paris, France"]}',
      '{"input": "How many legs has a spider?", "expected": 8, "source": "extra fields are kept out, not rejected"}',
    ].join('\n'),
  );
  const items = await all(path, 'jsonl');
  assert.equal(items.length, 3);
  assert.deepEqual(items[0], { id: 'a', input: 'What is 2 + 2?', expected: '4', category: 'math' });
  assert.equal(items[1]!.id, '7');
  assert.equal((items[1]!.input as Array<{ role: string }>)[0]!.role, 'system');
  assert.deepEqual(items[1]!.expected, ['Paris', 'paris, France']);
  assert.equal(items[2]!.expected, 8);
  assert.match(items[2]!.id, /^[0-9a-f]{16}$/);
});

test('ids from a content hash are stable across files and reorderings; repeats get ~2', async () => {
  const a = file('a.jsonl', '{"input": "x", "expected": "1"}\n{"input": "y"}\n{"input": "x", "expected": "1"}\n');
  const b = file('b.jsonl', '{"input": "y"}\n{"input": "x", "expected": "1"}\n');
  const [x1, y1, x2] = await all(a, 'jsonl');
  const [y2, x3] = await all(b, 'jsonl');
  assert.equal(x1!.id, x3!.id);
  assert.equal(y1!.id, y2!.id);
  assert.equal(x2!.id, `${x1!.id}~2`);
  assert.notEqual(x1!.id, y1!.id);
});

test('JSONL errors name the file and the line', async () => {
  assert.match((await failure(file('bad.jsonl', '{"input": "ok"}\n\n[1, 2]\n'), 'jsonl')).message, /^bad\.jsonl:3: expected a JSON object/);
  assert.match((await failure(file('bad.jsonl', '{"input": "ok"}\n{"input": ""}\n'), 'jsonl')).message, /^bad\.jsonl:2: input: must not be empty/);
  assert.match((await failure(file('bad.jsonl', '{"input": [{"role": "system", "content": "s"}]}\n'), 'jsonl')).message, /no user message/);
  assert.match((await failure(file('bad.jsonl', '{"input": "a", "category": 3}\n'), 'jsonl')).message, /:1: category: expected a string/);
});

test('CSV: header row, quoted cells with commas and newlines, line numbers of records', async () => {
  const path = file('items.csv', 'id,input,expected,category\nq1,"What is 1,000 + 1?",1001,math\nq2,"Say ""hi""\nin two lines",hi,\nq3,Plain,,\n');
  const items = await all(path, 'csv');
  assert.equal(items.length, 3);
  assert.deepEqual(items[0], { id: 'q1', input: 'What is 1,000 + 1?', expected: '1001', category: 'math' });
  assert.equal(items[1]!.input, 'Say "hi"\nin two lines');
  assert.equal(items[1]!.category, undefined);
  assert.equal(items[2]!.expected, undefined);
  const bad = file('bad.csv', 'id,input\nq1,fine\nq2,"unterminated\n');
  assert.match((await failure(bad, 'csv')).message, /^bad\.csv:\d+: CSV: /);
  const noInput = file('noinput.csv', 'id,question\nq1,hello\n');
  assert.match((await failure(noInput, 'csv')).message, /^noinput\.csv:2: input: missing/);
});

test('dataset hash changes with content and format, not with the file name', async () => {
  const a = file('a.jsonl', '{"input": "x"}\n');
  const b = file('b.jsonl', '{"input": "x"}\n');
  const c = file('c.jsonl', '{"input": "y"}\n');
  assert.equal(await datasetHash(a, 'jsonl'), await datasetHash(b, 'jsonl'));
  assert.notEqual(await datasetHash(a, 'jsonl'), await datasetHash(c, 'jsonl'));
  assert.notEqual(await datasetHash(a, 'jsonl'), await datasetHash(a, 'csv'));
  await assert.rejects(datasetHash('/nonexistent/x.jsonl', 'jsonl'), /dataset file not found/);
});
