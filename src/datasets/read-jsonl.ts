import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** Records of a JSONL file, one per non-blank line, with their 1-based line numbers. */
export async function* readJsonl(path: string): AsyncGenerator<{ line: number; record: unknown } | { line: number; error: string }> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, record: JSON.parse(text) as unknown };
    } catch (err) {
      yield { line, error: `invalid JSON: ${(err as Error).message}` };
    }
  }
}
