import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RicegradeError } from '../errors.js';
import { readMmluPro } from './mmlu-pro.js';
import { collectImport } from '../../test/helpers/shared-data.js';

// ../shared/data relative to the project root (/work/main → /work/shared/data).
const SAMPLE = fileURLToPath(new URL('../../../shared/data/mmlu-pro-sample/', import.meta.url));
const CS = join(SAMPLE, 'computer science_result.json');
const HISTORY = join(SAMPLE, 'history_result.json');
const NEEDS_SHARED = 'needs ../shared/data (absent in a fresh clone)';

const collect = collectImport;

function summaryCorrect(path: string, subject: string): number {
  const summary = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { corr: number; wrong: number }>;
  return summary[subject]!.corr;
}

function record(id: number, pred: string | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    question_id: id,
    question: `Question ${id}?`,
    options: ['alpha', 'beta', 'gamma', 'delta'],
    answer: 'B',
    answer_index: 1,
    cot_content: '',
    category: 'math',
    src: 'test',
    pred,
    model_outputs: `The answer is (${pred ?? '?'})`,
    ...extra,
  };
}

function writeJson(name: string, value: unknown, folder = 'some-run'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'rg-mmlu-')), folder);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

test('the shared data folder resolves to /work/shared (../shared from the project root)', { skip: existsSync(SAMPLE) ? false : NEEDS_SHARED }, () => {
  assert.ok(CS.replaceAll('\\', '/').includes('/shared/data/mmlu-pro-sample/'));
  assert.ok(!CS.replaceAll('\\', '/').includes('/main/'));
});

test('real data: computer science, 410 records, strict score equals the summary (321)', { skip: existsSync(CS) ? false : NEEDS_SHARED }, async () => {
  const { records, skipped } = await collect(readMmluPro(CS, { model: 'gpt-4o' }));
  assert.equal(skipped.length, 0);
  assert.equal(records.length, 410);
  const correct = records.filter((r) => r.score === 1).length;
  assert.equal(correct, 321);
  assert.equal(correct, summaryCorrect(join(SAMPLE, 'computer science_summary.json'), 'computer science'));
  assert.ok(records.every((r) => r.model === 'gpt-4o' && r.category === 'computer science' && (r.score === 0 || r.score === 1)));
  assert.equal(new Set(records.map((r) => r.itemId)).size, 410);

  const first = records[0]!;
  assert.equal(typeof first.expected, 'string');
  assert.match(first.input, /\nA\. .+\nB\. /);
  assert.ok(first.choices && first.choices.length >= 2);
  assert.ok(first.output.length > 0, 'the raw output comes from the "response" field');
  // The score is the comparison of the extracted answer with the expected letter, nothing else.
  for (const r of records) assert.equal(r.score, r.answer !== undefined && r.answer === r.expected ? 1 : 0);
});

test('real data: history, strict 265 vs summary 267; the gap is covered by null preds', { skip: existsSync(HISTORY) ? false : NEEDS_SHARED }, async () => {
  const { records, skipped } = await collect(readMmluPro(HISTORY, { model: 'gpt-4o' }));
  assert.equal(skipped.length, 0);
  assert.equal(records.length, 381);
  const strict = records.filter((r) => r.score === 1).length;
  const published = summaryCorrect(join(SAMPLE, 'history_summary.json'), 'history');
  assert.equal(strict, 265);
  assert.equal(published, 267);
  // The original MMLU-Pro scorer replaced a null pred (no answer extracted) by a random guess, and some of those
  // guesses were right. Strict scoring counts a null pred as wrong, so the published total can exceed the strict
  // one by at most the number of null preds (here 2 lucky guesses among 27 nulls).
  const nullPreds = records.filter((r) => r.answer === undefined);
  const gap = published - strict;
  assert.equal(gap, 2);
  assert.ok(gap <= nullPreds.length, `gap ${gap} > ${nullPreds.length} null preds`);
  assert.ok(nullPreds.every((r) => r.score === 0));
});

test('strict scoring, lettered input, null pred has no answer, raw output field variants', async () => {
  const path = writeJson('model_outputs_tiny-model_5shots.json', [
    record(1, 'B'),
    record(2, 'C', { model_outputs: undefined, generated_text: 'gen text' }),
    record(3, null, { model_outputs: undefined, response: 'resp text' }),
    record(4, 'b', { model_outputs: undefined }),
  ]);
  const { records, skipped } = await collect(readMmluPro(path));
  assert.equal(skipped.length, 0);
  assert.deepEqual(records[0], {
    model: 'tiny-model',
    itemId: '1',
    input: 'Question 1?\nA. alpha\nB. beta\nC. gamma\nD. delta',
    expected: 'B',
    choices: ['alpha', 'beta', 'gamma', 'delta'],
    category: 'math',
    output: 'The answer is (B)',
    score: 1,
    answer: 'B',
  });
  assert.equal(records[1]!.output, 'gen text');
  assert.equal(records[1]!.score, 0);
  assert.equal(records[2]!.output, 'resp text');
  assert.equal(records[2]!.answer, undefined);
  assert.equal(records[2]!.score, 0);
  assert.ok(!('answer' in records[2]!));
  assert.equal(records[3]!.output, '');
  assert.equal(records[3]!.score, 0, 'strict: a lower-case pred is not the answer letter');
});

