import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { RicegradeError } from '../errors.js';
import type { CatalogEntry } from '../prices/catalog.js';
import type { ItemPage, ItemQuery, ItemRow } from '../report/report-types.js';
import type { CompletionResult, Item, Score } from '../types.js';
import { MIGRATIONS } from './migrations.js';
import type {
  NewRun,
  ResultRecord,
  ResultRow,
  PendingJudgement,
  Judgement,
  JudgeTally,
  RunModelRecord,
  RunRecord,
  RunSuiteRecord,
  Store,
  StoredResponse,
  SuiteMeta,
} from './store.js';

const now = () => new Date().toISOString();

interface RunRow {
  id: number;
  config_hash: string;
  config_path: string;
  tool_version: string;
  status: RunRecord['status'];
  started_at: string;
  finished_at: string | null;
  epochs: number;
  kind: RunRecord['kind'];
}

interface ResponseRow {
  id: number;
  cache_key: string;
  text: string;
  finish_reason: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  usage_estimated: number;
  latency_ms: number;
  attempts: number;
  ttft_ms: number | null;
}

function toRun(row: RunRow | undefined): RunRecord | undefined {
  if (!row) return undefined;
  return {
    id: row.id,
    configHash: row.config_hash,
    configPath: row.config_path,
    toolVersion: row.tool_version,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at ?? undefined,
    epochs: row.epochs,
    kind: row.kind,
  };
}

/** Open (creating if needed) a SQLite store file, in WAL mode, migrated to the current schema. */
export function openSqliteStore(path: string): SqliteStore {
  let db: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (err) {
    if (RicegradeError.isInstance(err)) throw err;
    throw new RicegradeError('STORE_FAILED', `${path}: cannot open the results store (${(err as Error).message})`, { cause: err });
  }
  return new SqliteStore(db);
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT id FROM schema_migrations').all() as Array<{ id: number }>).map((r) => r.id));
  const newest = Math.max(0, ...applied);
  const known = Math.max(...MIGRATIONS.map((m) => m.id));
  if (newest > known) {
    throw new RicegradeError('STORE_FAILED', `the results store was written by a newer ricegrade (schema ${newest} > ${known}); upgrade ricegrade`);
  }
  for (const m of MIGRATIONS) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(m.id, m.name, now());
    })();
  }
}

function storeError(error: unknown): RicegradeError {
  if (RicegradeError.isInstance(error)) return error;
  return new RicegradeError('STORE_FAILED', `cannot write to the results store: ${(error as Error).message}`, { cause: error });
}

/** An items row as stored. */
interface ItemRecord {
  seq: number;
  item_id: string;
  input: string;
  expected: string | null;
  category: string | null;
  choices: string | null;
  bias: string | null;
  checks: string | null;
}

function itemFromRow(r: ItemRecord): Item {
  const item: Item = { id: r.item_id, input: JSON.parse(r.input) as Item['input'] };
  if (r.expected !== null) item.expected = JSON.parse(r.expected) as Item['expected'];
  if (r.category !== null) item.category = r.category;
  if (r.choices !== null) item.choices = JSON.parse(r.choices) as string[];
  if (r.bias !== null) item.bias = JSON.parse(r.bias) as Item['bias'];
  if (r.checks !== null) {
    const checks = JSON.parse(r.checks) as Pick<Item, 'constraints' | 'schema' | 'human'>;
    if (checks.constraints) item.constraints = checks.constraints;
    if (checks.schema) item.schema = checks.schema;
    if (checks.human !== undefined) item.human = checks.human;
  }
  return item;
}

interface PendingWrite {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class SqliteStore implements Store {
  private readonly statements;
  private pending: PendingWrite[] = [];

