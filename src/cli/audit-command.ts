import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RicegradeError } from '../errors.js';
import { audit, verifyAudit } from '../policy/audit.js';
import { loadStandard } from '../policy/load-standard.js';
import { loadEvidence } from '../policy/measure.js';
import { auditJunit, auditMarkdown, auditTable } from '../report/audit-formats.js';
import { VERSION } from '../version.js';
import { openExistingStore } from './open-store.js';
import { resolveRunId } from './results-command.js';

export interface AuditOptions {
  config?: string;
  db?: string;
  run?: string;
  standard?: string;
  model?: string[];
  format: 'table' | 'json' | 'junit' | 'md';
  out?: string;
  suggest?: boolean;
  verify?: string;
}

function write(text: string, out: string | undefined): void {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  const path = resolve(out);
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

/** `ricegrade audit`: pass/fail/inconclusive per model and clause, stored with a digest; exit 0 only if all pass. */
export async function auditCommand(opts: AuditOptions): Promise<void> {
  if (opts.verify) return verifyCommand(opts.verify, opts);
  if (!opts.standard) throw new RicegradeError('ARGUMENT_INVALID', '--standard: say which standard to audit against (a YAML file or a template: general-assistant, regulated-domain, cost-capped-batch)');
  const loaded = loadStandard(opts.standard);
  const store = openExistingStore(opts);
  try {
    const runId = await resolveRunId(store, opts.run);
    const evidence = await loadEvidence(store, runId);
    const entries = audit(evidence, loaded, { models: opts.model, suggest: opts.suggest, toolVersion: VERSION });
    const record = `${JSON.stringify(entries, null, 2)}\n`;
    const id = await store.saveAudit(runId, loaded.standard.name, loaded.sha256, record);
    const text = opts.format === 'json' ? record : opts.format === 'junit' ? auditJunit(entries) : opts.format === 'md' ? auditMarkdown(entries) : `${auditTable(entries)}\n`;
    write(text, opts.out);
    const failing = entries.filter((e) => e.verdict !== 'pass');
    process.stderr.write(
      `audit ${id} of run ${runId} against "${loaded.standard.name}": ${entries.length - failing.length} of ${entries.length} models pass${failing.length ? ` (${failing.map((e) => `${e.model}: ${e.verdict}`).join(', ')})` : ''}\n`,
    );
    process.exitCode = failing.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

async function verifyCommand(file: string, opts: AuditOptions): Promise<void> {
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RicegradeError('ARGUMENT_INVALID', `--verify ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `not JSON (${(err as Error).message})`}`);
  }
  // With a store at hand, the recorded values are also checked against the evidence it still holds.
  let evidence;
  if (opts.config || opts.db) {
    const store = openExistingStore(opts);
    try {
      const run = Array.isArray(entries) ? (entries[0] as { evidence?: { run?: number } })?.evidence?.run : undefined;
      if (typeof run === 'number' && (await store.getRun(run))) evidence = await loadEvidence(store, run);
    } finally {
      await store.close();
    }
  }
  const problems = verifyAudit(entries, evidence);
  if (problems.length === 0) {
    process.stdout.write(`${file}: intact — digests match, verdicts follow from the measurements${evidence ? ', and the store still gives the same values' : ''}\n`);
    return;
  }
  for (const p of problems) process.stdout.write(`${file}: ${p}\n`);
  process.exitCode = 1;
}
