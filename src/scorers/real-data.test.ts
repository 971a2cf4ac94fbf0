import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { needsSharedData, SHARED_DATA } from '../../test/helpers/shared-data.js';
import { extractChoice } from './choice.js';
import { createNumeric } from './numeric.js';

test('choice extraction agrees with the predictions MMLU-Pro published with GPT-4o\'s outputs (≥ 99%)', { skip: needsSharedData }, () => {
  let compared = 0;
  let agree = 0;
  const disagreements: string[] = [];
  for (const file of ['computer science_result.json', 'history_result.json']) {
    const records = JSON.parse(readFileSync(join(SHARED_DATA, 'mmlu-pro-sample', file), 'utf8')) as Array<{ question_id: number; options: string[]; pred: string | null; response: string }>;
    for (const r of records) {
      if (r.pred === null) continue;
      compared++;
      const got = extractChoice(r.response, r.options);
      if (got >= 0 && String.fromCharCode(65 + got) === r.pred) agree++;
      else if (disagreements.length < 5) disagreements.push(`${r.question_id}: got ${got < 0 ? 'none' : String.fromCharCode(65 + got)}, published ${r.pred}`);
    }
  }
  const rate = agree / compared;
  console.log(`MMLU-Pro choice extraction: ${agree}/${compared} = ${(rate * 100).toFixed(2)}% agree with the published pred`);
  assert.ok(rate >= 0.99, `${(rate * 100).toFixed(2)}% < 99%: ${disagreements.join('; ')}`);
});

test('the numeric scorer reproduces every is_correct flag of GSM8K\'s published example solutions', { skip: needsSharedData }, () => {
  const numeric = createNumeric();
  const lines = readFileSync(join(SHARED_DATA, 'datasets', 'gsm8k', 'example_model_solutions_first200.jsonl'), 'utf8').trim().split('\n');
  let checked = 0;
  const mismatches: string[] = [];
  for (const [k, line] of lines.entries()) {
    const record = JSON.parse(line) as Record<string, unknown> & { ground_truth: string };
    // The reference answer is what follows "A:" on the ground truth's last line.
    const expected = /A:\s*(.*)\s*$/.exec(record.ground_truth)![1]!;
    for (const [system, value] of Object.entries(record)) {
      if (value === null || typeof value !== 'object' || !('is_correct' in value)) continue;
      const { is_correct: flag, solution } = value as { is_correct: boolean; solution: string };
      const score = numeric({ id: String(k), input: '', expected }, solution).value === 1;
      checked++;
      if (score !== flag && mismatches.length < 5) mismatches.push(`line ${k + 1} ${system}: scored ${score}, published ${flag}`);
    }
  }
  console.log(`GSM8K example solutions: ${checked} flags checked`);
  assert.ok(checked >= 200);
  assert.deepEqual(mismatches, []);
});
