/** The one entry point of the importers: a format name and a file to a stream of records and skips. */
import { RicegradeError } from '../errors.js';
import { readAlpacaEval } from './alpaca-eval.js';
import { readGenericJsonl } from './generic-jsonl.js';
import { readLmEvalSamples } from './lm-eval-samples.js';
import { readMmluPro } from './mmlu-pro.js';
import { IMPORT_FORMATS, type ImportFormat, type ImportOptions, type ImportedRecord, type SkippedRecord } from './types.js';

const READERS: Record<ImportFormat, (path: string, opts: ImportOptions) => AsyncGenerator<ImportedRecord | SkippedRecord>> = {
  'mmlu-pro': readMmluPro,
  'alpaca-eval': readAlpacaEval,
  'lm-eval-samples': readLmEvalSamples,
  jsonl: readGenericJsonl,
};

/**
 * Normalized records of a published result file, streamed in file order, with a SkippedRecord (where + reason)
 * for each record that is not imported. Throws RicegradeError: DATASET_NOT_FOUND for a missing file,
 * DATASET_PARSE when the file is not in `format` (naming the file, the record and what was expected),
 * ARGUMENT_INVALID for an unknown format or a model name that cannot be inferred.
 */
export function readImport(format: ImportFormat, path: string, opts: ImportOptions = {}): AsyncGenerator<ImportedRecord | SkippedRecord> {
  const reader = READERS[format];
  if (!IMPORT_FORMATS.includes(format) || reader === undefined) {
    throw new RicegradeError('ARGUMENT_INVALID', `unknown import format "${String(format)}" (expected one of ${IMPORT_FORMATS.join(', ')})`);
  }
  return reader(path, opts);
}
