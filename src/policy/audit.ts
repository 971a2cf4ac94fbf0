import { blendedPrice } from '../analysis/market.js';
import { RicegradeError } from '../errors.js';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256 } from '../util/hash.js';
import type { LoadedStandard } from './load-standard.js';
import { checkClause, measure, type Evidence } from './measure.js';
import { decide, judgeClause, overall, type ClauseResult, type Verdict } from './verdict.js';

export interface AuditedClause extends ClauseResult {
  /** Content hashes of the suites the clause was measured on. */
  suite_hashes: string[];
  /** sha256 of the sorted `suite/item` ids the value was computed from. */
  items_sha256: string;
}

/** One model held to one standard: the record `audit --format json` writes, sealed by its digest. */
export interface AuditEntry {
  model: string;
  standard: string;
  verdict: Verdict;
  clauses: AuditedClause[];
  evidence: {
    run: number;
    config_hash: string;
    standard_sha256: string;
    model_id: { provider: string; model: string; base_url: string };
    suites: Array<{ name: string; hash: string }>;
  };
  created_at: string;
  tool_version: string;
  /** For a model that does not pass, with --suggest: the cheapest models of the run that do. */
  suggestions?: Array<{ model: string; blended_price: number | null }>;
  /** sha256 over everything above (canonical JSON). */
  digest: string;
}

export function digestOf(entry: Omit<AuditEntry, 'digest'> & { digest?: string }): string {
  const { digest: _digest, ...rest } = entry;
  return sha256(canonicalJson(rest));
}

function itemsOf(evidence: Evidence, model: string, clause: { suite: string | null; category: string | null }): string {
  const keys = (evidence.rows.get(model) ?? [])
    .filter((r) => r.errorCode === null && (clause.suite === null || r.suite === clause.suite) && (clause.category === null || r.category === clause.category))
    .map((r) => `${r.suite}/${r.itemId}`)
    .sort();
  return sha256(keys.join('\n'));
}

/**
 * Hold every chosen model of a run to a standard. Clauses are checked first (unknown suite, category or an
 * unmeasured metric is bad input naming the clause); then each clause gets its measurement and verdict.
 */
export function audit(evidence: Evidence, loaded: LoadedStandard, options: { models?: string[]; suggest?: boolean; toolVersion: string; now?: Date }): AuditEntry[] {
  const { standard } = loaded;
  standard.clauses.forEach((c, i) => checkClause(evidence, c, loaded.clauseAt(i)));
  const names = evidence.models.map((m) => m.name);
  for (const m of options.models ?? []) {
    if (!names.includes(m)) throw new RicegradeError('ARGUMENT_INVALID', `--model: no model "${m}" in run ${evidence.runId} (models: ${names.join(', ')})`);
  }
  const created = (options.now ?? new Date()).toISOString();
  const all = evidence.models.map((m) => {
    const clauses: AuditedClause[] = standard.clauses.map((clause) => {
      const result = judgeClause(clause, measure(evidence, clause, m.name));
      return {
        ...result,
        suite_hashes: evidence.suites.filter((s) => clause.suite === undefined || s.name === clause.suite).map((s) => s.suiteHash),
        items_sha256: itemsOf(evidence, m.name, result),
      };
    });
    return { model: m, clauses, verdict: overall(clauses) };
  });
  const passing = all
    .filter((a) => a.verdict === 'pass')
    .map((a) => ({ model: a.model.name, blended_price: a.model.price ? Number(blendedPrice(a.model.price).toFixed(6)) : null }))
    .sort((a, b) => (a.blended_price ?? Infinity) - (b.blended_price ?? Infinity));
  return all
    .filter((a) => !options.models?.length || options.models.includes(a.model.name))
    .map((a) => {
      const entry: Omit<AuditEntry, 'digest'> = {
        model: a.model.name,
        standard: standard.name,
        verdict: a.verdict,
        clauses: a.clauses,
        evidence: {
          run: evidence.runId,
          config_hash: evidence.configHash,
          standard_sha256: loaded.sha256,
          model_id: { provider: a.model.provider, model: a.model.model, base_url: a.model.baseUrl },
          suites: evidence.suites.map((s) => ({ name: s.name, hash: s.suiteHash })),
        },
        created_at: created,
        tool_version: options.toolVersion,
        ...(options.suggest && a.verdict !== 'pass' ? { suggestions: passing.slice(0, 5) } : {}),
      };
      return { ...entry, digest: digestOf(entry) };
    });
}

/**
 * Check a stored audit record: each entry's digest matches its content (nothing was edited), each verdict
 * follows from its own numbers, and — when the run's evidence is at hand — each value is what the store
 * still measures.
 */
export function verifyAudit(entries: unknown, evidence?: Evidence): string[] {
  const problems: string[] = [];
  if (!Array.isArray(entries) || entries.length === 0) return ['not an audit record: expected a JSON array of audit entries'];
  entries.forEach((raw, k) => {
    const e = raw as AuditEntry;
    const label = `entry ${k + 1} (${e?.model ?? '?'})`;
    if (!e || typeof e !== 'object' || !Array.isArray(e.clauses) || typeof e.digest !== 'string') {
      problems.push(`${label}: not an audit entry`);
      return;
    }
    if (digestOf(e) !== e.digest) problems.push(`${label}: digest does not match the content — the record was edited`);
    for (const c of e.clauses) {
      const again = decide(c);
      if (again.verdict !== c.verdict) problems.push(`${label}: clause "${c.id}" says ${c.verdict} but its numbers give ${again.verdict}`);
    }
    const derived = overall(e.clauses);
    if (derived !== e.verdict) problems.push(`${label}: verdict ${e.verdict} but its clauses give ${derived}`);
    if (evidence && evidence.runId === e.evidence?.run) {
      for (const c of e.clauses) {
        const clause = { id: c.id, metric: c.metric, suite: c.suite ?? undefined, category: c.category ?? undefined, op: c.op, value: c.threshold, confidence: c.confidence ?? undefined, min_n: c.min_n ?? undefined };
        const m = measure(evidence, clause, e.model);
        const same = (x: number | null, y: number | null) => (x === null ? y === null : y !== null && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)));
        if (!same(m.value, c.value) || m.n !== c.n) problems.push(`${label}: clause "${c.id}" records ${c.value} (n=${c.n}) but the store now gives ${m.value} (n=${m.n})`);
        if (itemsOf(evidence, e.model, c) !== c.items_sha256) problems.push(`${label}: clause "${c.id}" was measured on other items than the store now holds`);
      }
    }
  });
  return problems;
}
