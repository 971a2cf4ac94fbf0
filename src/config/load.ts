import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { RicegradeError } from '../errors.js';
import { lookupPrice, readPriceCatalog, type CatalogEntry } from '../prices/catalog.js';
import type { ModelSettings, ModelSpec, Price } from '../types.js';
import { closest } from '../util/closest.js';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256 } from '../util/hash.js';
import { DEFAULT_API_KEY_ENV, DEFAULT_BASE_URL, DEFAULT_LOCAL, DEFAULT_SETTINGS } from './defaults.js';
import { checkJudges } from './check-judges.js';
import { formatPath } from './format-issue.js';
import { readValidatedYaml } from './read-validated-yaml.js';
import { configSchema, DATASET_FORMATS, type RawConfig, type RawModel, type RawSuite } from './schema.js';
import type { DatasetFormat } from '../datasets/read-items.js';
import { GENERATORS, getGenerator } from '../suites/generators/index.js';

export interface ScorerSpec {
  name: string;
  [option: string]: unknown;
}

export interface SuiteSpec {
  name: string;
  /** Absolute path of the dataset (`generator:<name>` for generated suites). */
  path: string;
  format: DatasetFormat;
  /** Generated suites: which generator, with which seed, how many items, how hard. */
  generator?: { name: string; seed: number; n: number; difficulty: 1 | 2 | 3 };
  scorer: ScorerSpec;
  system?: string;
  template?: string;
}

export interface ResolvedConfig {
  /** Absolute path of the config file. */
  file: string;
  models: ModelSpec[];
  suites: SuiteSpec[];
  epochs: number;
  /** Absolute path of the SQLite store. */
  storePath: string;
  /** sha256 of the validated config in canonical form. */
  hash: string;
}

/** Default store location: `.ricegrade/ricegrade.db` beside the config file. */
export function defaultStorePath(configFile: string): string {
  return join(dirname(resolve(configFile)), '.ricegrade', 'ricegrade.db');
}

/** Read, validate and resolve a ricegrade.yaml. Every problem is a CONFIG_* error naming file, line and field. */
export function loadConfig(file: string): ResolvedConfig {
  const { file: absolute, data: raw, at } = readValidatedYaml(file, configSchema, { kind: 'config', expects: 'models: and suites:' });
  requireUnique(raw.models.map((m) => m.name), 'models', 'name', at);
  requireUnique(raw.suites.map((s) => s.name), 'suites', 'name', at);
  checkJudges(raw, at);

  const dir = dirname(absolute);
  const catalog = raw.prices ? readPriceCatalog(resolve(dir, raw.prices)) : undefined;
  const suites: SuiteSpec[] = raw.suites.map((s, i) => {
    const fail = (key: string, message: string): never => {
      throw new RicegradeError('CONFIG_INVALID', `${at(['suites', i, key])}: suites[${i}].${key}: ${message}`);
    };
    const given = (s: { scorer?: RawSuite['scorer'] }): ScorerSpec | undefined =>
      s.scorer === undefined ? undefined : typeof s.scorer === 'string' ? { name: s.scorer } : { ...s.scorer };
    if (s.generator !== undefined) {
      if (s.path !== undefined || s.format !== undefined) fail('generator', 'a suite is either generated or read from path:, not both');
      const generator = getGenerator(s.generator);
      if (!generator) fail('generator', `unknown generator "${s.generator}" (expected one of ${GENERATORS.map((g) => g.name).join(', ')})`);
      const spec = { name: s.generator, seed: s.seed ?? 1, n: s.n ?? 100, difficulty: s.difficulty ?? 2 };
      return { name: s.name, path: `generator:${s.generator}`, format: 'jsonl', generator: spec, scorer: given(s) ?? { ...generator!.scorer }, system: s.system, template: s.template };
    }
    for (const key of ['seed', 'n', 'difficulty'] as const) if (s[key] !== undefined) fail(key, 'only for generated suites (generator:)');
    if (s.path === undefined) return fail('path', 'is required (a dataset file), or use generator:');
    const path = isAbsolute(s.path) ? s.path : join(dir, s.path);
    const format = s.format ?? formatFromExtension(path);
    if (!format) fail('path', `cannot tell the format of "${s.path}" from its extension; add format: (${DATASET_FORMATS.join(', ')})`);
    const scorer = given(s) ?? fail('scorer', 'is required for a dataset file');
    return { name: s.name, path, format: format!, scorer, system: s.system, template: s.template };
  });

  return {
    file: absolute,
    models: raw.models.map((m, i) => resolveModel(m, raw, i, dir, at, catalog)),
    suites,
    epochs: raw.epochs ?? 1,
    storePath: raw.store ? resolve(dir, raw.store.path) : defaultStorePath(absolute),
    hash: sha256(canonicalJson(raw)),
  };
}

