import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { RicegradeError } from '../errors.js';
import type { Item } from '../types.js';
import { sha256 } from '../util/hash.js';
import { readBenchmark, type BenchmarkFormat } from './formats/index.js';
import { ItemIds } from './item-ids.js';
import { parseItem } from './parse-item.js';
import { readCsv } from './read-csv.js';
import { readJsonl } from './read-jsonl.js';

export type DatasetFormat = 'jsonl' | 'csv' | BenchmarkFormat;

/** Bumped when parsing changes what items a file yields, so stored suites are re-read. */
const READER_VERSION = 1;

/**
 * Validated items of a dataset file, streamed in file order. The first bad record throws
 * DATASET_PARSE naming `file:line`; callers store items atomically so nothing half-read is kept.
 */
export async function* readItems(path: string, format: DatasetFormat): AsyncGenerator<Item> {
  if (format !== 'jsonl' && format !== 'csv') {
    yield* readBenchmark(format, path);
    return;
  }
  const name = basename(path);
  const records = format === 'csv' ? readCsv(path) : readJsonl(path);
  const ids = new ItemIds();
  for await (const entry of records) {
    if ('error' in entry) throw new RicegradeError('DATASET_PARSE', `${name}:${entry.line}: ${entry.error}`);
    const draft = parseItem(entry.record);
    if (typeof draft === 'string') throw new RicegradeError('DATASET_PARSE', `${name}:${entry.line}: ${draft}`);
    const id = ids.assign(draft, entry.line);
    if (typeof id !== 'string') throw new RicegradeError('DATASET_PARSE', `${name}:${entry.line}: ${id.error}`);
    yield { ...draft, id };
  }
}

/** Content hash of a dataset: the file's bytes, its format and the reader version. */
export async function datasetHash(path: string, format: DatasetFormat): Promise<string> {
  try {
    await access(path);
  } catch {
    throw new RicegradeError('DATASET_NOT_FOUND', `${path}: dataset file not found`);
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return sha256(`${format}\u0000${READER_VERSION}\u0000${hash.digest('hex')}`);
}
