import type { CatalogEntry } from '../prices/catalog.js';
import type { ItemPage, ItemQuery } from '../report/report-types.js';
import type { CompletionResult, Item, Price, Score } from '../types.js';

/** A run as recorded: what was evaluated, when, and how it ended. */
export interface RunRecord {
  id: number;
  configHash: string;
  configPath: string;
  toolVersion: string;
  status: 'running' | 'interrupted' | 'completed';
  /** `eval` for runs of a config, `import` for published results brought in with `ricegrade import`. */
  kind: 'eval' | 'import';
  startedAt: string;
  finishedAt?: string;
  epochs: number;
}

export interface RunModelRecord {
  name: string;
  /** Where its answers come from: a live endpoint, an import of published outputs, or a replay file. */
  source?: 'live' | 'import' | 'replay';
  provider: string;
  model: string;
  baseUrl: string;
  price?: Price;
  /** USD per hour of wall time, for local models priced by their hardware. */
  pricePerHour?: number;
}

export interface RunSuiteRecord {
  name: string;
  suiteHash: string;
  scorerKey: string;
  scorer: Record<string, unknown>;
  nItems: number;
}

export interface NewRun {
  kind?: 'eval' | 'import';
  configHash: string;
  configPath: string;
  configJson: string;
  toolVersion: string;
  epochs: number;
  models: RunModelRecord[];
  suites: RunSuiteRecord[];
}

/** A stored response: what one model answered to one request. */
export interface StoredResponse extends CompletionResult {
  id: number;
  cacheKey: string;
}

/** One item's evaluation in a run: which response answered it and how it scored. */
export interface ResultRecord {
  runId: number;
  model: string;
  suite: string;
  suiteHash: string;
  itemId: string;
  epoch: number;
  scorerKey: string;
}

/** A row of a run's results, joined for analysis. */
export interface ResultRow {
  model: string;
  suite: string;
  itemId: string;
  epoch: number;
  score: number | null;
  /** The length-normalised score of log-likelihood multiple choice (acc_norm), else null. */
  scoreNorm: number | null;
  /** The answer in comparable form (see Score.answer). */
  answer: string | null;
  category: string | null;
  errorCode: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  usageEstimated: boolean;
  latencyMs: number | null;
  /** Time to first token, for streamed answers. */
  ttftMs: number | null;
  /** LLM-as-judge: why no verdict could be had for this answer (its score is then null). */
  judgeError: string | null;
}

/** An answer of a judged suite still waiting for its verdict (or whose judging failed). */
export interface PendingJudgement {
  item: Item;
  /** The answer's response. */
  responseId: number;
  text: string;
}

/** The outcome of judging one answer: the judge calls it took and the score, or the judge error. */
export interface Judgement {
  link: ResultRecord;
  judge: string;
  /** The calls to the judge, in order (pairwise: candidate shown first, then baseline shown first). */
  calls: Array<{ responseId: number; fresh: boolean; costUsd: number }>;
  outcome: { score: Score } | { error: string };
}

/** What judging one suite of a run took. */
export interface JudgeTally {
  suite: string;
  judge: string;
  /** Calls to the judge; `fresh` of them were sent (the rest came from the cache). */
  calls: number;
  fresh: number;
  /** USD of the fresh calls, at the judge's price. */
  costUsd: number;
  /** Answers whose verdict could not be read (or whose judge call failed). */
  errors: number;
}

export interface SuiteMeta {
  hash: string;
  path: string;
  format: string;
}

/**
 * The results store. Responses (paid for once) and scores (free to recompute) are kept apart.
 * One interface, so a PostgreSQL implementation can follow the SQLite one.
 */
export interface Store {
  /** Number of items of the suite with this content hash, if it is stored (always in full). */
  suiteSize(hash: string): Promise<number | undefined>;
  /** Store a suite's items atomically: either all of them or, if `items` throws, none. */
  saveSuite(meta: SuiteMeta, items: AsyncIterable<Item>): Promise<number>;
  /** Items of a suite in file order, from `afterSeq` (exclusive), at most `limit`. */
  itemsPage(suiteHash: string, afterSeq: number, limit: number): Promise<Array<{ seq: number; item: Item }>>;

