import { summarizeRun } from '../analysis/summarize-run.js';
import { RicegradeError } from '../errors.js';
import { resultsCsv } from '../report/results-csv.js';
import { resultsTable } from '../report/results-table.js';
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
    const rows = await summarizeRun(store, runId, { byCategory: opts.by === 'category' });
    if (opts.format === 'json') process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else if (opts.format === 'csv') process.stdout.write(resultsCsv(rows));
    else {
      const run = (await store.getRun(runId))!;
      process.stdout.write(`run ${run.id} · ${run.status} · started ${run.startedAt}\n${resultsTable(rows, { color: process.stdout.isTTY })}\n`);
    }
  } finally {
    await store.close();
  }
}
