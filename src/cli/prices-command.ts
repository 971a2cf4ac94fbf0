import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { defaultStorePath, loadConfig } from '../config/load.js';
import { readPriceCatalog } from '../prices/catalog.js';
import { openSqliteStore } from '../store/sqlite-store.js';

/** `ricegrade prices import FILE`: a LiteLLM-format price catalog into the store, for `price: catalog` and analyses. */
export async function pricesImportCommand(file: string, opts: { config?: string; db?: string }): Promise<void> {
  const catalog = readPriceCatalog(resolve(file));
  const storePath = opts.db ? resolve(opts.db) : opts.config && existsSync(opts.config) ? loadConfig(opts.config).storePath : defaultStorePath(resolve('ricegrade.yaml'));
  const store = openSqliteStore(storePath);
  try {
    const n = await store.savePrices(catalog, basename(file));
    process.stdout.write(`imported prices of ${n} models from ${basename(file)} into ${storePath}\n`);
  } finally {
    await store.close();
  }
}
