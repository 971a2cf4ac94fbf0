import { resolve } from 'node:path';
import { summarizeRun } from '../analysis/summarize-run.js';
import { loadConfig, readSecrets, type ResolvedConfig } from '../config/load.js';
import { runEvaluation, type RunOutcome } from '../engine/run-evaluation.js';
import { judgeSummary } from '../report/judge-summary.js';
import { resultsTable } from '../report/results-table.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { VERSION } from '../version.js';
import { printStats } from './print-stats.js';
import { ProgressView } from './progress-view.js';

/** Evaluate a resolved config into a store, with live progress, Ctrl-C handling and a final leaderboard. */
export async function evaluateWithProgress(config: ResolvedConfig, storePath: string, heading?: string): Promise<RunOutcome> {
  const secrets = readSecrets(config, process.env);
  const store = openSqliteStore(storePath);
  const controller = new AbortController();
  const view = new ProgressView(process.stderr);
  let stops = 0;
  const onSignal = () => {
    stops++;
    if (stops === 1) {
      controller.abort();
      view.note('stopping: no new requests; waiting for those in flight so nothing paid for is lost (Ctrl-C again to quit now)');
    } else {
      process.stderr.write('quitting now: answers still in flight are not stored; everything else is\n');
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const outcome = await runEvaluation({ config, store, secrets, toolVersion: VERSION, events: view, signal: controller.signal });
    view.finish(`${outcome.sent} requests sent, ${outcome.errors} errors`);
    const rows = await summarizeRun(store, outcome.runId);
    if (heading) process.stdout.write(`${heading}\n`);
    process.stdout.write(`run ${outcome.runId} · ${outcome.status}\n${resultsTable(rows, { color: process.stdout.isTTY })}\n`);
    const tallies = await store.judgeTallies(outcome.runId);
    if (tallies.length > 0) process.stdout.write(`${judgeSummary(tallies)}\n`);
    if (outcome.judging && outcome.judging.unjudged > 0) process.stderr.write(`${outcome.judging.unjudged} answers are not judged yet\n`);
    for (const s of outcome.stopped) {
      if (s.unavailable) {
        process.stderr.write(`error: ${s.cause}; its ${s.skipped} items were not sent (the other models ran)\n`);
        continue;
      }
      process.stderr.write(
        `model "${s.model}" was stopped after ${config.models.find((m) => m.name === s.model)?.settings.stopAfterErrors} consecutive failures ` +
          `(last: ${s.cause}); its other ${s.skipped} items were not sent\n`,
      );
    }
    if (outcome.status === 'interrupted') {
      process.stderr.write('run incomplete: run the same command again to finish it; stored answers are not paid for twice\n');
    }
    return outcome;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await store.close();
  }
}

export async function runCommand(opts: { config: string; db?: string; stats?: boolean }): Promise<void> {
  const config = loadConfig(opts.config);
  const outcome = await evaluateWithProgress(config, opts.db ? resolve(opts.db) : config.storePath);
  // Ctrl-C: 130. A model stopped after consecutive failures: 1 (the run could not complete).
  if (outcome.status === 'interrupted') process.exitCode = outcome.cancelled ? 130 : 1;
  if (opts.stats) printStats({ sent: outcome.sent, cached: outcome.cached });
}
