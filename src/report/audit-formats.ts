import Table from 'cli-table3';
import type { AuditEntry } from '../policy/audit.js';

const show = (x: number | null) => (x === null ? '—' : Math.abs(x) >= 100 ? x.toFixed(0) : Number(x.toPrecision(4)).toString());
const interval = (c: AuditEntry['clauses'][number]) => (c.ci_low === null ? '' : ` [${show(c.ci_low)}, ${show(c.ci_high)}]`);

/** The audit as a terminal table: one row per model × clause. */
export function auditTable(entries: AuditEntry[]): string {
  const table = new Table({ head: ['model', 'verdict', 'clause', 'measured [CI]', 'rule', 'n', 'why'], style: { head: [], border: [], compact: true } });
  for (const e of entries) {
    e.clauses.forEach((c, i) => {
      table.push([
        i === 0 ? e.model : '',
        i === 0 ? e.verdict.toUpperCase() : '',
        `${c.id}: ${c.verdict}`,
        `${show(c.value)}${interval(c)}`,
        `${c.compared} ${c.op} ${c.threshold}`,
        `${c.n}${c.min_n ? `/${c.min_n}` : ''}`,
        c.reason ?? '',
      ]);
    });
  }
  const lines = [table.toString()];
  for (const e of entries) {
    if (e.suggestions) lines.push(`${e.model} does not pass; cheapest models that do: ${e.suggestions.map((s) => `${s.model} (${s.blended_price === null ? 'no price' : `$${s.blended_price}/1M`})`).join(', ') || 'none in this run'}`);
  }
  return lines.join('\n');
}

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** JUnit XML for CI systems: one test case per model × clause; fail and inconclusive are failures. */
export function auditJunit(entries: AuditEntry[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = entries.reduce((s, e) => s + e.clauses.filter((c) => c.verdict !== 'pass').length, 0);
  const tests = entries.reduce((s, e) => s + e.clauses.length, 0);
  out.push(`<testsuites name="ricegrade audit" tests="${tests}" failures="${failures}">`);
  for (const e of entries) {
    const failed = e.clauses.filter((c) => c.verdict !== 'pass').length;
    out.push(`  <testsuite name="${xml(`${e.standard}: ${e.model}`)}" tests="${e.clauses.length}" failures="${failed}">`);
    for (const c of e.clauses) {
      const name = xml(c.id);
      const detail = `${c.metric} = ${show(c.value)}${interval(c)}, needs ${c.compared} ${c.op} ${c.threshold}, n = ${c.n}`;
      if (c.verdict === 'pass') out.push(`    <testcase classname="${xml(e.model)}" name="${name}"/>`);
      else out.push(`    <testcase classname="${xml(e.model)}" name="${name}"><failure type="${c.verdict}" message="${xml(c.reason ?? c.verdict)}">${xml(detail)}</failure></testcase>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

/** The audit as Markdown: a matrix of models × clauses. */
export function auditMarkdown(entries: AuditEntry[]): string {
  if (entries.length === 0) return 'No models audited.\n';
  const ids = entries[0]!.clauses.map((c) => c.id);
  const mark = { pass: '✅ pass', fail: '❌ fail', inconclusive: '⚠️ inconclusive' } as const;
  const lines = [`## Audit: ${entries[0]!.standard} (run ${entries[0]!.evidence.run})`, '', `| model | verdict | ${ids.join(' | ')} |`, `| --- | --- |${ids.map(() => ' --- |').join('')}`];
  for (const e of entries) {
    lines.push(`| ${e.model} | ${mark[e.verdict]} | ${e.clauses.map((c) => `${mark[c.verdict]} ${show(c.value)}${interval(c)}`).join(' | ')} |`);
  }
  lines.push('', 'With a confidence level, a ">=" clause is met by the lower bound of the interval and a "<=" clause by its upper bound.');
  return `${lines.join('\n')}\n`;
}
