/**
 * Readers of public benchmark files, turning each into ricegrade Items. Line-based files (GSM8K
 * and BBQ JSONL, TruthfulQA CSV, lm-evaluation-harness samples: the questions the harness asked)
 * are streamed; JSON-array files (TruthfulQA mc_task.json, MMLU-Pro) are read whole. A record
 * that does not fit throws DATASET_PARSE
 * `<file>:<line>: <field>: expected …` (`<file>:record <n>:` for JSON arrays, 1-based); a file
 * without records throws DATASET_PARSE `<file>: holds no items`; a missing file DATASET_NOT_FOUND.
 */
import { RicegradeError } from '../../errors.js';
import type { Item } from '../../types.js';
import { readBbq } from './bbq.js';
import { readGsm8k } from './gsm8k.js';
import { readLmEvalSampleItems } from './lm-eval-samples.js';
import { readMmluPro } from './mmlu-pro.js';
import { readTruthfulQa } from './truthfulqa.js';
import { readTruthfulQaMc1 } from './truthfulqa-mc1.js';

export type BenchmarkFormat = 'gsm8k' | 'truthfulqa' | 'truthfulqa-mc1' | 'bbq' | 'mmlu-pro' | 'lm-eval-samples';

export const BENCHMARK_FORMATS: readonly BenchmarkFormat[] = ['gsm8k', 'truthfulqa', 'truthfulqa-mc1', 'bbq', 'mmlu-pro', 'lm-eval-samples'];

/**
 * The scorer that fits each format's items (a name from the scorer registry). For `lm-eval-samples` it depends
 * on the task in the file: `choice` fits the multiple-choice tasks (arc, hellaswag, mmlu, piqa, …), the common
 * case; generation tasks need `numeric` (gsm8k), `exact` or `includes`.
 */
export const SUGGESTED_SCORER: Readonly<Record<BenchmarkFormat, string>> = {
  gsm8k: 'numeric',
  truthfulqa: 'includes',
  'truthfulqa-mc1': 'choice',
  bbq: 'choice',
  'mmlu-pro': 'choice',
  'lm-eval-samples': 'choice',
};

const READERS: Readonly<Record<BenchmarkFormat, (path: string) => AsyncGenerator<Item>>> = {
  gsm8k: readGsm8k,
  truthfulqa: readTruthfulQa,
  'truthfulqa-mc1': readTruthfulQaMc1,
  bbq: readBbq,
  'mmlu-pro': readMmluPro,
  'lm-eval-samples': readLmEvalSampleItems,
};

export function isBenchmarkFormat(value: string): value is BenchmarkFormat {
  return (BENCHMARK_FORMATS as readonly string[]).includes(value);
}

/** The items of a benchmark file in file order. */
export function readBenchmark(format: BenchmarkFormat, path: string): AsyncGenerator<Item> {
  if (!isBenchmarkFormat(format)) {
    throw new RicegradeError('ARGUMENT_INVALID', `unknown benchmark format "${String(format)}" (one of ${BENCHMARK_FORMATS.join(', ')})`);
  }
  return READERS[format](path);
}

export { bbqMeta, parseBbqRecord, readBbq, readBbqDetailed, type BbqMeta, type BbqRecord } from './bbq.js';
export { gsm8kFinalAnswer, readGsm8k } from './gsm8k.js';
export { readLmEvalSampleItems } from './lm-eval-samples.js';
export { readMmluPro } from './mmlu-pro.js';
export { readTruthfulQa, truthfulQaId } from './truthfulqa.js';
export { readTruthfulQaMc1 } from './truthfulqa-mc1.js';
