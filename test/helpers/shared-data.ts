import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isSkipped, type ImportEntry, type ImportedRecord, type SkippedRecord } from '../../src/importers/types.js';

/** `../shared/data` beside the project root: real public data slices, present in CI, absent in a fresh clone. */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** The `skip` option for tests that need `../shared/data`. */
export const needsSharedData: false | string = existsSync(SHARED_DATA) ? false : 'needs ../shared/data (absent in a fresh clone)';

/** Every entry of an importer, split into records and skipped ones. */
export async function collectImport(gen: AsyncGenerator<ImportEntry>): Promise<{ records: ImportedRecord[]; skipped: SkippedRecord[] }> {
  const records: ImportedRecord[] = [];
  const skipped: SkippedRecord[] = [];
  for await (const entry of gen) {
    if (isSkipped(entry)) skipped.push(entry);
    else records.push(entry);
  }
  return { records, skipped };
}
