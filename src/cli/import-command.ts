import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultStorePath, loadConfig } from '../config/load.js';
import { RicegradeError } from '../errors.js';
import { readImport } from '../importers/read-import.js';
import { saveImport } from '../importers/save-import.js';
import { IMPORT_FORMATS, type ImportFormat } from '../importers/types.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Price } from '../types.js';
import { VERSION } from '../version.js';

const DEFAULT_SUITE: Record<ImportFormat, string> = {
  'mmlu-pro': 'mmlu-pro',
  'alpaca-eval': 'alpaca-eval',
  'lm-eval-samples': 'lm-eval',
  jsonl: 'imported',
};

export interface ImportCommandOptions {
  format: string;
  model?: string;
  suite?: string;
  db?: string;
  config?: string;
  run?: string;
  newRun?: boolean;
}

/** `ricegrade import --format F PATH...`: published outputs into the store as an import run. */
export async function importCommand(paths: string[], opts: ImportCommandOptions): Promise<void> {
  if (!(IMPORT_FORMATS as readonly string[]).includes(opts.format)) {
    throw new RicegradeError('ARGUMENT_INVALID', `--format: expected one of ${IMPORT_FORMATS.join(', ')} (got "${opts.format}")`);
  }
  const format = opts.format as ImportFormat;
  for (const path of paths) if (!existsSync(path)) throw new RicegradeError('DATASET_NOT_FOUND', `${path}: file not found`);
  const prices = new Map<string, Price>();
  let storePath = opts.db ? resolve(opts.db) : undefined;
  if (opts.config) {
    const config = loadConfig(opts.config);
    for (const m of config.models) if (m.price) prices.set(m.name, m.price);
    storePath ??= config.storePath;
  }
  storePath ??= defaultStorePath(resolve('ricegrade.yaml'));
  const runId = opts.run === undefined ? undefined : Number(opts.run);
  if (runId !== undefined && (!Number.isInteger(runId) || runId <= 0)) throw new RicegradeError('ARGUMENT_INVALID', `--run: expected a run id, got "${opts.run}"`);

  const store = openSqliteStore(storePath);
  try {
    if (runId !== undefined && !(await store.getRun(runId))) throw new RicegradeError('RUN_NOT_FOUND', `--run: no run ${runId} in the store`);
    const suite = opts.suite ?? DEFAULT_SUITE[format];
    let target = runId;
    for (const path of paths) {
      const report = await saveImport(readImport(format, path, { model: opts.model }), {
        store,
        format,
        suite,
        runId: target,
        newRun: opts.newRun && target === undefined,
        prices,
        toolVersion: VERSION,
        source: resolve(path),
      });
      target = report.runId;
      const models = [...report.imported].map(([m, n]) => `${m}: ${n}`).join(', ') || 'nothing';
      process.stdout.write(`${path}: imported ${models} into suite "${suite}" (run ${report.runId})${report.reused ? `, ${report.reused} already stored` : ''}\n`);
      if (report.skipped.length > 0) {
        const reasons = new Map<string, number>();
        for (const s of report.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
        process.stdout.write(`  skipped ${report.skipped.length}: ${[...reasons].map(([r, n]) => `${n} × ${r}`).join('; ')} (first: ${report.skipped[0]!.where})\n`);
      }
    }
  } finally {
    await store.close();
  }
}
