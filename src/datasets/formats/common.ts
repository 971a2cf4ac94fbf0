/**
 * Shared plumbing of the benchmark readers: `file:line: field: expected …` errors, JSONL and
 * JSON-array record streams, CSV rows with exact first-line numbers, and field checks.
 */
import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { RicegradeError } from '../../errors.js';
import type { Item } from '../../types.js';
import { sha256 } from '../../util/hash.js';
import { parseItem } from '../parse-item.js';
import { readJsonl } from '../read-jsonl.js';

/** Where a record sits: `12` (a line of a JSONL/CSV file) or `record 3` (1-based, in a JSON array). */
export type Where = number | `record ${number}`;

/** A record that does not fit: the field it concerns and what was expected there. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly expectation: string,
  ) {
    super(`${field}: ${expectation}`);
  }
}

/** The DATASET_PARSE error of a record: `<file>:<where>: <reason>`. */
export function parseError(file: string, where: Where, reason: string): RicegradeError {
  return new RicegradeError('DATASET_PARSE', `${file}:${where}: ${reason}`);
}

export function noItems(file: string): RicegradeError {
  return new RicegradeError('DATASET_PARSE', `${file}: holds no items`);
}

export async function ensureExists(path: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new RicegradeError('DATASET_NOT_FOUND', `${path}: dataset file not found`);
  }
}

/** A record as an object, or a FieldError naming `record`. */
export function asObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new FieldError('record', `expected a JSON object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

export function text(r: Record<string, unknown>, field: string, path = field): string {
  const v = r[field];
  if (typeof v !== 'string' || v.trim() === '') throw new FieldError(path, `expected a non-empty string, got ${describe(v)}`);
  return v;
}

export function integer(r: Record<string, unknown>, field: string, path = field): number {
  const v = r[field];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new FieldError(path, `expected an integer, got ${describe(v)}`);
  return v;
}

export function oneOf<T extends string>(r: Record<string, unknown>, field: string, allowed: readonly T[]): T {
  const v = r[field];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new FieldError(field, `expected one of ${allowed.join(', ')}, got ${describe(v)}`);
  }
  return v as T;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value);
  return shown.length > 40 ? `${shown.slice(0, 37)}…` : shown;
}

/** Short stable hash used in ids (first 12 hex digits of sha256). */
export function shortHash(value: string): string {
  return sha256(value).slice(0, 12);
}

/**
 * Runs the item through ricegrade's own item validation, so a benchmark item is always one
 * `readItems` would accept. A failure here is a bug of a reader or a very odd record.
 */
export function checkedItem(item: Item): Item {
  const draft = parseItem(item);
  if (typeof draft === 'string') throw new FieldError('item', draft);
  return item;
}

/**
 * Turns each raw record into an item with `convert`, wrapping FieldErrors into DATASET_PARSE
 * errors that name the file and position; throws "holds no items" when nothing was read.
 */
export async function* convertAll<R, T = Item>(
  path: string,
  records: AsyncIterable<{ where: Where; record: R } | { where: Where; error: string }>,
  convert: (record: R, where: Where) => T,
): AsyncGenerator<T> {
  const file = basename(path);
  let count = 0;
  for await (const entry of records) {
    if ('error' in entry) throw parseError(file, entry.where, entry.error);
    let item: T;
    try {
      item = convert(entry.record, entry.where);
    } catch (err) {
      if (err instanceof FieldError) throw parseError(file, entry.where, err.message);
      throw err;
    }
    count++;
    yield item;
  }
  if (count === 0) throw noItems(file);
}

/** JSONL records with 1-based line numbers (blank lines skipped), streamed. */
export async function* jsonlRecords(path: string): AsyncGenerator<{ where: Where; record: unknown } | { where: Where; error: string }> {
  await ensureExists(path);
  for await (const entry of readJsonl(path)) {
    yield 'error' in entry ? { where: entry.line, error: entry.error } : { where: entry.line, record: entry.record };
  }
}

/**
 * The records of a file holding one JSON array (read whole: JSON arrays are not line-based).
 * Positions are `record N`, 1-based.
 */
export async function* jsonArrayRecords(path: string): AsyncGenerator<{ where: Where; record: unknown }> {
  await ensureExists(path);
  const file = basename(path);
  const content = await readFile(path, 'utf8');
  if (content.replace(/^\uFEFF/, '').trim() === '') throw noItems(file);
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new RicegradeError('DATASET_PARSE', `${file}: invalid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(data)) throw new RicegradeError('DATASET_PARSE', `${file}: expected a JSON array of records, got ${describe(data)}`);
  for (let i = 0; i < data.length; i++) yield { where: `record ${i + 1}`, record: data[i] as unknown };
}

/**
 * Rows of a CSV file with a header row, streamed, keyed by the (trimmed) header names, with the
 * line each row STARTS on (rows may span lines inside quotes). A UTF-8 BOM is dropped. The
 * header must hold every `required` column.
 */
export async function* csvRows(
  path: string,
  required: readonly string[],
): AsyncGenerator<{ where: Where; record: Record<string, string> } | { where: Where; error: string }> {
  await ensureExists(path);
  const parser = createReadStream(path).pipe(parse({ bom: true, columns: false, skip_empty_lines: true, raw: true, relax_column_count: false }));
  let header: string[] | undefined;
  let consumed = 0; // line breaks read so far
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const leading = /^[\r\n]*/.exec(raw)![0].split('\n').length - 1; // skipped empty lines
      const line = consumed + 1 + leading;
      consumed += raw.split('\n').length - 1;
      if (header === undefined) {
        header = record.map((h) => h.trim());
        const missing = required.filter((c) => !header!.includes(c));
        if (missing.length > 0) {
          yield { where: line, error: `header: expected the column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}` };
          return;
        }
        continue;
      }
      const row: Record<string, string> = {};
      header.forEach((name, i) => (row[name] = record[i] ?? ''));
      yield { where: line, record: row };
    }
  } catch (err) {
    const e = err as { lines?: number; message: string };
    yield { where: e.lines ?? consumed + 1, error: `CSV: ${e.message}` };
  }
}
