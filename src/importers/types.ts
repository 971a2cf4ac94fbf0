/** Shared types of the importers: published model outputs turned into normalized, scored records. */
import type { Expected } from '../types.js';

/** The formats `readImport` understands. */
export type ImportFormat = 'mmlu-pro' | 'alpaca-eval' | 'lm-eval-samples' | 'jsonl';

/** Every import format, in the order a CLI lists them. */
export const IMPORT_FORMATS: readonly ImportFormat[] = ['mmlu-pro', 'alpaca-eval', 'lm-eval-samples', 'jsonl'];

/** One model's output on one item, with its score as published (or computed strictly from the file). */
export interface ImportedRecord {
  /** Model name (from the options, the file, or the file's location). */
  model: string;
  /** Stable item id (question_id, doc_id, instruction hash…), unique within the suite. */
  itemId: string;
  /** The prompt or question as shown to a person; for multiple choice, question + lettered options. */
  input: string;
  expected?: Expected;
  /** Multiple-choice options when known. */
  choices?: string[];
  category?: string;
  /** The raw model output text ('' if none). */
  output: string;
  /** Score in [0, 1]. */
  score: number;
  /** The model's extracted answer, used to compare models (e.g. the letter 'B'); undefined when none. */
  answer?: string;
}

/** A record of the file that was not imported, with where it is and why. */
export interface SkippedRecord {
  skipped: true;
  /** `file.json: record 17` (JSON array files, 1-based) or `file.jsonl:17` (JSONL, line number). */
  where: string;
  reason: string;
}

export interface ImportOptions {
  /** Model name; overrides the name a format infers (see each reader for the precedence). */
  model?: string;
  /** Keep records that carry no score (score NaN): replay re-scores outputs with the suite's scorer. */
  unscored?: boolean;
}

export type ImportEntry = ImportedRecord | SkippedRecord;

export function isSkipped(entry: ImportEntry): entry is SkippedRecord {
  return (entry as SkippedRecord).skipped === true;
}
