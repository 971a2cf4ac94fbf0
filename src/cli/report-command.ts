import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RicegradeError } from '../errors.js';
import { audit } from '../policy/audit.js';
import { loadStandard } from '../policy/load-standard.js';
import { loadEvidence } from '../policy/measure.js';
import { auditMarkdown } from '../report/audit-formats.js';
import { markdownReport } from '../report/markdown-report.js';
import { pageHtml } from '../report/page-assets.js';
import { buildReportData } from '../report/report-data.js';
import { VERSION } from '../version.js';
import { resolveMarketTarget, type MarketInputOptions } from './market-inputs.js';
import { openExistingStore } from './open-store.js';

export interface ReportOptions extends MarketInputOptions {
  out?: string;
  standard?: string;
  format: 'html' | 'md';
  maxItems: string;
}

/** `ricegrade report`: one self-contained HTML file (or Markdown), written atomically. */
export async function reportCommand(opts: ReportOptions): Promise<void> {
  const maxItems = Number(opts.maxItems);
  if (!Number.isInteger(maxItems) || maxItems < 0) throw new RicegradeError('ARGUMENT_INVALID', `--max-items: expected a whole number, got "${opts.maxItems}"`);
  if (opts.format === 'html' && !opts.out) throw new RicegradeError('ARGUMENT_INVALID', '--out: say where to write the HTML report, e.g. --out report.html');
  const store = openExistingStore(opts);
  let text: string;
  try {
    const { runId, sources } = await resolveMarketTarget(store, opts);
    // With a standard, the report carries the audit of every model (and the audit is stored, as `audit` does).
    let entries;
    if (opts.standard) {
      const loaded = loadStandard(opts.standard);
      entries = audit(await loadEvidence(store, runId), loaded, { toolVersion: VERSION });
      await store.saveAudit(runId, loaded.standard.name, loaded.sha256, `${JSON.stringify(entries, null, 2)}\n`);
    }
    const data = await buildReportData(store, runId, { maxItems, sources, toolVersion: VERSION, audit: entries });
    text =
      opts.format === 'md'
        ? markdownReport(data) + (entries ? `\n${auditMarkdown(entries)}` : '')
        : pageHtml(`ricegrade report — run ${runId}`, { mode: 'embedded', data });
  } finally {
    await store.close();
  }
  if (!opts.out) {
    process.stdout.write(text);
    return;
  }
  const out = resolve(opts.out);
  const temp = `${out}.tmp-${process.pid}`;
  writeFileSync(temp, text);
  renameSync(temp, out);
  process.stderr.write(`wrote ${opts.out} (${(Buffer.byteLength(text) / 1024 / 1024).toFixed(2)} MB)\n`);
}
