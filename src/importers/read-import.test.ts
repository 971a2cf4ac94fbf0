import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { replaceNonFiniteTokens } from './read-source.js';
import { IMPORT_FORMATS, isSkipped, readImport, type ImportFormat } from './index.js';

const CS = fileURLToPath(new URL('../../../shared/data/mmlu-pro-sample/computer science_result.json', import.meta.url));
const NEEDS_SHARED = 'needs ../shared/data (absent in a fresh clone)';

test('IMPORT_FORMATS lists the four formats', () => {
  assert.deepEqual([...IMPORT_FORMATS], ['mmlu-pro', 'alpaca-eval', 'lm-eval-samples', 'jsonl']);
});

test('readImport dispatches on the format', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'rg-import-')), 'r.jsonl');
  writeFileSync(path, '{"item_id": "a", "model": "m", "output": "x", "score": 1}\n');
  const entries = [];
  for await (const entry of readImport('jsonl', path, {})) entries.push(entry);
  assert.deepEqual(entries, [{ model: 'm', itemId: 'a', input: '', output: 'x', score: 1 }]);
});

test('real data through readImport: MMLU-Pro computer science', { skip: existsSync(CS) ? false : NEEDS_SHARED }, async () => {
  let n = 0;
  let correct = 0;
  for await (const entry of readImport('mmlu-pro', CS, { model: 'gpt-4o' })) {
    assert.ok(!isSkipped(entry));
    n++;
    correct += entry.score;
  }
  assert.deepEqual([n, correct], [410, 321]);
});

test('the wrong format for a file throws; unknown formats and missing files are errors', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'rg-import-')), 'r.jsonl');
  writeFileSync(path, '{"item_id": "a", "model": "m", "output": "x", "score": 1}\n');
  for (const format of ['mmlu-pro', 'alpaca-eval', 'lm-eval-samples'] as const) {
    await assert.rejects(async () => {
      for await (const _ of readImport(format, path, { model: 'm' })) void _;
    }, { code: 'DATASET_PARSE', message: /^r\.jsonl(: record 1|:1): expected/ });
  }
  assert.throws(() => readImport('csv' as ImportFormat, path, {}), { code: 'ARGUMENT_INVALID' });
  await assert.rejects(async () => {
    for await (const _ of readImport('jsonl', join(tmpdir(), 'does-not-exist.jsonl'), {})) void _;
  }, { code: 'DATASET_NOT_FOUND' });
});

test('Python NaN/Infinity tokens outside strings become null, strings untouched', () => {
  assert.equal(replaceNonFiniteTokens('[NaN, -Infinity, Infinity, "NaN \\" Infinity"]'), '[null, null, null, "NaN \\" Infinity"]');
  assert.equal(replaceNonFiniteTokens('{"a": 1}'), '{"a": 1}');
});