function formatFromExtension(path: string): DatasetFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  return undefined;
}

function requireUnique(
  values: string[],
  list: string,
  field: string,
  at: (path: readonly PropertyKey[]) => string,
): void {
  const seen = new Map<string, number>();
  values.forEach((value, i) => {
    const first = seen.get(value);
    if (first !== undefined) {
      const path = [list, i, field];
      throw new RicegradeError('CONFIG_INVALID', `${at(path)}: ${formatPath(path)}: duplicate ${field} "${value}" (also ${list}[${first}])`);
    }
    seen.set(value, i);
  });
}

/** Provider-specific keys: which a provider needs and which it cannot use. */
function checkProviderKeys(m: RawModel, i: number, at: (path: readonly PropertyKey[]) => string): void {
  const fail = (key: string, message: string) => {
    throw new RicegradeError('CONFIG_INVALID', `${at(['models', i, key])}: models[${i}].${key}: ${message}`);
  };
  if (m.provider === 'replay') {
    if (!m.path) fail('provider', 'provider replay needs path: (a file of recorded outputs)');
    for (const key of ['base_url', 'api_key_env', 'threads', 'context_size'] as const) if (m[key] !== undefined) fail(key, 'not used by provider replay');
  } else if (m.provider === 'llamacpp') {
    if (!m.path) fail('provider', 'provider llamacpp needs path: (a GGUF file)');
    for (const key of ['base_url', 'api_key_env', 'format'] as const) if (m[key] !== undefined) fail(key, 'not used by provider llamacpp');
  } else {
    if (!m.model) fail('model', `is required for provider ${m.provider}`);
    for (const key of ['path', 'format'] as const) if (m[key] !== undefined) fail(key, 'only for providers replay and llamacpp');
    for (const key of ['threads', 'context_size'] as const) if (m[key] !== undefined) fail(key, 'only for provider llamacpp');
  }
}

/**
 * A model's price: explicit, or `catalog` — from the config's `prices:` file now, or (without one) from the
 * catalog imported into the store, resolved before the run starts. An explicit price always wins.
 */
function resolvePrice(
  m: RawModel,
  index: number,
  at: (path: readonly PropertyKey[]) => string,
  catalog: Map<string, CatalogEntry> | undefined,
): { price?: Price; pricePerHour?: number; catalogKey?: string } {
  if (m.catalog_key !== undefined && m.price !== 'catalog') {
    throw new RicegradeError('CONFIG_INVALID', `${at(['models', index, 'catalog_key'])}: models[${index}].catalog_key: only used with price: catalog`);
  }
  if (m.price !== undefined && m.price !== 'catalog' && 'per_hour' in m.price) return { pricePerHour: m.price.per_hour };
  if (m.price !== 'catalog') return { price: m.price };
  const key = m.catalog_key ?? m.model ?? m.name;
  if (!catalog) return { catalogKey: key };
  const entry = lookupPrice(catalog, key);
  if (!entry) {
    const hint = closest(key, [...catalog.keys()]);
    throw new RicegradeError('CONFIG_INVALID', `${at(['models', index, 'price'])}: models[${index}].price: no "${key}" in the price catalog${hint ? ` (did you mean "${hint}"? set catalog_key:)` : '; set catalog_key: to its catalog name'}`);
  }
  return { price: entry.price };
}

