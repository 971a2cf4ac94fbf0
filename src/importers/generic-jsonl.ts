/**
 * Generic result JSONL: one object per line,
 * `{ item_id, model, output, score?, category?, input?, expected?, answer?, choices? }`.
 * A record's own `model` wins; `opts.model` names the records that have none.
 */
import { basename } from 'node:path';
import { RicegradeError } from '../errors.js';
import { readJsonl } from '../datasets/read-jsonl.js';
import type { Expected } from '../types.js';
import { givenModel } from './model-name.js';
import { SeenKeys, describe, ensureFile, isObject, lineWhere, skip, unitInterval } from './read-source.js';
import type { ImportEntry, ImportOptions, ImportedRecord } from './types.js';

const EXPECTED = 'expected a result record with item_id, model and output';

/**
 * Records of a generic result JSONL. A record without a score is skipped ("no score"); a score must be a
 * number in [0, 1] or a boolean (1/0). Throws DATASET_PARSE when the first record is not such a result.
 */
export async function* readGenericJsonl(path: string, opts: ImportOptions = {}): AsyncGenerator<ImportEntry> {
  await ensureFile(path);
  const name = basename(path);
  const fallbackModel = givenModel(opts.model);
  const seen = new SeenKeys();
  let first = true;

  for await (const entry of readJsonl(path)) {
    const where = lineWhere(name, entry.line);
    if (first) {
      const misfit = 'error' in entry ? entry.error : firstRecordMisfit(entry.record, fallbackModel);
      if (misfit !== undefined) throw new RicegradeError('DATASET_PARSE', `${where}: ${EXPECTED}; ${misfit}`);
      first = false;
    }
    if ('error' in entry) {
      yield skip(where, entry.error);
      continue;
    }
    const parsed = parseRecord(entry.record, fallbackModel, opts.unscored);
    if (typeof parsed === 'string') {
      yield skip(where, parsed);
      continue;
    }
    const firstAt = seen.check(`${parsed.model}\u0000${parsed.itemId}`, where);
    if (firstAt !== undefined) {
      yield skip(where, `duplicate item_id ${JSON.stringify(parsed.itemId)} for ${parsed.model} (first at ${firstAt})`);
      continue;
    }
    yield parsed;
  }
  if (first) throw new RicegradeError('DATASET_PARSE', `${name}: no records; ${EXPECTED}`);
}

/** Why the first record shows the file is not in this format, or undefined when it fits. */
function firstRecordMisfit(record: unknown, fallbackModel: string | undefined): string | undefined {
  if (!isObject(record)) return `got ${describe(record)}`;
  if (!('item_id' in record)) return 'missing item_id';
  if (!('model' in record) && fallbackModel === undefined) return 'missing model (or pass the model option)';
  return undefined;
}

/** A record, or a one-line reason naming the field. */
function parseRecord(record: unknown, fallbackModel: string | undefined, unscored = false): ImportedRecord | string {
  if (!isObject(record)) return `${EXPECTED}, got ${describe(record)}`;
  const r = record;
  const id = r.item_id;
  if (!((typeof id === 'string' && id.trim() !== '') || (typeof id === 'number' && Number.isFinite(id)))) {
    return `item_id: expected a non-empty string or a number, got ${describe(id)}`;
  }
  let model = fallbackModel;
  if (r.model !== undefined && r.model !== null) {
    if (typeof r.model !== 'string' || r.model.trim() === '') return `model: expected a non-empty string, got ${describe(r.model)}`;
    model = r.model;
  }
  if (model === undefined) return 'model: missing (or pass the model option)';
  if (r.output !== undefined && r.output !== null && typeof r.output !== 'string') return `output: expected a string, got ${describe(r.output)}`;

  const out: ImportedRecord = { model, itemId: String(id), input: '', output: typeof r.output === 'string' ? r.output : '', score: 0 };
  if (r.input !== undefined && r.input !== null) {
    const input = inputText(r.input);
    if (input === undefined) return `input: expected a string or a list of chat messages, got ${describe(r.input)}`;
    out.input = input;
  }
  if (r.expected !== undefined && r.expected !== null) {
    const expected = expectedValue(r.expected);
    if (expected === undefined) return `expected: expected a string, a list of strings or a number, got ${describe(r.expected)}`;
    out.expected = expected;
  }
  if (r.choices !== undefined && r.choices !== null) {
    if (!Array.isArray(r.choices) || !r.choices.every((c) => typeof c === 'string')) return `choices: expected a list of strings, got ${describe(r.choices)}`;
    out.choices = r.choices as string[];
  }
  if (r.category !== undefined && r.category !== null) {
    if (typeof r.category !== 'string') return `category: expected a string, got ${describe(r.category)}`;
    if (r.category !== '') out.category = r.category;
  }
  if (r.answer !== undefined && r.answer !== null) {
    if (typeof r.answer !== 'string' && !(typeof r.answer === 'number' && Number.isFinite(r.answer))) {
      return `answer: expected a string, got ${describe(r.answer)}`;
    }
    out.answer = String(r.answer);
  }

  const score = r.score;
  if (score === undefined || score === null) {
    if (!unscored) return 'no score';
    out.score = NaN;
    return out;
  }
  if (typeof score === 'boolean') out.score = score ? 1 : 0;
  else if (typeof score === 'number') {
    const value = unitInterval(score);
    if (value === undefined) return `score ${score} is not in [0, 1]`;
    out.score = value;
  } else return `score: expected a number in [0, 1] or a boolean, got ${describe(score)}`;
  return out;
}

/** A string input, or chat messages rendered one per line as `role: content`. */
function inputText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const lines: string[] = [];
  for (const message of value) {
    if (!isObject(message) || typeof message.role !== 'string' || typeof message.content !== 'string') return undefined;
    lines.push(`${message.role}: ${message.content}`);
  }
  return lines.join('\n');
}

function expectedValue(value: unknown): Expected | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}
