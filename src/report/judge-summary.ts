import type { JudgeAgreement } from '../analysis/judge-agreement.js';
import type { JudgeTally } from '../store/store.js';
import { formatUsd } from './results-table.js';

/** One line per judged suite: who judged, how many calls (sent / from the cache), their cost and the judge errors. */
export function judgeSummary(tallies: JudgeTally[]): string {
  return tallies
    .map((t) => {
      const errors = t.errors === 0 ? 'no judge errors' : `${t.errors} judge error${t.errors === 1 ? '' : 's'} (no readable verdict: counted, not scored)`;
      return `judged ${t.suite} with ${t.judge}: ${t.calls} calls (${t.fresh} sent, ${t.calls - t.fresh} from the cache), ${formatUsd(t.costUsd)}, ${errors}`;
    })
    .join('\n');
}

const percent = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const fixed = (x: number | null) => (x === null ? '–' : x.toFixed(2));

/** One line per model and judged suite with human labels: how often the judge agreed with the humans. */
export function agreementSummary(list: readonly JudgeAgreement[]): string {
  return list
    .map((a) => {
      const rated = a.within_one !== null;
      const detail = rated ? `exact ${percent(a.agreement)}, within one point ${percent(a.within_one)}, Spearman ρ ${fixed(a.spearman)}` : `agreement ${percent(a.agreement)}, Cohen's κ ${fixed(a.kappa)}`;
      return `judge–human agreement on ${a.suite} for ${a.model} (${a.n} labelled answers): ${detail}`;
    })
    .join('\n');
}