  constructor(readonly db: Database.Database) {
    this.statements = {
      findCached: db.prepare(
        `SELECT id, cache_key, text, finish_reason, input_tokens, output_tokens, usage_estimated, latency_ms, attempts, ttft_ms
         FROM responses WHERE cache_key = ? AND error_code IS NULL ORDER BY id DESC LIMIT 1`,
      ),
      insertResponse: db.prepare(
        `INSERT INTO responses (cache_key, provider, model, base_url, text, finish_reason, input_tokens, output_tokens,
           usage_estimated, latency_ms, attempts, error_code, error_message, error_status, created_at, probs, ttft_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      link: db.prepare(
        `INSERT INTO run_items (run_id, suite, model, item_id, epoch, response_id, score, answer, score_norm) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id, suite, model, item_id, epoch)
         DO UPDATE SET response_id = excluded.response_id, score = excluded.score, answer = excluded.answer, score_norm = excluded.score_norm,
           judge_error = NULL`,
      ),
      insertScore: db.prepare(
        `INSERT INTO scores (response_id, suite_hash, item_id, scorer_key, value, detail, answer) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      ),
      findScore: db.prepare(
        'SELECT value, detail, answer FROM scores WHERE response_id = ? AND suite_hash = ? AND item_id = ? AND scorer_key = ?',
      ),
      itemsPage: db.prepare(
        'SELECT seq, item_id, input, expected, category, choices, bias, checks FROM items WHERE suite_hash = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      insertItem: db.prepare(
        'INSERT INTO items (suite_hash, item_id, seq, input, expected, category, choices, bias, checks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
    };
  }

  async suiteSize(hash: string): Promise<number | undefined> {
    return this.db.prepare('SELECT n_items FROM suites WHERE hash = ?').pluck().get(hash) as number | undefined;
  }

