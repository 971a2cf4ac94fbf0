import type { Clause } from './standard-schema.js';
import type { Measurement } from './measure.js';

export type Verdict = 'pass' | 'fail' | 'inconclusive';

export interface ClauseResult {
  id: string;
  metric: Clause['metric'];
  suite: string | null;
  category: string | null;
  verdict: Verdict;
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  confidence: number | null;
  /** Which number met the threshold: the interval's bound the clause asks for, or the point estimate. */
  compared: 'ci_low' | 'ci_high' | 'value';
  threshold: number;
  op: '>=' | '<=';
  n: number;
  min_n: number | null;
  reason: string | null;
}

/**
 * A clause's verdict from its measurement: with `confidence`, ">=" must hold for the interval's lower
 * bound and "<=" for its upper bound, so noise cannot pass a model; fewer than `min_n` items, or no
 * measurement at all, is "inconclusive" — never "pass".
 */
export function judgeClause(clause: Clause, m: Measurement): ClauseResult {
  const compared: ClauseResult['compared'] = clause.confidence === undefined ? 'value' : clause.op === '>=' ? 'ci_low' : 'ci_high';
  const base = {
    id: clause.id,
    metric: clause.metric,
    suite: clause.suite ?? null,
    category: clause.category ?? null,
    value: m.value,
    ci_low: m.ci_low,
    ci_high: m.ci_high,
    confidence: clause.confidence ?? null,
    compared,
    threshold: clause.value,
    op: clause.op,
    n: m.n,
    min_n: clause.min_n ?? null,
  };
  return { ...base, ...decide(base, m.reason) };
}

/** The verdict implied by a clause result's own numbers (also used to verify a stored record). */
export function decide(r: Omit<ClauseResult, 'verdict' | 'reason'>, reason?: string): { verdict: Verdict; reason: string | null } {
  if (r.value === null) return { verdict: 'inconclusive', reason: reason ?? 'not measured' };
  if (r.min_n !== null && r.n < r.min_n) return { verdict: 'inconclusive', reason: `only ${r.n} items, the clause needs ${r.min_n}` };
  const bound = r[r.compared];
  if (bound === null) return { verdict: 'inconclusive', reason: 'no interval could be computed' };
  const ok = r.op === '>=' ? bound >= r.threshold : bound <= r.threshold;
  return ok ? { verdict: 'pass', reason: null } : { verdict: 'fail', reason: `${r.compared} ${bound} is not ${r.op} ${r.threshold}` };
}

/** A model fails if any clause fails; otherwise it is inconclusive if any clause is; otherwise it passes. */
export function overall(results: ClauseResult[]): Verdict {
  if (results.some((r) => r.verdict === 'fail')) return 'fail';
  if (results.some((r) => r.verdict === 'inconclusive')) return 'inconclusive';
  return 'pass';
}
