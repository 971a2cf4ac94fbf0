import type { Item } from '../../types.js';
import { asObject, checkedItem, convertAll, describe, FieldError, integer, jsonArrayRecords, text } from './common.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * MMLU-Pro question JSON (TIGER-AI-Lab/MMLU-Pro test or validation split as a JSON array):
 * `{question_id, question, options[], answer (letter), answer_index, category, src}`.
 * choices = options (2 to 10, non-empty); expected = the answer letter, which must agree with
 * answer_index; id `mmlu-pro-<question_id>` (repeats are errors). Suggested scorer: choice.
 */
export function readMmluPro(path: string): AsyncGenerator<Item> {
  const seen = new Map<number, string>();
  return convertAll(path, jsonArrayRecords(path), (raw, where) => {
    const r = asObject(raw);
    const questionId = integer(r, 'question_id');
    const first = seen.get(questionId);
    if (first !== undefined) throw new FieldError('question_id', `expected a unique id, ${questionId} repeats ${first}`);
    seen.set(questionId, String(where));
    const question = text(r, 'question');
    const options = r.options;
    if (!Array.isArray(options) || options.length < 2 || options.length > 10) {
      throw new FieldError('options', `expected a list of 2 to 10 options, got ${Array.isArray(options) ? `${options.length}` : describe(options)}`);
    }
    options.forEach((o, i) => {
      if (typeof o !== 'string' || o.trim() === '') throw new FieldError(`options[${i}]`, `expected a non-empty string, got ${describe(o)}`);
    });
    const answer = text(r, 'answer').trim().toUpperCase();
    const letterIndex = LETTERS.indexOf(answer);
    if (answer.length !== 1 || letterIndex < 0 || letterIndex >= options.length) {
      throw new FieldError('answer', `expected a letter A–${LETTERS[options.length - 1]}, got ${describe(r.answer)}`);
    }
    const answerIndex = integer(r, 'answer_index');
    if (answerIndex !== letterIndex) throw new FieldError('answer_index', `expected ${letterIndex} (the index of answer ${answer}), got ${answerIndex}`);
    const category = text(r, 'category');
    return checkedItem({ id: `mmlu-pro-${questionId}`, input: question, choices: options as string[], expected: answer, category });
  });
}
