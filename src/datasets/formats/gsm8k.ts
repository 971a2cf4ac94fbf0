import type { Item } from '../../types.js';
import { asObject, checkedItem, convertAll, FieldError, jsonlRecords, text } from './common.js';

/**
 * GSM8K (openai/grade-school-math) JSONL: `{question, answer}`, the final answer after `####`.
 * expected = that number with thousands separators removed ("1,234" → "1234"); id `gsm8k-<line>`.
 * Suggested scorer: numeric.
 */
export function readGsm8k(path: string): AsyncGenerator<Item> {
  return convertAll(path, jsonlRecords(path), (raw, where) => {
    const r = asObject(raw);
    const question = text(r, 'question');
    const answer = text(r, 'answer');
    return checkedItem({ id: `gsm8k-${where}`, input: question, expected: gsm8kFinalAnswer(answer), category: 'gsm8k' });
  });
}

/** The number after the last `####` of a GSM8K solution, commas removed; FieldError if there is none. */
export function gsm8kFinalAnswer(answer: string): string {
  const at = answer.lastIndexOf('####');
  if (at < 0) throw new FieldError('answer', 'expected a final answer after "####"');
  const final = answer.slice(at + 4).trim().replace(/,(?=\d{3}(?!\d))/g, '');
  if (!/^[-+]?(\d+(\.\d+)?|\.\d+)$/.test(final)) {
    throw new FieldError('answer', `expected a number after "####", got ${JSON.stringify(final.slice(0, 40))}`);
  }
  return final.replace(/^\+/, '');
}