  async saveSuite(meta: SuiteMeta, items: AsyncIterable<Item>): Promise<number> {
    this.db.exec('BEGIN');
    try {
      let seq = 0;
      for await (const item of items) {
        seq++;
        const inserted = this.insertItem(meta.hash, item, seq);
        if (!inserted) throw new RicegradeError('DATASET_PARSE', `${meta.path}: duplicate item id "${item.id}"`);
      }
      this.db
        .prepare('INSERT INTO suites (hash, path, format, n_items, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(meta.hash, meta.path, meta.format, seq, now());
      this.db.exec('COMMIT');
      return seq;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  private insertItem(suiteHash: string, item: Item, seq: number): boolean {
    const info = this.statements.insertItem.run(
      suiteHash,
      item.id,
      seq,
      JSON.stringify(item.input),
      item.expected === undefined ? null : JSON.stringify(item.expected),
      item.category ?? null,
      item.choices ? JSON.stringify(item.choices) : null,
      item.bias ? JSON.stringify(item.bias) : null,
      item.constraints || item.schema || item.human !== undefined ? JSON.stringify({ constraints: item.constraints, schema: item.schema, human: item.human }) : null,
    );
    return info.changes === 1;
  }

  async addItems(meta: SuiteMeta, items: Item[]): Promise<number> {
    return this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO suites (hash, path, format, n_items, created_at) VALUES (?, ?, ?, 0, ?) ON CONFLICT DO NOTHING')
        .run(meta.hash, meta.path, meta.format, now());
      let seq = (this.db.prepare('SELECT coalesce(max(seq), 0) FROM items WHERE suite_hash = ?').pluck().get(meta.hash) as number) ?? 0;
      for (const item of items) if (this.insertItem(meta.hash, item, seq + 1)) seq++;
      const n = this.db.prepare('SELECT count(*) FROM items WHERE suite_hash = ?').pluck().get(meta.hash) as number;
      this.db.prepare('UPDATE suites SET n_items = ? WHERE hash = ?').run(n, meta.hash);
      return n;
    })();
  }

  async addRunModel(runId: number, m: RunModelRecord): Promise<void> {
    const ord = this.db.prepare('SELECT count(*) FROM run_models WHERE run_id = ?').pluck().get(runId) as number;
    this.db
      .prepare(
        `INSERT INTO run_models (run_id, name, provider, model, base_url, price_input, price_output, ord, source, price_per_hour)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(runId, m.name, m.provider, m.model, m.baseUrl, m.price?.input ?? null, m.price?.output ?? null, ord, m.source ?? 'live', m.pricePerHour ?? null);
  }

  async addRunSuite(runId: number, s: RunSuiteRecord): Promise<void> {
    const ord = this.db.prepare('SELECT count(*) FROM run_suites WHERE run_id = ?').pluck().get(runId) as number;
    this.db
      .prepare(
        `INSERT INTO run_suites (run_id, name, suite_hash, scorer_key, scorer_json, n_items, ord) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id, name) DO UPDATE SET n_items = excluded.n_items`,
      )
      .run(runId, s.name, s.suiteHash, s.scorerKey, JSON.stringify(s.scorer), s.nItems, ord);
  }

  async itemsPage(suiteHash: string, afterSeq: number, limit: number): Promise<Array<{ seq: number; item: Item }>> {
    const rows = this.statements.itemsPage.all(suiteHash, afterSeq, limit) as ItemRecord[];
    return rows.map((r) => ({ seq: r.seq, item: itemFromRow(r) }));
  }

  async createRun(run: NewRun): Promise<number> {
    return this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO runs (config_hash, config_path, config_json, tool_version, epochs, status, started_at, kind)
             VALUES (?, ?, ?, ?, ?, 'running', ?, ?)`,
          )
          .run(run.configHash, run.configPath, run.configJson, run.toolVersion, run.epochs, now(), run.kind ?? 'eval').lastInsertRowid,
      );
      const model = this.db.prepare(
        'INSERT INTO run_models (run_id, name, provider, model, base_url, price_input, price_output, ord, source, price_per_hour) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      run.models.forEach((m, i) =>
        model.run(id, m.name, m.provider, m.model, m.baseUrl, m.price?.input ?? null, m.price?.output ?? null, i, m.source ?? 'live', m.pricePerHour ?? null),
      );
      const suite = this.db.prepare(
        'INSERT INTO run_suites (run_id, name, suite_hash, scorer_key, scorer_json, n_items, ord) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      run.suites.forEach((s, i) => suite.run(id, s.name, s.suiteHash, s.scorerKey, JSON.stringify(s.scorer), s.nItems, i));
      return id;
    })();
  }

  async findResumableRun(configHash: string): Promise<RunRecord | undefined> {
    return toRun(
      this.db
        .prepare(`SELECT * FROM runs WHERE config_hash = ? AND status <> 'completed' ORDER BY id DESC LIMIT 1`)
        .get(configHash) as RunRow | undefined,
    );
  }

  async latestRun(): Promise<RunRecord | undefined> {
    return toRun(this.db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT 1').get() as RunRow | undefined);
  }

  async getRun(id: number): Promise<RunRecord | undefined> {
    return toRun(this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined);
  }

  async listRuns(): Promise<RunRecord[]> {
    return (this.db.prepare('SELECT * FROM runs ORDER BY id').all() as RunRow[]).map((r) => toRun(r)!);
  }

  async runModels(runId: number): Promise<RunModelRecord[]> {
    const rows = this.db.prepare('SELECT * FROM run_models WHERE run_id = ? ORDER BY ord').all(runId) as Array<{
      name: string;
      provider: string;
      model: string;
      base_url: string;
      price_input: number | null;
      price_output: number | null;
      source: RunModelRecord['source'];
      price_per_hour: number | null;
    }>;
    return rows.map((r) => ({
      name: r.name,
      source: r.source,
      provider: r.provider,
      model: r.model,
      baseUrl: r.base_url,
      price: r.price_input === null || r.price_output === null ? undefined : { input: r.price_input, output: r.price_output },
      ...(r.price_per_hour !== null ? { pricePerHour: r.price_per_hour } : {}),
    }));
  }

  async runSuites(runId: number): Promise<RunSuiteRecord[]> {
    const rows = this.db.prepare('SELECT * FROM run_suites WHERE run_id = ? ORDER BY ord').all(runId) as Array<{
      name: string;
      suite_hash: string;
      scorer_key: string;
      scorer_json: string;
      n_items: number;
    }>;
    return rows.map((r) => ({
      name: r.name,
      suiteHash: r.suite_hash,
      scorerKey: r.scorer_key,
      scorer: JSON.parse(r.scorer_json) as Record<string, unknown>,
      nItems: r.n_items,
    }));
  }

  async finishRun(runId: number, status: 'interrupted' | 'completed'): Promise<void> {
    this.db.prepare('UPDATE runs SET status = ?, finished_at = ? WHERE id = ?').run(status, now(), runId);
  }

  async answeredItems(runId: number, model: string, suite: string, epoch: number): Promise<Set<string>> {
    const rows = this.db
      .prepare(
        `SELECT ri.item_id FROM run_items ri JOIN responses r ON r.id = ri.response_id
         WHERE ri.run_id = ? AND ri.model = ? AND ri.suite = ? AND ri.epoch = ? AND r.error_code IS NULL`,
      )
      .pluck()
      .all(runId, model, suite, epoch) as string[];
    return new Set(rows);
  }

  async findCachedResponse(cacheKey: string): Promise<StoredResponse | undefined> {
    const row = this.statements.findCached.get(cacheKey) as ResponseRow | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      cacheKey: row.cache_key,
      text: row.text,
      finishReason: row.finish_reason ?? undefined,
      usage:
        row.input_tokens === null || row.output_tokens === null
          ? undefined
          : { inputTokens: row.input_tokens, outputTokens: row.output_tokens, estimated: row.usage_estimated === 1 },
      latencyMs: row.latency_ms,
      ...(row.ttft_ms !== null ? { ttftMs: row.ttft_ms } : {}),
      attempts: row.attempts,
    };
  }

  async findScore(responseId: number, suiteHash: string, itemId: string, scorerKey: string): Promise<Score | undefined> {
    const row = this.statements.findScore.get(responseId, suiteHash, itemId, scorerKey) as
      | { value: number; detail: string; answer: string | null }
      | undefined;
    if (!row) return undefined;
    return row.answer === null ? { value: row.value, detail: row.detail } : { value: row.value, detail: row.detail, answer: row.answer };
  }

  private insertResponse(cacheKey: string, meta: { provider: string; model: string; baseUrl: string }, r: CompletionResult): number {
    return Number(
      this.statements.insertResponse.run(
        cacheKey,
        meta.provider,
        meta.model,
        meta.baseUrl,
        r.text,
        r.finishReason ?? null,
        r.usage?.inputTokens ?? null,
        r.usage?.outputTokens ?? null,
        r.usage?.estimated ? 1 : 0,
        r.latencyMs,
        r.attempts,
        r.error?.code ?? null,
        r.error?.message ?? null,
        r.error?.status ?? null,
        now(),
        r.probs ? JSON.stringify(r.probs) : null,
        r.ttftMs ?? null,
      ).lastInsertRowid,
    );
  }

  private readonly recordTx = (
    cacheKey: string,
    meta: { provider: string; model: string; baseUrl: string },
    r: CompletionResult,
    link: ResultRecord,
    score: Score | undefined,
  ): number => {
    return this.db.transaction(() => {
      const id = this.insertResponse(cacheKey, meta, r);
      this.linkTx(id, link, score);
      return id;
    })();
  };

  private linkTx(responseId: number, link: ResultRecord, score: Score | undefined): void {
    this.statements.link.run(link.runId, link.suite, link.model, link.itemId, link.epoch, responseId, score?.value ?? null, score?.answer ?? null, score?.valueNorm ?? null);
    if (score) this.statements.insertScore.run(responseId, link.suiteHash, link.itemId, link.scorerKey, score.value, score.detail, score.answer ?? null);
  }

  async recordResponse(
    cacheKey: string,
    meta: { provider: string; model: string; baseUrl: string },
    response: CompletionResult,
    link: ResultRecord,
    score: Score | undefined,
  ): Promise<number> {
    return this.groupCommit(() => this.recordTx(cacheKey, meta, response, link, score));
  }

  async linkResponse(responseId: number, link: ResultRecord, score: Score | undefined): Promise<void> {
    return this.groupCommit(() => this.db.transaction(() => this.linkTx(responseId, link, score))());
  }

  async recordCall(cacheKey: string, meta: { provider: string; model: string; baseUrl: string }, response: CompletionResult): Promise<number> {
    return this.groupCommit(() => this.insertResponse(cacheKey, meta, response));
  }

  async pendingJudgements(runId: number, suite: string, model: string, epoch: number, afterItemId: string, limit: number): Promise<PendingJudgement[]> {
    const rows = this.db
      .prepare(
        `SELECT i.seq, i.item_id, i.input, i.expected, i.category, i.choices, i.bias, i.checks, ri.response_id, r.text
         FROM run_items ri
         JOIN responses r ON r.id = ri.response_id
         JOIN run_suites rs ON rs.run_id = ri.run_id AND rs.name = ri.suite
         JOIN items i ON i.suite_hash = rs.suite_hash AND i.item_id = ri.item_id
         WHERE ri.run_id = ? AND ri.suite = ? AND ri.model = ? AND ri.epoch = ? AND ri.item_id > ?
           AND ri.score IS NULL AND r.error_code IS NULL
         ORDER BY ri.item_id LIMIT ?`,
      )
      .all(runId, suite, model, epoch, afterItemId, limit) as Array<ItemRecord & { response_id: number; text: string }>;
    return rows.map((r) => ({ item: itemFromRow(r), responseId: r.response_id, text: r.text }));
  }

  async countPendingJudgements(runId: number, suite: string): Promise<number> {
    return this.db
      .prepare(
        `SELECT count(*) FROM run_items ri JOIN responses r ON r.id = ri.response_id
         WHERE ri.run_id = ? AND ri.suite = ? AND ri.score IS NULL AND r.error_code IS NULL`,
      )
      .pluck()
      .get(runId, suite) as number;
  }

  async runAnswer(runId: number, suite: string, model: string, itemId: string, epoch: number): Promise<string | undefined> {
    return this.db
      .prepare(
        `SELECT r.text FROM run_items ri JOIN responses r ON r.id = ri.response_id
         WHERE ri.run_id = ? AND ri.suite = ? AND ri.model = ? AND ri.item_id = ? AND ri.epoch = ? AND r.error_code IS NULL`,
      )
      .pluck()
      .get(runId, suite, model, itemId, epoch) as string | undefined;
  }

  async saveJudgement(j: Judgement): Promise<void> {
    const { link } = j;
    return this.groupCommit(() =>
      this.db.transaction(() => {
        const key = [link.runId, link.suite, link.model, link.itemId, link.epoch];
        this.db.prepare('DELETE FROM judge_calls WHERE run_id = ? AND suite = ? AND model = ? AND item_id = ? AND epoch = ?').run(...key);
        const insertCall = this.db.prepare(
          `INSERT INTO judge_calls (run_id, suite, model, item_id, epoch, ord, judge, response_id, fresh, cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        j.calls.forEach((c, ord) => insertCall.run(...key, ord, j.judge, c.responseId, c.fresh ? 1 : 0, c.costUsd));
        const update = this.db.prepare(
          `UPDATE run_items SET score = ?, answer = ?, judge_error = ? WHERE run_id = ? AND suite = ? AND model = ? AND item_id = ? AND epoch = ?`,
        );
        if ('score' in j.outcome) {
          const { score } = j.outcome;
          update.run(score.value, score.answer ?? null, null, ...key);
          const responseId = this.db
            .prepare('SELECT response_id FROM run_items WHERE run_id = ? AND suite = ? AND model = ? AND item_id = ? AND epoch = ?')
            .pluck()
            .get(...key) as number;
          this.db
            .prepare(
              `INSERT INTO scores (response_id, suite_hash, item_id, scorer_key, value, detail, answer) VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (response_id, suite_hash, item_id, scorer_key) DO UPDATE SET value = excluded.value, detail = excluded.detail, answer = excluded.answer`,
            )
            .run(responseId, link.suiteHash, link.itemId, link.scorerKey, score.value, score.detail, score.answer ?? null);
        } else {
          update.run(null, null, j.outcome.error, ...key);
        }
      })(),
    );
  }

  async judgeTallies(runId: number): Promise<JudgeTally[]> {
    const calls = this.db
      .prepare(
        `SELECT suite, judge, count(*) AS calls, coalesce(sum(fresh), 0) AS fresh, coalesce(sum(cost_usd), 0) AS cost
         FROM judge_calls WHERE run_id = ? GROUP BY suite, judge ORDER BY suite, judge`,
      )
      .all(runId) as Array<{ suite: string; judge: string; calls: number; fresh: number; cost: number }>;
    const errors = new Map(
      (this.db.prepare('SELECT suite, count(*) AS n FROM run_items WHERE run_id = ? AND judge_error IS NOT NULL GROUP BY suite').all(runId) as Array<{ suite: string; n: number }>).map(
        (r) => [r.suite, r.n],
      ),
    );
    return calls.map((c) => ({ suite: c.suite, judge: c.judge, calls: c.calls, fresh: c.fresh, costUsd: c.cost, errors: errors.get(c.suite) ?? 0 }));
  }

  /**
   * Group commit: writes that arrive in the same turn of the event loop share one transaction,
   * committed right after that turn (setImmediate), before any caller hears its write is done.
   * Each write is its own savepoint, so one failing write does not undo the others. A crash can only
   * lose writes whose callers have not been told they are stored — the same as an answer in flight.
   */
  private groupCommit<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.db.transaction(() => {
        for (const op of batch) {
          try {
            outcomes.push({ ok: true, value: op.write() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      for (const op of batch) op.reject(storeError(error));
      return;
    }
    batch.forEach((op, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) op.resolve(outcome.value);
      else op.reject(storeError(outcome.error));
    });
  }

  async *resultRows(runId: number): AsyncIterable<ResultRow> {
    const rows = this.db
      .prepare(
        `SELECT ri.model, ri.suite, ri.item_id, ri.epoch, r.error_code, r.input_tokens, r.output_tokens, r.usage_estimated,
                r.latency_ms, ri.score, ri.answer, i.category, r.ttft_ms, ri.score_norm, ri.judge_error
         FROM run_items ri
         JOIN responses r ON r.id = ri.response_id
         JOIN run_suites rs ON rs.run_id = ri.run_id AND rs.name = ri.suite
         LEFT JOIN items i ON i.suite_hash = rs.suite_hash AND i.item_id = ri.item_id
         WHERE ri.run_id = ?`,
      )
      .raw()
      .iterate(runId) as IterableIterator<
      [string, string, string, number, string | null, number | null, number | null, number, number, number | null, string | null, string | null, number | null, number | null, string | null]
    >;
    for (const [model, suite, itemId, epoch, errorCode, inputTokens, outputTokens, estimated, latencyMs, score, answer, category, ttftMs, scoreNorm, judgeError] of rows) {
      yield { model, suite, itemId, epoch, errorCode, inputTokens, outputTokens, usageEstimated: estimated === 1, latencyMs, ttftMs, score, scoreNorm, answer, category, judgeError };
    }
  }

  async *scoredItems(runId: number, suite: string): AsyncIterable<[model: string, itemId: string, score: number, answer: string | null]> {
    yield* this.db
      .prepare('SELECT model, item_id, score, answer FROM run_items WHERE run_id = ? AND suite = ? AND score IS NOT NULL')
      .raw()
      .iterate(runId, suite) as IterableIterator<[string, string, number, string | null]>;
  }

  async runItemsPage(runId: number, query: ItemQuery): Promise<ItemPage> {
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const limit = Math.min(500, Math.max(1, Math.floor(query.limit ?? 50)));
    const where = ['ri.run_id = ?', 'ri.epoch = 0'];
    const args: unknown[] = [runId];
    if (query.suite !== undefined) {
      where.push('ri.suite = ?');
      args.push(query.suite);
    }
    if (query.category === '(none)') where.push('i.category IS NULL'); // how views label items without a category
    else if (query.category !== undefined) {
      where.push('i.category = ?');
      args.push(query.category);
    }
    const models = query.models?.length ? query.models : undefined;
    if (models) {
      where.push(`ri.model IN (${models.map(() => '?').join(', ')})`);
      args.push(...models);
    }
    const having = query.disagree
      ? `HAVING count(DISTINCT coalesce(ri.answer, '')) > 1 OR min(coalesce(ri.score, -1)) <> max(coalesce(ri.score, -1))`
      : '';
    const grouped = `SELECT ri.suite, ri.item_id, min(i.seq) AS seq, min(rs.ord) AS suite_ord
      FROM run_items ri
      JOIN run_suites rs ON rs.run_id = ri.run_id AND rs.name = ri.suite
      JOIN items i ON i.suite_hash = rs.suite_hash AND i.item_id = ri.item_id
      WHERE ${where.join(' AND ')}
      GROUP BY ri.suite, ri.item_id ${having}`;
    const total = this.db.prepare(`SELECT count(*) FROM (${grouped})`).pluck().get(...args) as number;
    const keys = this.db
      .prepare(`${grouped} ORDER BY suite_ord, seq LIMIT ? OFFSET ?`)
      .all(...args, limit, offset) as Array<{ suite: string; item_id: string }>;
    const itemOf = this.db.prepare(
      `SELECT i.input, i.expected, i.category FROM items i JOIN run_suites rs ON rs.suite_hash = i.suite_hash
       WHERE rs.run_id = ? AND rs.name = ? AND i.item_id = ?`,
    );
    const answersOf = this.db.prepare(
      `SELECT ri.model, ri.score, ri.answer, r.text, r.error_code, r.error_message, ri.judge_error
       FROM run_items ri JOIN responses r ON r.id = ri.response_id
       WHERE ri.run_id = ? AND ri.suite = ? AND ri.item_id = ? AND ri.epoch = 0
       ${models ? `AND ri.model IN (${models.map(() => '?').join(', ')})` : ''}`,
    );
    const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);
    const rows: ItemRow[] = keys.map((k) => {
      const item = itemOf.get(runId, k.suite, k.item_id) as { input: string; expected: string | null; category: string | null };
      const input = JSON.parse(item.input) as string | Array<{ role: string; content: string }>;
      const answers: ItemRow['answers'] = {};
      const found = answersOf.all(runId, k.suite, k.item_id, ...(models ?? [])) as Array<{
        model: string;
        score: number | null;
        answer: string | null;
        text: string;
        error_code: string | null;
        error_message: string | null;
        judge_error: string | null;
      }>;
      for (const a of found) {
        const error = a.error_code ? `${a.error_code}: ${a.error_message ?? ''}` : a.judge_error ? `JUDGE_ERROR: ${a.judge_error}` : null;
        answers[a.model] = { text: clip(a.text, 2000), score: a.score, answer: a.answer, error };
      }
      return {
        suite: k.suite,
        item_id: k.item_id,
        category: item.category,
        input: typeof input === 'string' ? clip(input, 4000) : input.map((m) => `${m.role}: ${clip(m.content, 2000)}`).join('\n'),
        expected: item.expected === null ? null : JSON.parse(item.expected),
        answers,
      };
    });
    return { total, offset, limit, rows };
  }

  async savePrices(catalog: Map<string, CatalogEntry>, source: string): Promise<number> {
    const upsert = this.db.prepare(
      `INSERT INTO prices (model, input, output, provider, max_input_tokens, source, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (model) DO UPDATE SET input = excluded.input, output = excluded.output, provider = excluded.provider,
         max_input_tokens = excluded.max_input_tokens, source = excluded.source, imported_at = excluded.imported_at`,
    );
    const at = now();
    this.db.transaction(() => {
      for (const [model, e] of catalog) upsert.run(model, e.price.input, e.price.output, e.provider ?? null, e.maxInputTokens ?? null, source, at);
    })();
    return catalog.size;
  }

  async priceCatalog(): Promise<Map<string, CatalogEntry>> {
    const rows = this.db.prepare('SELECT model, input, output, provider, max_input_tokens FROM prices').all() as Array<{
      model: string;
      input: number;
      output: number;
      provider: string | null;
      max_input_tokens: number | null;
    }>;
    return new Map(rows.map((r) => [r.model, { price: { input: r.input, output: r.output }, provider: r.provider ?? undefined, maxInputTokens: r.max_input_tokens ?? undefined }]));
  }

  async saveAudit(runId: number, standard: string, standardSha256: string, record: string): Promise<number> {
    return Number(
      this.db
        .prepare('INSERT INTO audits (run_id, standard, standard_sha256, record, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(runId, standard, standardSha256, record, now()).lastInsertRowid,
    );
  }

  async *choiceProbabilities(runId: number, suite: string): AsyncIterable<[model: string, itemId: string, probs: number[]]> {
    const rows = this.db
      .prepare(
        `SELECT ri.model, ri.item_id, r.probs FROM run_items ri JOIN responses r ON r.id = ri.response_id
         WHERE ri.run_id = ? AND ri.suite = ? AND ri.score IS NOT NULL AND r.probs IS NOT NULL`,
      )
      .raw()
      .iterate(runId, suite) as IterableIterator<[string, string, string]>;
    for (const [model, itemId, probs] of rows) yield [model, itemId, JSON.parse(probs) as number[]];
  }

  async close(): Promise<void> {
    if (this.pending.length > 0) this.flush();
    if (this.db.open) this.db.close();
  }
}
