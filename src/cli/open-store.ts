import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultStorePath, loadConfig } from '../config/load.js';
import { RicegradeError } from '../errors.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';

/** The store a read-only command uses: `--db` alone, or the one beside `-c CONFIG`. It must exist. */
export function openExistingStore(opts: { config?: string; db?: string }): Store {
  let path: string;
  if (opts.db) path = resolve(opts.db);
  else if (opts.config) path = existsSync(opts.config) ? loadConfig(opts.config).storePath : defaultStorePath(opts.config);
  else throw new RicegradeError('ARGUMENT_INVALID', 'say which store to read: -c ricegrade.yaml or --db PATH');
  if (!existsSync(path)) throw new RicegradeError('RUN_NOT_FOUND', `${path}: no results store here yet; run \`ricegrade run -c CONFIG\` first`);
  return openSqliteStore(path);
}
