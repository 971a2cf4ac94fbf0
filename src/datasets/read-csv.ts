import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

/**
 * Records of a CSV file with a header row (`input`, and optionally `id`, `expected`, `category`).
 * Empty cells are left out. Line numbers are those of the record's first line in the file.
 */
export async function* readCsv(path: string): AsyncGenerator<{ line: number; record: unknown } | { line: number; error: string }> {
  const parser = createReadStream(path).pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, info: true, relax_column_count: false, trim: false }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const cleaned: Record<string, string> = {};
      for (const [key, value] of Object.entries(record)) if (value !== '') cleaned[key.trim()] = value;
      yield { line: info.lines, record: cleaned };
    }
  } catch (err) {
    const e = err as { lines?: number; message: string };
    yield { line: e.lines ?? 0, error: `CSV: ${e.message}` };
  }
}
