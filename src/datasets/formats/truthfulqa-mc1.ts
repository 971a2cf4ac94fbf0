import type { Item } from '../../types.js';
import { asObject, checkedItem, convertAll, describe, FieldError, jsonArrayRecords, shortHash, text } from './common.js';

/**
 * TruthfulQA `mc_task.json`: an array of `{question, mc1_targets: {answer: 0|1}, mc2_targets}`.
 * choices = keys of mc1_targets in file order; expected = index (number) of the one marked 1
 * (exactly one must be); id `truthfulqa-mc1-<hash of question>`. Suggested scorer: choice.
 */
export function readTruthfulQaMc1(path: string): AsyncGenerator<Item> {
  const seen = new Set<string>();
  return convertAll(path, jsonArrayRecords(path), (raw) => {
    const r = asObject(raw);
    const question = text(r, 'question');
    const targets = r.mc1_targets;
    if (targets === null || typeof targets !== 'object' || Array.isArray(targets)) {
      throw new FieldError('mc1_targets', `expected an object of answer → 0|1, got ${describe(targets)}`);
    }
    const entries = Object.entries(targets as Record<string, unknown>);
    if (entries.length < 2) throw new FieldError('mc1_targets', `expected at least two answers, got ${entries.length}`);
    const choices: string[] = [];
    let expected = -1;
    for (const [i, [answer, mark]] of entries.entries()) {
      if (answer.trim() === '') throw new FieldError('mc1_targets', 'expected non-empty answer texts');
      if (mark !== 0 && mark !== 1) throw new FieldError(`mc1_targets[${JSON.stringify(answer.slice(0, 30))}]`, `expected 0 or 1, got ${describe(mark)}`);
      if (mark === 1) {
        if (expected >= 0) throw new FieldError('mc1_targets', 'expected exactly one answer marked 1, got several');
        expected = i;
      }
      choices.push(answer);
    }
    if (expected < 0) throw new FieldError('mc1_targets', 'expected exactly one answer marked 1, got none');
    const base = `truthfulqa-mc1-${shortHash(question.trim())}`;
    let id = base;
    for (let n = 2; seen.has(id); n++) id = `${base}~${n}`;
    seen.add(id);
    return checkedItem({ id, input: question, choices, expected, category: 'truthfulqa-mc1' });
  });
}
