import { readFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { RicegradeError } from '../errors.js';
import type { ModelSettings, ModelSpec } from '../types.js';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256 } from '../util/hash.js';
import { DEFAULT_API_KEY_ENV, DEFAULT_BASE_URL, DEFAULT_SETTINGS } from './defaults.js';
import { formatIssue, formatPath } from './format-issue.js';
import { configSchema, type RawConfig, type RawModel } from './schema.js';
import { parseLocatedYaml } from './yaml-locations.js';

export interface ScorerSpec {
  name: string;
  [option: string]: unknown;
}

export interface SuiteSpec {
  name: string;
  /** Absolute path of the dataset. */
  path: string;
  format: 'jsonl' | 'csv';
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
  const absolute = resolve(file);
  const name = basename(absolute);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RicegradeError('CONFIG_NOT_FOUND', `${file}: ${code === 'ENOENT' ? 'config file not found' : `cannot read config (${code})`}`);
  }
  const parsed = parseLocatedYaml(text);
  if (!('lineOf' in parsed)) {
    throw new RicegradeError('CONFIG_INVALID', `${name}:${parsed.line}: YAML syntax error: ${parsed.message}`);
  }
  const at = (path: readonly PropertyKey[], key?: string) => {
    const line = parsed.lineOf(path, key);
    return line ? `${name}:${line}` : name;
  };
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    throw new RicegradeError('CONFIG_INVALID', `${name}: expected a mapping with models: and suites:`);
  }
  const result = configSchema.safeParse(parsed.value);
  if (!result.success) {
    const issues = result.error.issues;
    // An unknown key is often a misspelt required one: report it first, with its did-you-mean hint.
    const first = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
    const key = first.code === 'unrecognized_keys' ? first.keys[0] : undefined;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    throw new RicegradeError('CONFIG_INVALID', `${at(first.path, key)}: ${formatIssue(first, parsed.value, configSchema)}${more}`);
  }
  const raw = result.data;
  requireUnique(raw.models.map((m) => m.name), 'models', 'name', at);
  requireUnique(raw.suites.map((s) => s.name), 'suites', 'name', at);

  const dir = dirname(absolute);
  const suites: SuiteSpec[] = raw.suites.map((s, i) => {
    const path = isAbsolute(s.path) ? s.path : join(dir, s.path);
    const format = s.format ?? formatFromExtension(path);
    if (!format) {
      throw new RicegradeError('CONFIG_INVALID', `${at(['suites', i, 'path'])}: suites[${i}].path: cannot tell the format of "${s.path}" from its extension; add format: jsonl or format: csv`);
    }
    const scorer: ScorerSpec = typeof s.scorer === 'string' ? { name: s.scorer } : { ...s.scorer };
    return { name: s.name, path, format, scorer, system: s.system, template: s.template };
  });

  return {
    file: absolute,
    models: raw.models.map((m) => resolveModel(m, raw)),
    suites,
    epochs: raw.epochs ?? 1,
    storePath: raw.store ? resolve(dir, raw.store.path) : defaultStorePath(absolute),
    hash: sha256(canonicalJson(raw)),
  };
}

function formatFromExtension(path: string): 'jsonl' | 'csv' | undefined {
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

function resolveModel(m: RawModel, raw: RawConfig): ModelSpec {
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
    rpm: pick('rpm'),
    tpm: pick('tpm'),
  };
  const usesDefaultEndpoint = m.base_url === undefined;
  return {
    name: m.name,
    provider: m.provider,
    model: m.model,
    baseUrl: (m.base_url ?? DEFAULT_BASE_URL[m.provider]).replace(/\/+$/, ''),
    apiKeyEnv: m.api_key_env ?? (usesDefaultEndpoint ? DEFAULT_API_KEY_ENV[m.provider] : undefined),
    price: m.price,
    settings,
    params: m.params ?? {},
    headers: m.headers ?? {},
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
