/** ricegrade's library API: what a TypeScript program imports to evaluate models without the CLI. */
export { loadConfig, readSecrets, defaultStorePath, type ResolvedConfig, type SuiteSpec, type ScorerSpec } from './config/load.js';
export { runEvaluation, type EvaluateOptions, type RunOutcome } from './engine/run-evaluation.js';
export type { RunEvents, ItemDone, PlannedModel } from './engine/events.js';
export { openSqliteStore, SqliteStore } from './store/sqlite-store.js';
export type { Store, RunRecord, ResultRow } from './store/store.js';
export { summarizeRun, type ResultSummary } from './analysis/summarize-run.js';
export { wilsonInterval, bootstrapMeanInterval, meanWithInterval, quantileSorted } from './analysis/stats.js';
export { createScorer, getScorer, scorerNames } from './scorers/index.js';
export { readItems, datasetHash } from './datasets/read-items.js';
export { PROVIDER_FACTORIES } from './providers/registry.js';
export type { Provider, ProviderContext, ProviderFactory } from './providers/provider.js';
export { RicegradeError, type ErrorCode } from './errors.js';
export type * from './types.js';
export { VERSION } from './version.js';
