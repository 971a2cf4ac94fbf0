/** Importers: published model outputs (MMLU-Pro, AlpacaEval, lm-evaluation-harness, generic JSONL) as records. */
export { readImport } from './read-import.js';
export { IMPORT_FORMATS, isSkipped, type ImportEntry, type ImportFormat, type ImportOptions, type ImportedRecord, type SkippedRecord } from './types.js';
export { readMmluPro } from './mmlu-pro.js';
export { readAlpacaEval, readAlpacaLeaderboard, alpacaItemId, alpacaWinRate, type AlpacaLeaderboardRow } from './alpaca-eval.js';
export { readLmEvalSamples, LM_EVAL_METRICS } from './lm-eval-samples.js';
export { readGenericJsonl } from './generic-jsonl.js';
export { mmluProModelFromFileName, lmEvalModelFromFolder, lmEvalTaskFromFileName, parentFolderName } from './model-name.js';
