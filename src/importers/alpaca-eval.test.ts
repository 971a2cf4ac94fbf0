import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RicegradeError } from '../errors.js';
import { alpacaItemId, alpacaWinRate, readAlpacaEval, readAlpacaLeaderboard } from './alpaca-eval.js';
import { collectImport } from '../../test/helpers/shared-data.js';

// ../shared/data relative to the project root (/work/main → /work/shared/data).
const SAMPLE = fileURLToPath(new URL('../../../shared/data/alpaca_eval-sample/', import.meta.url));
const ANNOTATIONS = join(SAMPLE, 'FuseChat-Llama-3.1-8B-Instruct_weighted_alpaca_eval_gpt4_turbo_annotations_first50.json');
const LEADERBOARD = join(SAMPLE, 'weighted_alpaca_eval_gpt4_turbo_leaderboard.csv');
const NEEDS_SHARED = 'needs ../shared/data (absent in a fresh clone)';

const collect = collectImport;

function writeFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rg-alpaca-')), name);
  writeFileSync(path, content);
  return path;
}

function annotation(instruction: string, preference: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    dataset: 'helpful_base',
    instruction,
    output_1: `reference for ${instruction}`,
    generator_1: 'gpt4_1106_preview',
    output_2: `model answer for ${instruction}`,
    generator_2: 'my-model',
    annotator: 'weighted_alpaca_eval_gpt4_turbo',
    preference,
    ...extra,
  };
}

test('real data: 50 weighted annotations; the mean score is the win rate recomputed from the file', { skip: existsSync(ANNOTATIONS) ? false : NEEDS_SHARED }, async () => {
  const { records, skipped } = await collect(readAlpacaEval(ANNOTATIONS));
  assert.equal(records.length + skipped.length, 50);

  // Independent recomputation: 100 · mean(preference − 1) over the non-null preferences.
  const raw = JSON.parse(readFileSync(ANNOTATIONS, 'utf8')) as Array<{ preference: number | null; annotator: string }>;
  const prefs = raw.map((r) => r.preference).filter((p): p is number => typeof p === 'number');
  const expected = (100 * prefs.reduce((sum, p) => sum + (p - 1), 0)) / prefs.length;
  assert.equal(records.length, prefs.length);
  assert.equal(skipped.length, 50 - prefs.length);
  assert.ok(skipped.every((s) => s.reason === 'no preference'));

  const mean = (100 * records.reduce((sum, r) => sum + r.score, 0)) / records.length;
  assert.ok(Math.abs(mean - expected) < 1e-9, `${mean} vs ${expected}`);
  assert.ok(Math.abs(alpacaWinRate(records.map((r) => r.score)) - expected) < 1e-9);
  assert.ok(Math.abs(expected - 59.6606804504) < 1e-6, `win rate of the first 50: ${expected}`);

  assert.ok(raw.every((r) => r.annotator === 'weighted_alpaca_eval_gpt4_turbo'));
  assert.ok(records.every((r) => r.model === 'FuseChat-Llama-3.1-8B-Instruct' && r.score >= 0 && r.score <= 1));
  assert.equal(new Set(records.map((r) => r.itemId)).size, records.length);
  assert.match(records[0]!.itemId, /^[0-9a-f]{16}$/);
  assert.equal(records[0]!.category, 'helpful_base');
});

test('real data: the leaderboard CSV, unnamed first column = model', { skip: existsSync(LEADERBOARD) ? false : NEEDS_SHARED }, async () => {
  const rows = await readAlpacaLeaderboard(LEADERBOARD);
  assert.equal(rows.length, 223);
  const fuse = rows.find((r) => r.model === 'FuseChat-Llama-3.1-8B-Instruct');
  assert.ok(fuse);
  assert.equal(fuse.winRate, 63.33158292362734);
  assert.equal(fuse.lcWinRate, 65.38623116037492);
  assert.equal(fuse.avgLength, 2033);
  assert.equal(fuse.n_total, 805);
  assert.equal(fuse.mode, 'community');
  const reference = rows.find((r) => r.model === 'gpt4_1106_preview');
  assert.equal(reference?.winRate, 50);
  assert.ok(!('lc_standard_error' in reference!), 'empty cells are left out');
  assert.ok(rows.every((r) => typeof r.model === 'string' && r.model !== '' && Number.isFinite(r.winRate)));
});

