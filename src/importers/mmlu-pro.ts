/**
 * MMLU-Pro published results (TIGER-AI-Lab eval scripts): one JSON array per subject or run, each record
 * `question_id, question, options[], answer (letter), answer_index, category, pred (letter or null)` and the
 * raw output under `model_outputs`, `generated_text` or `response`.
 *
 * Scoring is strict: `pred === answer` is 1, anything else 0, and a null `pred` is wrong. (The original
 * scorer replaced a null pred by a random guess, so its published totals can exceed the strict count by at
 * most the number of null preds.)
 */
import { basename } from 'node:path';
import { RicegradeError } from '../errors.js';
import { givenModel, mmluProModelFromFileName, parentFolderName, requireModel } from './model-name.js';
import { SeenKeys, describe, isObject, optionLetter, readJsonArray, recordWhere, skip, withLetteredOptions } from './read-source.js';
import type { ImportEntry, ImportOptions } from './types.js';

const RECORD = 'MMLU-Pro result record';
const EXPECTED = `expected an ${RECORD} with question_id, answer and pred`;
/** How many leading entries may be stray before the file is judged not to be MMLU-Pro results. */
const SCAN = 50;
/** Where published runs keep the raw model output, in order of preference. */
const OUTPUT_FIELDS = ['model_outputs', 'generated_text', 'response'] as const;

/**
 * Records of an MMLU-Pro result file. Model: `opts.model`, else `<NAME>` of `model_outputs_<NAME>_<N>shots.json`,
 * else the parent folder's name. Throws DATASET_PARSE when none of the first 50 entries is a result record.
 */
export async function* readMmluPro(path: string, opts: ImportOptions = {}): AsyncGenerator<ImportEntry> {
  const name = basename(path);
  const entries = await readJsonArray(path, RECORD);
  if (!entries.slice(0, SCAN).some(looksLikeRecord)) {
    throw new RicegradeError('DATASET_PARSE', `${name}: record 1: ${EXPECTED}; got ${shape(entries[0])}`);
  }
  const model = requireModel(path, givenModel(opts.model), mmluProModelFromFileName(path), parentFolderName(path));
  const fileCategory = /^(.+)_result\.json$/i.exec(name)?.[1];
  const seen = new SeenKeys();

  for (let i = 0; i < entries.length; i++) {
    const where = recordWhere(name, i);
    const r = entries[i];
    if (!looksLikeRecord(r)) {
      yield skip(where, `not an ${RECORD} (no question_id and answer): got ${shape(r)}`);
      continue;
    }
    const id = r.question_id;
    if (!((typeof id === 'string' && id.trim() !== '') || (typeof id === 'number' && Number.isFinite(id)))) {
      yield skip(where, `question_id: expected a number or a non-empty string, got ${describe(id)}`);
      continue;
    }
    if (typeof r.question !== 'string') {
      yield skip(where, `question: expected a string, got ${describe(r.question)}`);
      continue;
    }
    const options = optionList(r.options);
    if (options === undefined) {
      yield skip(where, `options: expected a list of strings, got ${describe(r.options)}`);
      continue;
    }
    const answer = r.answer;
    if (typeof answer !== 'string' || !options.some((_, k) => optionLetter(k) === answer)) {
      yield skip(where, `answer: expected the letter of one of the ${options.length} options, got ${describe(answer)}`);
      continue;
    }
    if (!('pred' in r)) {
      yield skip(where, 'no pred (incomplete run?)');
      continue;
    }
    const pred = r.pred;
    if (pred !== null && typeof pred !== 'string') {
      yield skip(where, `pred: expected a letter or null, got ${describe(pred)}`);
      continue;
    }
    const itemId = String(id);
    const first = seen.check(itemId, where);
    if (first !== undefined) {
      yield skip(where, `duplicate question_id ${itemId} (first at ${first})`);
      continue;
    }
    const predicted = pred === null || pred === '' ? undefined : pred;
    const category = typeof r.category === 'string' && r.category !== '' ? r.category : fileCategory;
    yield {
      model,
      itemId,
      input: withLetteredOptions(r.question, options),
      expected: answer,
      choices: options,
      ...(category !== undefined ? { category } : {}),
      output: rawOutput(r),
      score: predicted !== undefined && predicted === answer ? 1 : 0,
      ...(predicted !== undefined ? { answer: predicted } : {}),
    };
  }
}

function looksLikeRecord(entry: unknown): entry is Record<string, unknown> {
  return isObject(entry) && 'question_id' in entry && 'answer' in entry;
}

function optionList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const option of value) {
    if (typeof option === 'string') out.push(option);
    else if (typeof option === 'number' && Number.isFinite(option)) out.push(String(option));
    else return undefined;
  }
  return out;
}

function rawOutput(r: Record<string, unknown>): string {
  for (const field of OUTPUT_FIELDS) {
    const value = r[field];
    if (typeof value === 'string') return value;
  }
  return '';
}

/** What an entry looks like, for messages: its keys when it is an object. */
function shape(entry: unknown): string {
  if (!isObject(entry)) return describe(entry);
  const keys = Object.keys(entry);
  if (keys.length === 0) return 'an empty object';
  const shown = keys.slice(0, 8).join(', ');
  return `an object with ${shown}${keys.length > 8 ? ', …' : ''}`;
}
