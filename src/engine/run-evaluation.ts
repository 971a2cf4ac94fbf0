import { costUsd } from '../analysis/cost.js';
import type { ResolvedConfig } from '../config/load.js';
import { RicegradeError } from '../errors.js';
import { lookupPrice } from '../prices/catalog.js';
import type { Provider, ProviderFactory } from '../providers/provider.js';
import { PROVIDER_FACTORIES } from '../providers/registry.js';
import type { Store } from '../store/store.js';
import type { ModelSpec } from '../types.js';
import { canonicalJson } from '../util/canonical-json.js';
import type { RunEvents } from './events.js';
import { judgeAnswers, judgeLabel, pendingByJudge, type JudgeOutcome } from './judge-phase.js';
import { runLane, type ModelRuntime } from './lane.js';
import { ModelBreaker } from './model-breaker.js';
import { prepareSuites } from './prepare-suites.js';
import { RateLimiter } from './rate-limiter.js';
import { Semaphore } from './semaphore.js';

export interface EvaluateOptions {
  config: ResolvedConfig;
  store: Store;
  /** API keys by model name, read once at the edge. */
  secrets: Map<string, string>;
  toolVersion: string;
  events?: RunEvents;
  /** When aborted, no new request is sent; requests in flight finish and are stored. */
  signal?: AbortSignal;
  providers?: Record<string, ProviderFactory>;
}

export interface RunOutcome {
  runId: number;
  resumed: boolean;
  status: 'completed' | 'interrupted';
  sent: number;
  cached: number;
  errors: number;
  /** Models that were stopped after consecutive failures, with the items they left unsent. */
  stopped: Array<{ model: string; skipped: number; cause: string; unavailable: boolean }>;
  /** LLM-as-judge: answers judged now, judge errors among them, and answers left to judge on the next run. */
  judging?: JudgeOutcome;
  /** The run was cancelled (Ctrl-C, SIGTERM). */
  cancelled: boolean;
}

/**
 * Evaluate every model on every suite: prepare (validate everything, nothing sent), start or resume
 * the run, then drive one lane per model × suite × epoch. Results are stored as they arrive.
 */