  createRun(run: NewRun): Promise<number>;
  /** The newest unfinished run of this config, to resume. */
  findResumableRun(configHash: string): Promise<RunRecord | undefined>;
  latestRun(): Promise<RunRecord | undefined>;
  getRun(id: number): Promise<RunRecord | undefined>;
  listRuns(): Promise<RunRecord[]>;
  runModels(runId: number): Promise<RunModelRecord[]>;
  runSuites(runId: number): Promise<RunSuiteRecord[]>;
  finishRun(runId: number, status: 'interrupted' | 'completed'): Promise<void>;

  /** Item ids of a run lane already answered without error (for resume). */
  answeredItems(runId: number, model: string, suite: string, epoch: number): Promise<Set<string>>;
  /** The newest successful response with this cache key, if any. */
  findCachedResponse(cacheKey: string): Promise<StoredResponse | undefined>;
  /** Whether a score is already stored for this response, item and scorer. */
  findScore(responseId: number, suiteHash: string, itemId: string, scorerKey: string): Promise<Score | undefined>;
  /** Record a fresh response, link it to the run and store its score, in one transaction. */
  recordResponse(cacheKey: string, meta: { provider: string; model: string; baseUrl: string }, response: CompletionResult, link: ResultRecord, score: Score | undefined): Promise<number>;
  /** Link an existing (cached) response to the run with its score (stored too if new), in one transaction. */
  linkResponse(responseId: number, link: ResultRecord, score: Score | undefined): Promise<void>;

  /** Add items to a suite that grows by import (existing ids are kept); returns the suite's new size. */
  addItems(meta: SuiteMeta, items: Item[]): Promise<number>;
  /** Add a model or a suite to an existing run (imports append to a run). Existing names are kept. */
  addRunModel(runId: number, model: RunModelRecord): Promise<void>;
  addRunSuite(runId: number, suite: RunSuiteRecord): Promise<void>;

  /**
   * The scored results of one suite of a run, as [model, itemId, score, answer] tuples grouped by model:
   * the lean, fast path for analyses over many models and items.
   */
  scoredItems(runId: number, suite: string): AsyncIterable<[model: string, itemId: string, score: number, answer: string | null]>;
  /**
   * One page of a run's items with every model's answer (first epoch), filtered by suite, category and
   * models, optionally only where the models disagree — paged in the database, never the whole run.
   */
  runItemsPage(runId: number, query: ItemQuery): Promise<ItemPage>;
  /** Choice probabilities stored on the responses of one suite of a run: [model, itemId, probs]. */
  choiceProbabilities(runId: number, suite: string): AsyncIterable<[model: string, itemId: string, probs: number[]]>;
  /** Replace the stored price catalog's entries of these models (`ricegrade prices import`). */
  savePrices(catalog: Map<string, CatalogEntry>, source: string): Promise<number>;
  /** The price catalog imported into the store (empty when none was). */
  priceCatalog(): Promise<Map<string, CatalogEntry>>;
  /** Keep an audit record (the JSON that `audit --format json` writes); returns its id. */
  saveAudit(runId: number, standard: string, standardSha256: string, record: string): Promise<number>;
  /** Every result of a run, joined with its response and score. */
  resultRows(runId: number): AsyncIterable<ResultRow>;

  /** Store a response that answers no run item directly (a call to a judge); returns its id. */
  recordCall(cacheKey: string, meta: { provider: string; model: string; baseUrl: string }, response: CompletionResult): Promise<number>;
  /** Answers of a model on a suite of a run (one epoch) without a score and without error, by item id after `afterItemId`. */
  pendingJudgements(runId: number, suite: string, model: string, epoch: number, afterItemId: string, limit: number): Promise<PendingJudgement[]>;
  /** How many answers of a suite of a run (all models and epochs) wait for a verdict. */
  countPendingJudgements(runId: number, suite: string): Promise<number>;
  /** A model's answer text to one item of a run, if it answered without error. */
  runAnswer(runId: number, suite: string, model: string, itemId: string, epoch: number): Promise<string | undefined>;
  /** Store a judgement: its calls, and the result's score (or judge error), in one transaction. */
  saveJudgement(judgement: Judgement): Promise<void>;
  /** Per judged suite of a run: calls, fresh calls, their cost and the judge errors. */
  judgeTallies(runId: number): Promise<JudgeTally[]>;
  close(): Promise<void>;
}
