import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openSqliteStore } from './sqlite-store.js';
import { storeConformance } from './store.conformance.js';

const freshPath = () => join(mkdtempSync(join(tmpdir(), 'rg-store-')), 'sub', 'ricegrade.db');

storeConformance('sqlite', async () => openSqliteStore(freshPath()));

test('sqlite: WAL mode, migrations recorded once, reopening keeps data', async () => {
  const path = freshPath();
  const store = openSqliteStore(path);
  await store.saveSuite({ hash: 'h', path: 'p', format: 'jsonl' }, (async function* () {
    yield { id: 'x', input: 'hi' };
  })());
  await store.close();
  const again = openSqliteStore(path);
  assert.equal(await again.suiteSize('h'), 1);
  await again.close();
  const db = new Database(path, { readonly: true });
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.deepEqual(db.prepare('SELECT id FROM schema_migrations').pluck().all(), [1, 2]);
  db.close();
});

test('sqlite: a store from a newer ricegrade or a file that is not SQLite is refused with a clear error', () => {
  const path = freshPath();
  openSqliteStore(path).close();
  const db = new Database(path);
  db.prepare("INSERT INTO schema_migrations (id, name, applied_at) VALUES (999, 'future', 'now')").run();
  db.close();
  assert.throws(() => openSqliteStore(path), /written by a newer ricegrade \(schema 999 > 2\)/);
  const junk = join(mkdtempSync(join(tmpdir(), 'rg-junk-')), 'junk.db');
  writeFileSync(junk, 'this is not a database, just text that is long enough to look like a header block');
  assert.throws(() => openSqliteStore(junk), (err: Error & { code?: string }) => err.code === 'STORE_FAILED' && /junk\.db: cannot open the results store/.test(err.message));
});
