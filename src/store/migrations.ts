/**
 * Schema migrations, applied in order and recorded in schema_migrations.
 * Written in the SQL common to SQLite and PostgreSQL where possible.
 */
export const MIGRATIONS: ReadonlyArray<{ id: number; name: string; sql: string }> = [
  {
    id: 1,
    name: 'core',
    sql: `
CREATE TABLE suites (
  hash TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  format TEXT NOT NULL,
  n_items INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE items (
  suite_hash TEXT NOT NULL,
  item_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  input TEXT NOT NULL,
  expected TEXT,
  category TEXT,
  PRIMARY KEY (suite_hash, item_id)
);
CREATE UNIQUE INDEX items_by_seq ON items (suite_hash, seq);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  config_hash TEXT NOT NULL,
  config_path TEXT NOT NULL,
  config_json TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  epochs INTEGER NOT NULL,
  status TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE TABLE run_models (
  run_id INTEGER NOT NULL REFERENCES runs (id),
  name TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  base_url TEXT NOT NULL,
  price_input REAL,
  price_output REAL,
  ord INTEGER NOT NULL,
  PRIMARY KEY (run_id, name)
);
CREATE TABLE run_suites (
  run_id INTEGER NOT NULL REFERENCES runs (id),
  name TEXT NOT NULL,
  suite_hash TEXT NOT NULL REFERENCES suites (hash),
  scorer_key TEXT NOT NULL,
  scorer_json TEXT NOT NULL,
  n_items INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  PRIMARY KEY (run_id, name)
);
CREATE TABLE responses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  cache_key TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  base_url TEXT NOT NULL,
  text TEXT NOT NULL,
  finish_reason TEXT,
  input_tokens INTEGER,
  output_tokens INTEGER,
  usage_estimated INTEGER NOT NULL DEFAULT 0,
  latency_ms REAL NOT NULL,
  attempts INTEGER NOT NULL,
  error_code TEXT,
  error_message TEXT,
  error_status INTEGER,
  created_at TEXT NOT NULL
);
CREATE INDEX responses_by_key ON responses (cache_key) WHERE error_code IS NULL;
CREATE TABLE run_items (
  run_id INTEGER NOT NULL REFERENCES runs (id),
  model TEXT NOT NULL,
  suite TEXT NOT NULL,
  item_id TEXT NOT NULL,
  epoch INTEGER NOT NULL,
  response_id INTEGER NOT NULL REFERENCES responses (id),
  PRIMARY KEY (run_id, model, suite, item_id, epoch)
);
CREATE TABLE scores (
  response_id INTEGER NOT NULL REFERENCES responses (id),
  suite_hash TEXT NOT NULL,
  item_id TEXT NOT NULL,
  scorer_key TEXT NOT NULL,
  value REAL NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (response_id, suite_hash, item_id, scorer_key)
);
`,
  },
  {
    id: 2,
    name: 'answers-choices-sources',
    sql: `
ALTER TABLE scores ADD COLUMN answer TEXT;
ALTER TABLE items ADD COLUMN choices TEXT;
ALTER TABLE responses ADD COLUMN probs TEXT;
ALTER TABLE run_models ADD COLUMN source TEXT NOT NULL DEFAULT 'live';
ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'eval';
`,
  },
  {
    id: 3,
    name: 'run-items-clustered-with-scores',
    // A run's results are read whole by every analysis: cluster them by (run, suite, model, item) and keep
    // the run's score and answer beside the link, so analyses scan one table in order (the scores table
    // stays the re-scoring cache, keyed by response and scorer). WITHOUT ROWID is SQLite's clustering.
    sql: `
CREATE TABLE run_results (
  run_id INTEGER NOT NULL REFERENCES runs (id),
  suite TEXT NOT NULL,
  model TEXT NOT NULL,
  item_id TEXT NOT NULL,
  epoch INTEGER NOT NULL,
  response_id INTEGER NOT NULL REFERENCES responses (id),
  score REAL,
  answer TEXT,
  PRIMARY KEY (run_id, suite, model, item_id, epoch)
) WITHOUT ROWID;
INSERT INTO run_results (run_id, suite, model, item_id, epoch, response_id, score, answer)
  SELECT ri.run_id, ri.suite, ri.model, ri.item_id, ri.epoch, ri.response_id, s.value, s.answer
  FROM run_items ri
  JOIN run_suites rs ON rs.run_id = ri.run_id AND rs.name = ri.suite
  LEFT JOIN scores s ON s.response_id = ri.response_id AND s.suite_hash = rs.suite_hash AND s.item_id = ri.item_id
                     AND s.scorer_key = rs.scorer_key;
DROP TABLE run_items;
ALTER TABLE run_results RENAME TO run_items;
`,
  },
  {
    id: 4,
    name: 'audits',
    sql: `
CREATE TABLE audits (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id INTEGER NOT NULL REFERENCES runs (id),
  standard TEXT NOT NULL,
  standard_sha256 TEXT NOT NULL,
  record TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`,
  },
  {
    id: 5,
    name: 'price-catalog',
    sql: `
CREATE TABLE prices (
  model TEXT PRIMARY KEY,
  input REAL NOT NULL,
  output REAL NOT NULL,
  provider TEXT,
  max_input_tokens INTEGER,
  source TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
`,
  },
  {
    id: 6,
    name: 'time-to-first-token',
    sql: `ALTER TABLE responses ADD COLUMN ttft_ms REAL;`,
  },
  {
    id: 7,
    name: 'length-normalised-score',
    sql: `ALTER TABLE run_items ADD COLUMN score_norm REAL;`,
  },
  {
    id: 8,
    name: 'price-per-hour',
    sql: `ALTER TABLE run_models ADD COLUMN price_per_hour REAL;`,
  },
  {
    id: 9,
    name: 'item-bias-metadata',
    sql: `ALTER TABLE items ADD COLUMN bias TEXT;`,
  },
  {
    id: 10,
    name: 'item-checks',
    // What a program checks an answer against, beyond `expected`: IFEval-style constraints, a JSON Schema.
    sql: `ALTER TABLE items ADD COLUMN checks TEXT;`,
  },
  {
    id: 11,
    name: 'judge-calls',
    // LLM-as-judge: each judgement's calls to the judge (responses, cached like any other) and, when no
    // verdict could be read, the judge error of the result (its score stays NULL: never a silent 0 or 1).
    sql: `
ALTER TABLE run_items ADD COLUMN judge_error TEXT;
CREATE TABLE judge_calls (
  run_id INTEGER NOT NULL REFERENCES runs (id),
  suite TEXT NOT NULL,
  model TEXT NOT NULL,
  item_id TEXT NOT NULL,
  epoch INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  judge TEXT NOT NULL,
  response_id INTEGER NOT NULL REFERENCES responses (id),
  fresh INTEGER NOT NULL,
  cost_usd REAL NOT NULL,
  PRIMARY KEY (run_id, suite, model, item_id, epoch, ord)
);
`,
  },
];
