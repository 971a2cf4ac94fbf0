/** Test support of the benchmark readers (used by the *.test.ts files of this folder only). */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RicegradeError } from '../../errors.js';

/** `/work/shared/data/datasets/`: real public slices beside the project, absent in a fresh clone. */
export const DATASETS = fileURLToPath(new URL('../../../../shared/data/datasets/', import.meta.url));

/** The `skip` option of a test that reads DATASETS. */
export const needsDatasets: false | string = existsSync(DATASETS) ? false : 'needs ../shared/data (absent in a fresh clone)';

export function dataset(...parts: string[]): string {
  return join(DATASETS, ...parts);
}

/** A fresh temporary file holding `content`. */
export function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rg-bench-')), name);
  writeFileSync(path, content);
  return path;
}

export async function collect<T>(gen: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

/** The DATASET_PARSE error reading `gen` throws; its message must be one line. */
export async function parseFailure(gen: AsyncIterable<unknown>): Promise<string> {
  try {
    await collect(gen);
  } catch (err) {
    assert.ok(RicegradeError.isInstance(err), `not a RicegradeError: ${String(err)}`);
    assert.equal(err.code, 'DATASET_PARSE', err.message);
    assert.ok(!err.message.includes('\n'), `not one line: ${err.message}`);
    return err.message;
  }
  assert.fail('expected a DATASET_PARSE error');
}