test('model name: option, then model_outputs_<NAME>_<N>shots.json, then the parent folder', async () => {
  const named = writeJson('model_outputs_Meta-Llama-3-8B_0shots.json', [record(1, 'B')]);
  assert.equal((await collect(readMmluPro(named))).records[0]!.model, 'Meta-Llama-3-8B');
  assert.equal((await collect(readMmluPro(named, { model: 'override' }))).records[0]!.model, 'override');
  const plain = writeJson('math_result.json', [record(1, 'B')], 'claude-run');
  assert.equal((await collect(readMmluPro(plain))).records[0]!.model, 'claude-run');
});

test('stray entries, incomplete records and repeats are skipped with where and why', async () => {
  const path = writeJson('math_result.json', [
    'header text',
    record(1, 'B'),
    { total: { corr: 1 } },
    record(2, 'A', { pred: undefined }),
    record(3, 'B', { options: 'not a list' }),
    record(4, 'B', { answer: 'K' }),
    record(1, 'A'),
    record(5, 7 as unknown as string),
    record(6, 'B'),
  ]);
  const { records, skipped } = await collect(readMmluPro(path, { model: 'm' }));
  assert.deepEqual(records.map((r) => r.itemId), ['1', '6']);
  assert.deepEqual(
    skipped.map((s) => s.where),
    [1, 3, 4, 5, 6, 7, 8].map((n) => `math_result.json: record ${n}`),
  );
  assert.match(skipped[0]!.reason, /not an MMLU-Pro result record/);
  assert.match(skipped[1]!.reason, /not an MMLU-Pro result record.*total/);
  assert.match(skipped[2]!.reason, /no pred \(incomplete run\?\)/);
  assert.match(skipped[3]!.reason, /^options:/);
  assert.match(skipped[4]!.reason, /^answer: .*4 options/);
  assert.match(skipped[5]!.reason, /duplicate question_id 1 \(first at math_result\.json: record 2\)/);
  assert.match(skipped[6]!.reason, /^pred:/);
});

test('a file that is not MMLU-Pro results throws DATASET_PARSE naming the file and record 1', async () => {
  const cases: Array<[string, unknown]> = [
    ['summary.json', { math: { corr: 1, wrong: 0, acc: 1 } }],
    ['alpaca.json', [{ instruction: 'x', output: 'y', generator: 'g' }]],
    ['empty.json', []],
    ['broken.json', '[{"question_id": 1,'],
  ];
  for (const [name, content] of cases) {
    const path = writeJson(name, content);
    await assert.rejects(
      collect(readMmluPro(path, { model: 'm' })),
      (err: unknown) => RicegradeError.isInstance(err) && err.code === 'DATASET_PARSE' && err.message.startsWith(`${name}:`),
    );
  }
  const path = writeJson('alpaca.json', [{ instruction: 'x', output: 'y', generator: 'g' }]);
  await assert.rejects(collect(readMmluPro(path, { model: 'm' })), {
    message: /^alpaca\.json: record 1: expected an MMLU-Pro result record with question_id, answer and pred; got an object with instruction/,
  });
  // 50 stray entries before the first record: not MMLU-Pro; 49: accepted, the strays skipped.
  const strays = Array.from({ length: 50 }, (_, i) => ({ note: i }));
  await assert.rejects(collect(readMmluPro(writeJson('late.json', [...strays, record(1, 'B')]), { model: 'm' })), {
    message: /^late\.json: record 1: expected an MMLU-Pro result record/,
  });
  const { records, skipped } = await collect(readMmluPro(writeJson('ok.json', [...strays.slice(1), record(1, 'B')]), { model: 'm' }));
  assert.equal(records.length, 1);
  assert.equal(skipped.length, 49);
});

test('a missing file is DATASET_NOT_FOUND; Python NaN tokens are read as null', async () => {
  await assert.rejects(collect(readMmluPro('/nonexistent/x_result.json', { model: 'm' })), { code: 'DATASET_NOT_FOUND' });
  const text = `[${JSON.stringify(record(1, 'B')).replace('"pred":"B"', '"pred":NaN')}]`;
  const { records } = await collect(readMmluPro(writeJson('nan_result.json', text), { model: 'm' }));
  assert.equal(records[0]!.score, 0);
  assert.equal(records[0]!.answer, undefined);
});