test('score = preference − 1; ties, continuous values, null and out-of-range preferences', async () => {
  const path = writeFile(
    'annotations.json',
    JSON.stringify([
      annotation('a', 1),
      annotation('b', 2),
      annotation('c', 1.5),
      annotation('d', 1.25),
      annotation('e', null),
      annotation('f', 2.0000000000001),
      annotation('g', 3),
      annotation('h', '2'),
      annotation('a', 2),
      { instruction: 'no output' },
      annotation('i', 2, { generator_2: '' }),
    ]),
  );
  const { records, skipped } = await collect(readAlpacaEval(path));
  assert.deepEqual(records.map((r) => r.score), [0, 1, 0.5, 0.25, 1]);
  assert.deepEqual(records[0], {
    model: 'my-model',
    itemId: alpacaItemId('a'),
    input: 'a',
    category: 'helpful_base',
    output: 'model answer for a',
    score: 0,
  });
  assert.deepEqual(
    skipped.map((s) => [s.where, s.reason.replace(/ \(.*$/, '')]),
    [
      ['annotations.json: record 5', 'no preference'],
      ['annotations.json: record 7', 'preference 3 is outside [1, 2]'],
      ['annotations.json: record 8', 'preference: expected a number in [1, 2], got "2"'],
      ['annotations.json: record 9', 'duplicate instruction for my-model'],
      ['annotations.json: record 10', "output_2: expected the model's output, got nothing"],
      ['annotations.json: record 11', 'generator_2: expected the model name, got ""'],
    ],
  );
  assert.equal(alpacaWinRate(records.map((r) => r.score)), 55);
  const renamed = await collect(readAlpacaEval(path, { model: 'renamed' }));
  assert.ok(renamed.records.every((r) => r.model === 'renamed'));
});

test('Python NaN preferences read as "no preference"', async () => {
  const text = JSON.stringify([annotation('a', 2), annotation('b', 0)]).replace('"preference":0', '"preference":NaN');
  const { records, skipped } = await collect(readAlpacaEval(writeFile('nan.json', text)));
  assert.equal(records.length, 1);
  assert.deepEqual(skipped, [{ skipped: true, where: 'nan.json: record 2', reason: 'no preference' }]);
});

test('model_outputs.json (no annotations): every record skipped for want of a preference', async () => {
  const path = writeFile(
    'model_outputs.json',
    JSON.stringify([
      { dataset: 'helpful_base', instruction: 'a', output: 'x', generator: 'my-model' },
      { dataset: 'helpful_base', instruction: 'b', output: 'y', generator: 'my-model' },
    ]),
  );
  const { records, skipped } = await collect(readAlpacaEval(path));
  assert.equal(records.length, 0);
  assert.deepEqual(skipped.map((s) => s.where), ['model_outputs.json: record 1', 'model_outputs.json: record 2']);
  assert.ok(skipped.every((s) => s.reason === 'no preference (model outputs without annotations)'));
});

test('a file that is not AlpacaEval throws DATASET_PARSE naming the file and record 1', async () => {
  const path = writeFile('mmlu.json', JSON.stringify([{ question_id: 1, answer: 'A', pred: 'A' }]));
  await assert.rejects(collect(readAlpacaEval(path)), (err: unknown) => {
    assert.ok(RicegradeError.isInstance(err));
    assert.equal(err.code, 'DATASET_PARSE');
    assert.match(err.message, /^mmlu\.json: record 1: expected an AlpacaEval annotation with instruction, output_2, generator_2 and preference/);
    return true;
  });
  await assert.rejects(collect(readAlpacaEval(writeFile('obj.json', '{"a": 1}'))), { code: 'DATASET_PARSE', message: /^obj\.json: record 1:/ });
  await assert.rejects(collect(readAlpacaEval('/nonexistent/annotations.json')), { code: 'DATASET_NOT_FOUND' });
});

test('leaderboard: header without win_rate, bad values and missing files are errors naming file:line', async () => {
  await assert.rejects(readAlpacaLeaderboard(writeFile('lb.csv', 'model,score\nx,1\n')), { code: 'DATASET_PARSE', message: /^lb\.csv:1: .*win_rate/ });
  await assert.rejects(readAlpacaLeaderboard(writeFile('lb.csv', ',win_rate\nx,1\ny,high\n')), { code: 'DATASET_PARSE', message: /^lb\.csv:3: win_rate/ });
  await assert.rejects(readAlpacaLeaderboard(writeFile('lb.csv', ',win_rate\nx,1,2\n')), { code: 'DATASET_PARSE', message: /^lb\.csv:2: CSV/ });
  await assert.rejects(readAlpacaLeaderboard('/nonexistent/lb.csv'), { code: 'DATASET_NOT_FOUND' });
  const rows = await readAlpacaLeaderboard(writeFile('lb.csv', '\uFEFF,win_rate,avg_length,mode\n"a, b",12.5,1000,verified\n'));
  assert.deepEqual(rows, [{ model: 'a, b', winRate: 12.5, avgLength: 1000, mode: 'verified' }]);
});
