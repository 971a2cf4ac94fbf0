import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openSqliteStore } from './sqlite-store.js';
import { MIGRATIONS } from './migrations.js';
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
  assert.deepEqual(db.prepare('SELECT id FROM schema_migrations').pluck().all(), MIGRATIONS.map((m) => m.id));
  assert.deepEqual(MIGRATIONS.map((m) => m.id), Array.from({ length: MIGRATIONS.length }, (_, i) => i + 1), 'numbered 1..n without gaps');
  db.close();
});

test('sqlite: a store from a newer ricegrade or a file that is not SQLite is refused with a clear error', () => {
  const path = freshPath();
  openSqliteStore(path).close();
  const db = new Database(path);
  db.prepare("INSERT INTO schema_migrations (id, name, applied_at) VALUES (999, 'future', 'now')").run();
  db.close();
  assert.throws(() => openSqliteStore(path), new RegExp(`written by a newer ricegrade \\(schema 999 > ${MIGRATIONS.length}\\)`));
  const junk = join(mkdtempSync(join(tmpdir(), 'rg-junk-')), 'junk.db');
  writeFileSync(junk, 'this is not a database, just text that is long enough to look like a header block');
  assert.throws(() => openSqliteStore(junk), (err: Error & { code?: string }) => err.code === 'STORE_FAILED' && /junk\.db: cannot open the results store/.test(err.message));
});

test('sqlite: migration 3 carries existing results over, with their scores, into the clustered results table', async () => {
  const path = freshPath();
  const { mkdirSync } = await import('node:fs');
  const { dirname } = await import('node:path');
  const { MIGRATIONS } = await import('./migrations.js');
  mkdirSync(dirname(path), { recursive: true });
  const old = new Database(path);
  old.exec('CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of MIGRATIONS.filter((x) => x.id <= 2)) {
    old.exec(m.sql);
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.id, m.name, 'then');
  }
  old.exec(`
    INSERT INTO suites VALUES ('h', 'p', 'jsonl', 1, 't');
    INSERT INTO runs (id, config_hash, config_path, config_json, tool_version, epochs, status, started_at) VALUES (1, 'c', 'p', '{}', 'v', 1, 'completed', 't');
    INSERT INTO run_suites VALUES (1, 's', 'h', 'k', '{}', 1, 0);
    INSERT INTO responses (id, cache_key, provider, model, base_url, text, latency_ms, attempts, created_at) VALUES (7, 'key', 'openai', 'm', 'u', 'B', 1, 1, 't');
    INSERT INTO run_items VALUES (1, 'm', 's', 'x', 0, 7);
    INSERT INTO scores (response_id, suite_hash, item_id, scorer_key, value, detail, answer) VALUES (7, 'h', 'x', 'k', 1, 'ok', 'b');
  `);
  old.close();
  const store = openSqliteStore(path);
  const rows = [];
  for await (const row of store.scoredItems(1, 's')) rows.push(row);
  await store.close();
  assert.deepEqual(rows, [['m', 'x', 1, 'b']]);
});
