/** Helpers shared by the import readers: opening files, JSON arrays, "where" labels and MC rendering. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { RicegradeError } from '../errors.js';
import type { SkippedRecord } from './types.js';

/** Throws DATASET_NOT_FOUND unless `path` is a readable regular file. */
export async function ensureFile(path: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch {
    throw new RicegradeError('DATASET_NOT_FOUND', `${path}: file not found`);
  }
  if (!isFile) throw new RicegradeError('DATASET_NOT_FOUND', `${path}: not a file`);
}

/**
 * The entries of a file holding one JSON array (read whole: such files are at most tens of MB).
 * Python's `json.dump` writes NaN/Infinity as bare tokens, which JSON.parse rejects; they are read as null.
 * Throws DATASET_PARSE naming the file when it is not JSON or not an array; `expected` says what the
 * first record should have been, so the message reads like the other wrong-format errors.
 */
export async function readJsonArray(path: string, expected: string): Promise<unknown[]> {
  await ensureFile(path);
  const name = basename(path);
  let text = await readFile(path, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const repaired = replaceNonFiniteTokens(text);
    try {
      if (repaired === text) throw err;
      value = JSON.parse(repaired);
    } catch {
      throw new RicegradeError('DATASET_PARSE', `${name}: invalid JSON (${(err as Error).message}); expected a JSON array of ${expected}s`);
    }
  }
  if (!Array.isArray(value)) {
    const got = value === null ? 'null' : typeof value === 'object' ? 'a JSON object' : `a JSON ${typeof value}`;
    throw new RicegradeError('DATASET_PARSE', `${name}: record 1: expected a JSON array of ${expected}s, got ${got}`);
  }
  if (value.length === 0) throw new RicegradeError('DATASET_PARSE', `${name}: the array is empty; expected ${expected}s`);
  return value;
}

/** `NaN`, `Infinity` and `-Infinity` outside strings replaced by `null`; the text unchanged when there are none. */
export function replaceNonFiniteTokens(text: string): string {
  if (!/NaN|Infinity/.test(text)) return text;
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    for (const token of ['-Infinity', 'Infinity', 'NaN']) {
      if (text.startsWith(token, i)) {
        out += `${text.slice(from, i)}null`;
        i += token.length - 1;
        from = i + 1;
        break;
      }
    }
  }
  return out + text.slice(from);
}

/** `file.json: record 17` for the 0-based index of a JSON array entry. */
export function recordWhere(name: string, index: number): string {
  return `${name}: record ${index + 1}`;
}

/** `file.jsonl:17` for a JSONL line. */
export function lineWhere(name: string, line: number): string {
  return `${name}:${line}`;
}

export function skip(where: string, reason: string): SkippedRecord {
  return { skipped: true, where, reason };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A short description of a value for error messages: its type, or the value when it is short. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value);
  return shown.length <= 40 ? shown : `a ${typeof value}`;
}

/** The letter of option `index`: A…Z, then the 1-based number for longer lists. */
export function optionLetter(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : String(index + 1);
}

/** A question followed by its lettered options, one per line ("A. …\nB. …"). */
export function withLetteredOptions(question: string, options: readonly string[]): string {
  if (options.length === 0) return question;
  const lines = options.map((option, i) => `${optionLetter(i)}. ${option}`);
  return `${question}\n${lines.join('\n')}`;
}

/** Remembers item keys already imported, to skip repeats with a reason naming the first occurrence. */
export class SeenKeys {
  private readonly first = new Map<string, string>();

  /** undefined when `key` is new (and records it), else where it was first seen. */
  check(key: string, where: string): string | undefined {
    const seen = this.first.get(key);
    if (seen !== undefined) return seen;
    this.first.set(key, where);
    return undefined;
  }
}

/** A number in [0, 1], snapping values within 1e-9 of the bounds; undefined when it is outside. */
export function unitInterval(value: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (value >= 0 && value <= 1) return value;
  if (value > -1e-9 && value < 0) return 0;
  if (value > 1 && value < 1 + 1e-9) return 1;
  return undefined;
}
