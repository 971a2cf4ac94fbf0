import type { Item } from '../../types.js';
import { checkedItem, convertAll, csvRows, FieldError, shortHash } from './common.js';

const COLUMNS = ['Category', 'Question', 'Best Answer', 'Correct Answers'] as const;

/**
 * TruthfulQA.csv (sylinrl/TruthfulQA; header has a UTF-8 BOM): one generation item per row.
 * input = Question; expected = [Best Answer, ...Correct Answers split on ';'] (trimmed, empties
 * and exact repeats dropped, Best Answer first); category = Category; id `truthfulqa-<hash>` from
 * the question (`~2`, `~3` for a repeated question). Suggested scorer: includes.
 */
export function readTruthfulQa(path: string): AsyncGenerator<Item> {
  const seen = new Set<string>();
  return convertAll(path, csvRows(path, COLUMNS), (row) => {
    const question = cell(row, 'Question');
    const best = cell(row, 'Best Answer');
    const category = cell(row, 'Category');
    const correct = (row['Correct Answers'] ?? '').split(';').map((a) => a.trim()).filter((a) => a !== '');
    const expected = [...new Set([best.trim(), ...correct])];
    const base = truthfulQaId(question);
    let id = base;
    for (let n = 2; seen.has(id); n++) id = `${base}~${n}`;
    seen.add(id);
    return checkedItem({ id, input: question, expected, category });
  });
}

/** The id of a TruthfulQA question: `truthfulqa-` + 12 hex digits of sha256 of the trimmed question. */
export function truthfulQaId(question: string): string {
  return `truthfulqa-${shortHash(question.trim())}`;
}

function cell(row: Record<string, string>, column: string): string {
  const v = row[column];
  if (v === undefined || v.trim() === '') throw new FieldError(column, 'expected a non-empty cell');
  return v;
}
