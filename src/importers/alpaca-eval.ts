/**
 * AlpacaEval (tatsu-lab/alpaca_eval) results: annotation files, model output files and the leaderboard CSV.
 *
 * An annotation compares `output_1` (the reference, `generator_1`) with `output_2` (the model, `generator_2`);
 * `preference` is in [1, 2]: 1 = reference better, 2 = model better, 1.5 = tie, continuous for weighted judges.
 * The model's score is `preference − 1`, so the leaderboard win rate is 100 · the mean score over the
 * annotations that have a preference.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { RicegradeError } from '../errors.js';
import { sha256 } from '../util/hash.js';
import { givenModel } from './model-name.js';
import { SeenKeys, describe, ensureFile, isObject, readJsonArray, recordWhere, skip, unitInterval } from './read-source.js';
import type { ImportEntry, ImportOptions } from './types.js';

const ANNOTATION = 'expected an AlpacaEval annotation with instruction, output_2, generator_2 and preference';
const MODEL_OUTPUT = 'a model output with instruction, output and generator';

/** The item id of an AlpacaEval instruction: the first 16 hex digits of its sha256. */
export function alpacaItemId(instruction: string): string {
  return sha256(instruction).slice(0, 16);
}

/**
 * Records of an AlpacaEval annotations file (model = `generator_2`, overridden by `opts.model`). An annotation
 * without a preference is skipped ("no preference"). A `model_outputs.json` (instruction, output, generator and
 * no preference) is recognised, and every record is skipped: there is nothing to score it by.
 */
export async function* readAlpacaEval(path: string, opts: ImportOptions = {}): AsyncGenerator<ImportEntry> {
  const name = basename(path);
  const entries = await readJsonArray(path, 'AlpacaEval annotation');
  const first = entries[0];
  const kind = isObject(first) && typeof first.instruction === 'string'
    ? 'output_2' in first ? 'annotations' : 'output' in first ? 'outputs' : undefined
    : undefined;
  if (kind === undefined) {
    const got = isObject(first) ? `an object with ${Object.keys(first).slice(0, 8).join(', ') || 'no fields'}` : describe(first);
    throw new RicegradeError('DATASET_PARSE', `${name}: record 1: ${ANNOTATION} (or ${MODEL_OUTPUT}); got ${got}`);
  }
  if (kind === 'outputs') {
    for (let i = 0; i < entries.length; i++) yield skip(recordWhere(name, i), 'no preference (model outputs without annotations)');
    return;
  }

  const model = givenModel(opts.model);
  const seen = new SeenKeys();
  for (let i = 0; i < entries.length; i++) {
    const where = recordWhere(name, i);
    const r = entries[i];
    if (!isObject(r)) {
      yield skip(where, `${ANNOTATION}, got ${describe(r)}`);
      continue;
    }
    if (typeof r.instruction !== 'string') {
      yield skip(where, `instruction: expected a string, got ${describe(r.instruction)}`);
      continue;
    }
    if (typeof r.output_2 !== 'string') {
      yield skip(where, `output_2: expected the model's output, got ${describe(r.output_2)}`);
      continue;
    }
    const generator = model ?? (typeof r.generator_2 === 'string' && r.generator_2.trim() !== '' ? r.generator_2 : undefined);
    if (generator === undefined) {
      yield skip(where, `generator_2: expected the model name, got ${describe(r.generator_2)}`);
      continue;
    }
    const preference = r.preference;
    if (preference === null || preference === undefined) {
      yield skip(where, 'no preference');
      continue;
    }
    if (typeof preference !== 'number') {
      yield skip(where, `preference: expected a number in [1, 2], got ${describe(preference)}`);
      continue;
    }
    const score = unitInterval(preference - 1);
    if (score === undefined) {
      yield skip(where, `preference ${preference} is outside [1, 2]`);
      continue;
    }
    const itemId = alpacaItemId(r.instruction);
    const firstAt = seen.check(`${generator}\u0000${itemId}`, where);
    if (firstAt !== undefined) {
      yield skip(where, `duplicate instruction for ${generator} (first at ${firstAt})`);
      continue;
    }
    yield {
      model: generator,
      itemId,
      input: r.instruction,
      ...(typeof r.dataset === 'string' && r.dataset !== '' ? { category: r.dataset } : {}),
      output: r.output_2,
      score,
    };
  }
}

