/**
 * `ifeval`: does the answer follow the item's verifiable instructions (`constraints`, IFEval style;
 * the kinds and what each checks are in ifeval-constraints.ts)?
 *
 * Options: `mode` is `strict` (default: the answer as it is) or `loose` (a constraint passes when
 * any of IFEval's eight variants of the answer passes: without the first line, the last line, both,
 * and with every `*` removed); `level` is `prompt` (default: 1 when every constraint is followed,
 * else 0 — IFEval's prompt-level accuracy) or `instruction` (the fraction followed — the mean of
 * these is not IFEval's instruction-level accuracy, which pools all instructions, unless every item
 * has as many constraints).
 *
 * The detail gives the mode, the count and each constraint's verdict in the item's order, e.g.
 * `strict 2/3: word_count ✓ lowercase ✗ end_phrase ✓` (clipped to one short line). The answer is
 * the verdicts as bits in the same order ("101"), so two models that follow the same constraints
 * give the same answer. An empty answer follows no constraint.
 *
 * An item without constraints, or with constraints that are not valid (items built in code: datasets
 * are checked when read), scores 0 with a detail saying so — the dataset is at fault; it never throws.
 */
import { z } from 'zod';
import type { ScoreFn } from '../types.js';
import { compileConstraints, followed } from './ifeval-constraints.js';
import { score } from './normalize.js';

export const ifevalOptions = z.strictObject({
  mode: z.enum(['strict', 'loose']).optional(),
  level: z.enum(['prompt', 'instruction']).optional(),
});

export type IfevalOptions = z.output<typeof ifevalOptions>;

export function createIfeval(options: IfevalOptions = {}): ScoreFn {
  const mode = options.mode ?? 'strict';
  const level = options.level ?? 'prompt';
  return (item, output) => {
    if (item.constraints === undefined || item.constraints.length === 0) {
      return score(0, 'item has no constraints to check (the dataset is at fault)');
    }
    const constraints = compileConstraints(item.constraints);
    if (typeof constraints === 'string') return score(0, `item constraints${constraints} (the dataset is at fault)`);
    const verdicts = followed(constraints, output, mode);
    const passed = verdicts.filter(Boolean).length;
    const value = level === 'prompt' ? (passed === verdicts.length ? 1 : 0) : passed / verdicts.length;
    const empty = output.trim() === '' ? ' (empty answer)' : '';
    const list = constraints.map((c, i) => `${c.kind} ${verdicts[i] ? '✓' : '✗'}`).join(' ');
    return { ...score(value, `${mode} ${passed}/${verdicts.length}${empty}: ${list}`), answer: verdicts.map((v) => (v ? '1' : '0')).join('') };
  };
}