function resolveModel(
  m: RawModel,
  raw: RawConfig,
  index: number,
  dir: string,
  at: (path: readonly PropertyKey[]) => string,
  catalog: Map<string, CatalogEntry> | undefined,
): ModelSpec {
  checkProviderKeys(m, index, at);
  const priced = resolvePrice(m, index, at, catalog);
  const d = raw.defaults ?? {};
  const pick = <K extends keyof typeof d>(key: K) => m[key] ?? d[key];
  const settings: ModelSettings = {
    concurrency: pick('concurrency') ?? DEFAULT_SETTINGS.concurrency,
    timeoutMs: pick('timeout_ms') ?? DEFAULT_SETTINGS.timeoutMs,
    retries: pick('retries') ?? DEFAULT_SETTINGS.retries,
    backoffMs: pick('backoff_ms') ?? DEFAULT_SETTINGS.backoffMs,
    maxBackoffMs: pick('max_backoff_ms') ?? DEFAULT_SETTINGS.maxBackoffMs,
    temperature: pick('temperature') ?? DEFAULT_SETTINGS.temperature,
    maxTokens: pick('max_tokens') ?? DEFAULT_SETTINGS.maxTokens,
    stopAfterErrors: pick('stop_after_errors') ?? DEFAULT_SETTINGS.stopAfterErrors,
    stream: pick('stream') ?? DEFAULT_SETTINGS.stream,
    rpm: pick('rpm'),
    tpm: pick('tpm'),
  };
  if (m.provider === 'llamacpp') {
    // A missing or broken file is reported when the model loads, so the other models of the run carry on.
    const path = resolve(dir, m.path!);
    return {
      name: m.name,
      provider: m.provider,
      model: m.model ?? m.name,
      baseUrl: `llamacpp:${path}`,
      ...priced,
      settings,
      params: {},
      headers: {},
      ...(m.role === 'judge' ? { role: 'judge' as const } : {}),
      local: { path, threads: m.threads ?? DEFAULT_LOCAL.threads, contextSize: m.context_size ?? DEFAULT_LOCAL.contextSize },
    };
  }
  if (m.provider === 'replay') {
    const path = resolve(dir, m.path!);
    if (!existsSync(path)) throw new RicegradeError('DATASET_NOT_FOUND', `${at(['models', index, 'path'])}: models[${index}].path: ${m.path}: file not found`);
    return {
      name: m.name,
      provider: m.provider,
      model: m.model ?? m.name,
      baseUrl: `replay:${path}`,
      ...priced,
      settings,
      params: {},
      headers: {},
      ...(m.role === 'judge' ? { role: 'judge' as const } : {}),
      // The file's hash is part of the identity, so editing the recording never reuses stale answers.
      replay: { path, format: m.format ?? 'jsonl', sha256: sha256(readFileSync(path)) },
    };
  }
  const usesDefaultEndpoint = m.base_url === undefined;
  return {
    name: m.name,
    provider: m.provider,
    model: m.model!,
    baseUrl: (m.base_url ?? DEFAULT_BASE_URL[m.provider]).replace(/\/+$/, ''),
    apiKeyEnv: m.api_key_env ?? (usesDefaultEndpoint || m.provider === 'anthropic' ? DEFAULT_API_KEY_ENV[m.provider] : undefined),
    ...priced,
    settings,
    params: m.params ?? {},
    headers: m.headers ?? {},
    ...(m.role === 'judge' ? { role: 'judge' as const } : {}),
  };
}

/** The API keys a run needs, read once from the environment. A named variable that is unset is bad input. */
export function readSecrets(config: ResolvedConfig, env: NodeJS.ProcessEnv): Map<string, string> {
  const secrets = new Map<string, string>();
  config.models.forEach((m, i) => {
    if (!m.apiKeyEnv) return;
    const value = env[m.apiKeyEnv];
    if (!value) {
      throw new RicegradeError('ENV_MISSING', `models[${i}].api_key_env: environment variable ${m.apiKeyEnv} is not set (model "${m.name}")`);
    }
    secrets.set(m.name, value);
  });
  return secrets;
}