/** The AlpacaEval win rate of scores `preference − 1`: 100 · their mean (NaN when there are none). */
export function alpacaWinRate(scores: Iterable<number>): number {
  let sum = 0;
  let n = 0;
  for (const score of scores) {
    sum += score;
    n++;
  }
  return n === 0 ? Number.NaN : (100 * sum) / n;
}

/** One row of the AlpacaEval leaderboard; the other columns keep their CSV names (numbers when numeric). */
export interface AlpacaLeaderboardRow {
  model: string;
  /** `win_rate`, in percent. */
  winRate: number;
  /** `length_controlled_winrate`, in percent, when given. */
  lcWinRate?: number;
  /** `avg_length` (characters), when given. */
  avgLength?: number;
  [column: string]: unknown;
}

const RENAMED: Record<string, 'winRate' | 'lcWinRate' | 'avgLength'> = {
  win_rate: 'winRate',
  length_controlled_winrate: 'lcWinRate',
  avg_length: 'avgLength',
};
const MODEL_COLUMNS = new Set(['', 'model', 'name', 'unnamed: 0']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The rows of an AlpacaEval leaderboard CSV (`<annotator>_leaderboard.csv`): the first column, unnamed in the
 * published files, is the model; `win_rate`, `length_controlled_winrate` and `avg_length` become `winRate`,
 * `lcWinRate` and `avgLength`. Empty cells are left out. Throws DATASET_PARSE naming `file:line`.
 */
export async function readAlpacaLeaderboard(path: string): Promise<AlpacaLeaderboardRow[]> {
  await ensureFile(path);
  const name = basename(path);
  const text = await readFile(path, 'utf8');
  const parser = parse(text, { bom: true, skip_empty_lines: true, info: true, relax_column_count: false });
  const rows: AlpacaLeaderboardRow[] = [];
  let header: string[] | undefined;
  let modelColumn = -1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header === undefined) {
        header = record.map((cell) => cell.trim());
        modelColumn = MODEL_COLUMNS.has(header[0]!.toLowerCase()) ? 0 : header.findIndex((h) => h === 'model' || h === 'name');
        if (modelColumn < 0 || !header.includes('win_rate')) {
          throw new RicegradeError(
            'DATASET_PARSE',
            `${name}:${info.lines}: expected an AlpacaEval leaderboard header with the model in the first column and win_rate`,
          );
        }
        continue;
      }
      const row: Record<string, unknown> = {};
      for (let c = 0; c < header.length; c++) {
        const cell = (record[c] ?? '').trim();
        if (c === modelColumn) {
          row.model = cell;
          continue;
        }
        if (cell === '') continue;
        const column = header[c]!;
        row[RENAMED[column] ?? column] = NUMBER.test(cell) ? Number(cell) : cell;
      }
      if (typeof row.model !== 'string' || row.model === '') {
        throw new RicegradeError('DATASET_PARSE', `${name}:${info.lines}: the model name (first column) is empty`);
      }
      if (typeof row.winRate !== 'number') throw new RicegradeError('DATASET_PARSE', `${name}:${info.lines}: win_rate: expected a number`);
      for (const key of ['lcWinRate', 'avgLength'] as const) {
        if (row[key] !== undefined && typeof row[key] !== 'number') {
          throw new RicegradeError('DATASET_PARSE', `${name}:${info.lines}: ${key === 'lcWinRate' ? 'length_controlled_winrate' : 'avg_length'}: expected a number`);
        }
      }
      rows.push(row as AlpacaLeaderboardRow);
    }
  } catch (err) {
    if (RicegradeError.isInstance(err)) throw err;
    const e = err as { lines?: number; message: string };
    throw new RicegradeError('DATASET_PARSE', `${name}:${e.lines ?? 0}: CSV: ${e.message}`, { cause: err });
  }
  if (header === undefined) throw new RicegradeError('DATASET_PARSE', `${name}: empty file; expected an AlpacaEval leaderboard CSV`);
  return rows;
}
