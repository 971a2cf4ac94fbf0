import { REFUSAL_FIELDS, refusalFields, refusalRates } from '../analysis/refusal-rates.js';
import { AGREEMENT_FIELDS, agreementFields, judgeHumanAgreement } from '../analysis/judge-agreement.js';
import { biasReport } from '../analysis/bias-report.js';
import { summarizeRun } from '../analysis/summarize-run.js';
import { agreementSummary, judgeSummary } from '../report/judge-summary.js';
import { RicegradeError } from '../errors.js';
import { resultsCsv } from '../report/results-csv.js';
import { biasTable, resultsTable, safetyTable } from '../report/results-table.js';
import type { Store } from '../store/store.js';
import { openExistingStore } from './open-store.js';

export async function resolveRunId(store: Store, run: string | undefined): Promise<number> {
  if (run === undefined) {
    const latest = await store.latestRun();
    if (!latest) throw new RicegradeError('RUN_NOT_FOUND', 'the store holds no runs yet; run `ricegrade run -c CONFIG` first');
    return latest.id;
  }
  const id = Number(run);
  if (!Number.isInteger(id) || id <= 0) throw new RicegradeError('ARGUMENT_INVALID', `--run: expected a run id (a positive integer), got "${run}"`);
  if (!(await store.getRun(id))) throw new RicegradeError('RUN_NOT_FOUND', `--run: no run ${id} in the store (see \`ricegrade runs\`)`);
  return id;
}

export async function resultsCommand(opts: { config?: string; db?: string; run?: string; format: 'table' | 'json' | 'csv'; by?: 'category' }): Promise<void> {
  const store = openExistingStore(opts);
  try {
    const runId = await resolveRunId(store, opts.run);
    const byCategory = opts.by === 'category';
    const rows = await summarizeRun(store, runId, { byCategory });
    // Suites scored by `refusal` add refusal_rate / over_refusal_rate: fields of their rows in JSON and
    // CSV (columns after the standard ones), a "Safety" section under the table.
    const rates = (await refusalRates(store, runId)).filter((r) => (r.category !== undefined) === byCategory);
    const fieldsOf = refusalFields(rates);
    // Judged suites whose items carry human labels add the judge–human agreement to their (overall) rows.
    const agreement = byCategory ? [] : await judgeHumanAgreement(store, runId);
    const agreementOf = agreementFields(agreement);
    // BBQ-style suites add accuracy per context and the bias scores to their (overall) rows.
    const bias = byCategory ? [] : await biasReport(store, runId);
    const biasOf = (r: { model: string; suite: string }) => {
      const b = bias.find((x) => x.model === r.model && x.suite === r.suite);
      if (!b) return {};
      const { suite: _s, model: _m, ...fields } = b;
      return Object.fromEntries(Object.entries(fields).map(([k, v]) => [`bias_${k}`, v]));
    };
    const extended = rows.map((r) => ({ ...r, ...fieldsOf(r), ...agreementOf(r), ...biasOf(r) }));
    if (opts.format === 'json') process.stdout.write(`${JSON.stringify(extended, null, 2)}\n`);
    else if (opts.format === 'csv') {
      const biasColumns = bias.length > 0 ? Object.keys(biasOf(bias[0]!)) : [];
      process.stdout.write(resultsCsv(extended, [...(rates.length > 0 ? REFUSAL_FIELDS : []), ...(agreement.length > 0 ? AGREEMENT_FIELDS : []), ...biasColumns]));
    }
    else {
      const run = (await store.getRun(runId))!;
      const color = process.stdout.isTTY;
      const safety = (rates.length > 0 ? `\n\n${safetyTable(rates, { color })}` : '') + (bias.length > 0 ? `\n\n${biasTable(bias, { color })}` : '');
      const tallies = await store.judgeTallies(runId);
      const judging = tallies.length > 0 ? `\n\n${judgeSummary(tallies)}${agreement.length > 0 ? `\n${agreementSummary(agreement)}` : ''}` : '';
      process.stdout.write(`run ${run.id} · ${run.status} · started ${run.startedAt}\n${resultsTable(rows, { color })}${safety}${judging}\n`);
    }
  } finally {
    await store.close();
  }
}