export async function runEvaluation(options: EvaluateOptions): Promise<RunOutcome> {
  const { store, events } = options;
  const config = await withCatalogPrices(options.config, store);
  const factories = options.providers ?? PROVIDER_FACTORIES;
  const suites = await prepareSuites(config.suites, store);
  const runtimes = config.models.map((spec, i) => modelRuntime(spec, i, factories, options.secrets));
  // Models with role: judge only grade the others' answers.
  const candidates = runtimes.filter((r) => r.spec.role !== 'judge');
  for (const runtime of runtimes) {
    const needs = suites.find((s) => s.mode === 'loglikelihood');
    if (needs && runtime.spec.role !== 'judge' && !runtime.provider.loglikelihood) {
      const i = config.suites.indexOf(needs.spec);
      throw new RicegradeError('CONFIG_INVALID', `suites[${i}].scorer: method loglikelihood needs token log-probabilities, which model "${runtime.spec.name}" (provider ${runtime.spec.provider}) does not give; use method: generate`);
    }
    try {
      await runtime.provider.prepare?.();
    } catch (err) {
      // A model that cannot start (missing or broken GGUF, unreadable recording) is stopped; the others run.
      if (!RicegradeError.isInstance(err)) throw err;
      runtime.breaker.trip({ code: 'MODEL_UNAVAILABLE', message: err.message });
    }
  }

  const resumable = await store.findResumableRun(config.hash);
  const runId =
    resumable?.id ??
    (await store.createRun({
      configHash: config.hash,
      configPath: config.file,
      configJson: canonicalJson({ models: config.models, suites: config.suites, epochs: config.epochs }),
      toolVersion: options.toolVersion,
      epochs: config.epochs,
      models: candidates.map(({ spec: m }) => ({
        name: m.name,
        provider: m.provider,
        model: m.model,
        baseUrl: m.baseUrl,
        price: m.price,
        pricePerHour: m.pricePerHour,
        source: m.provider === 'replay' ? ('replay' as const) : ('live' as const),
      })),
      suites: suites.map((s) => ({ name: s.spec.name, suiteHash: s.hash, scorerKey: s.scorerKey, scorer: s.spec.scorer, nItems: s.nItems })),
    }));
  const perModel = suites.reduce((sum, s) => sum + s.nItems, 0) * config.epochs;
  events?.onPlan?.({ runId, resumed: resumable !== undefined, models: candidates.map(({ spec: m }) => ({ model: m.name, total: perModel })) });

  const tally = { sent: 0, cached: 0, errors: 0 };
  const lanes: Array<Promise<void>> = [];
  for (const runtime of candidates) {
    for (const suite of suites) {
      for (let epoch = 0; epoch < config.epochs; epoch++) {
        lanes.push(
          runLane({ runId, runtime, suite, epoch, store, signal: options.signal }, (done) => {
            if (done.source === 'sent') tally.sent++;
            else tally.cached++;
            if (done.error) tally.errors++;
            events?.onItem?.(done);
          }, events?.onRetry?.bind(events)),
        );
      }
    }
  }
  const settled = await Promise.allSettled(lanes);
  let failure: { reason: unknown } | undefined = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');

  // The answers are in: judged suites get their verdicts.
  let judging: JudgeOutcome | undefined;
  if (!failure && !options.signal?.aborted && suites.some((s) => s.judge)) {
    const phase = { runId, suites, runtimes, candidates: candidates.map((r) => r.spec.name), epochs: config.epochs, store, signal: options.signal, events };
    try {
      const pending = await pendingByJudge(phase);
      events?.onJudgePlan?.([...pending].map(([judge, total]) => ({ model: judgeLabel(judge), total })));
      judging = await judgeAnswers(phase);
    } catch (err) {
      failure = { reason: err };
    }
  }
  const stopped = runtimes
    .filter((r) => r.breaker.open && r.breaker.skipped > 0)
    .map((r) => ({ model: r.spec.name, skipped: r.breaker.skipped, cause: r.breaker.open!.message, unavailable: r.breaker.open!.code === 'MODEL_UNAVAILABLE' }));
  const status = failure || options.signal?.aborted || stopped.length > 0 || (judging?.unjudged ?? 0) > 0 ? 'interrupted' : 'completed';
  await store.finishRun(runId, status);
  if (failure) throw failure.reason;
  return { runId, resumed: resumable !== undefined, status, ...tally, stopped, ...(judging ? { judging } : {}), cancelled: options.signal?.aborted ?? false };
}

function modelRuntime(spec: ModelSpec, index: number, factories: Record<string, ProviderFactory>, secrets: Map<string, string>): ModelRuntime {
  const factory = factories[spec.provider];
  if (!factory) throw new RicegradeError('CONFIG_INVALID', `models[${index}].provider: no provider "${spec.provider}"`);
  const provider: Provider = factory(spec, { apiKey: secrets.get(spec.name) });
  return {
    spec,
    provider,
    slots: new Semaphore(spec.settings.concurrency),
    limiter: new RateLimiter(spec.settings.rpm, spec.settings.tpm),
    breaker: new ModelBreaker(spec.settings.stopAfterErrors),
    inflight: new Map(),
    cost: (usage, latencyMs) => (spec.price ? costUsd(usage, spec.price) : spec.pricePerHour !== undefined ? (latencyMs * spec.pricePerHour) / 3_600_000 : 0),
  };
}

/** Models with `price: catalog` and no `prices:` file take their price from the catalog imported into the store. */
async function withCatalogPrices(config: ResolvedConfig, store: Store): Promise<ResolvedConfig> {
  if (!config.models.some((m) => m.catalogKey !== undefined)) return config;
  const catalog = await store.priceCatalog();
  const models = config.models.map((m, i) => {
    if (m.catalogKey === undefined) return m;
    const entry = lookupPrice(catalog, m.catalogKey);
    if (!entry) {
      throw new RicegradeError(
        'CONFIG_INVALID',
        catalog.size === 0
          ? `models[${i}].price: catalog, but no price catalog: add prices: FILE to the config or run \`ricegrade prices import FILE\``
          : `models[${i}].price: no "${m.catalogKey}" in the imported price catalog; set catalog_key: to its catalog name`,
      );
    }
    return { ...m, price: entry.price, catalogKey: undefined };
  });
  return { ...config, models };
}
