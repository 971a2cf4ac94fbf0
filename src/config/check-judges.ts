import { RicegradeError } from '../errors.js';
import { closest } from '../util/closest.js';
import { formatPath } from './format-issue.js';
import type { RawConfig } from './schema.js';

/**
 * The wiring of LLM-as-judge suites: each `judge_model` and pairwise `baseline` names a model of the
 * config, a `role: judge` model judges some suite, and something is left to evaluate. The judge's other
 * options are checked with the scorer's schema when the suites are prepared.
 */
export function checkJudges(raw: RawConfig, at: (path: readonly PropertyKey[]) => string): void {
  const fail = (path: readonly PropertyKey[], message: string): never => {
    throw new RicegradeError('CONFIG_INVALID', `${at(path)}: ${formatPath(path)}: ${message}`);
  };
  const names = raw.models.map((m) => m.name);
  const role = new Map(raw.models.map((m) => [m.name, m.role ?? 'candidate']));
  const known = (path: readonly PropertyKey[], value: unknown): string => {
    if (typeof value !== 'string') return fail(path, 'expected the name of a model in models:');
    if (!role.has(value)) {
      const hint = closest(value, names);
      fail(path, `no model named "${value}" in models:${hint ? ` (did you mean "${hint}"?)` : ''}`);
    }
    return value;
  };

  const judges = new Set<string>();
  raw.suites.forEach((s, i) => {
    if (typeof s.scorer !== 'object' || s.scorer.name !== 'judge') return;
    const scorer = s.scorer as Record<string, unknown>;
    if (scorer.judge_model === undefined) fail(['suites', i, 'scorer'], 'judge needs judge_model: the name of the model that judges');
    const judge = known(['suites', i, 'scorer', 'judge_model'], scorer.judge_model);
    judges.add(judge);
    if (scorer.baseline !== undefined && scorer.baseline !== 'expected') {
      const baseline = known(['suites', i, 'scorer', 'baseline'], scorer.baseline);
      if (role.get(baseline) === 'judge') fail(['suites', i, 'scorer', 'baseline'], `"${baseline}" has role: judge, so it gives no answers to compare with`);
      if (baseline === judge) fail(['suites', i, 'scorer', 'baseline'], 'the baseline cannot be the judge itself');
    }
  });
  raw.models.forEach((m, i) => {
    if (m.role === 'judge' && !judges.has(m.name)) fail(['models', i, 'role'], `"${m.name}" has role: judge, but no suite names it as judge_model`);
  });
  if (raw.models.every((m) => m.role === 'judge')) fail(['models'], 'every model has role: judge; at least one model must be evaluated');
}
