import { basename, dirname, relative, sep } from 'node:path';
import { parse } from 'yaml';
import type { HostedApi } from './find-api-keys.js';
import { ggufModelStem, type GgufFile } from './find-gguf.js';
import { isChatModelId, type ProbeResult } from './probe-servers.js';

export type ServerFound = Extract<ProbeResult, { status: 'models' }>;

/** Models taken from one server; the others are listed in a comment. */
export const MAX_MODELS_PER_SERVER = 5;
/** GGUF files turned into model entries; the others are listed in a comment. */
export const MAX_GGUF_MODELS = 10;
/** The endpoint of the placeholder model written when nothing at all is found. */
export const PLACEHOLDER_BASE_URL = 'http://127.0.0.1:8000/v1';
export const STARTER_DATASET = 'starter.jsonl';

export interface StarterInputs {
  /** Absolute path the config will be written to (GGUF paths are made relative to its folder). */
  configFile: string;
  servers: readonly ServerFound[];
  apis: readonly HostedApi[];
  ggufs: readonly GgufFile[];
}

export interface StarterModel {
  name: string;
  provider: 'openai' | 'anthropic' | 'llamacpp';
  /** Where it came from: a server, an API key variable name, or a GGUF path. */
  source: string;
}

export interface StarterConfig {
  /** The YAML text to write. */
  text: string;
  /** Models a `ricegrade run` of this file evaluates. Never empty. */
  active: StarterModel[];
  /** Models written commented out, for the user to enable. */
  commented: StarterModel[];
  /** True when nothing was found and the one active model is the placeholder. */
  placeholder: boolean;
  /** The hosted API made active because no local model was found (it costs money to run). */
  activeHosted?: HostedApi;
}

/** A model name from a model id: lower-case, with whitespace, slashes and colons turned into `-`. */
export function modelName(id: string): string {
  const name = id
    .toLowerCase()
    .replace(/[\s/\\:]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return name === '' ? 'model' : name;
}

/** Hands out names from ids, adding `-2`, `-3`, … to repeats so every name is unique. */
export function createNamer(): (id: string) => string {
  const used = new Set<string>();
  return (id) => {
    const base = modelName(id);
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    return name;
  };
}

const STARTER_ITEMS = [
  { id: 'starter-1', input: 'What is 17 + 25? Answer with the number only.', expected: '42' },
  { id: 'starter-2', input: 'What is 144 - 59? Answer with the number only.', expected: '85' },
  { id: 'starter-3', input: 'What is 12 * 13? Answer with the number only.', expected: '156' },
  { id: 'starter-4', input: 'What is 391 / 17? Answer with the number only.', expected: '23' },
  { id: 'starter-5', input: 'A box holds 24 eggs. How many eggs are in 7 boxes? Answer with the number only.', expected: '168' },
];

/** The starter dataset: a handful of arithmetic items, scored `numeric`. */
export function starterJsonl(): string {
  return STARTER_ITEMS.map((item) => JSON.stringify(item)).join('\n') + '\n';
}

/** A YAML scalar: plain when that reads back as the same string, else double-quoted (JSON is valid YAML). */
export function yamlScalar(value: string): string {
  if (/^[A-Za-z0-9_.\/~][A-Za-z0-9_.\/:@+~-]*$/.test(value) && !value.endsWith(':')) {
    try {
      if ((parse(`k: ${value}`) as { k?: unknown }).k === value) return value;
    } catch {
      // fall through to quoting
    }
  }
  return JSON.stringify(value);
}

const SUITES = ['suites:', '  - name: starter', `    path: ${STARTER_DATASET}`, '    scorer: numeric', ''];

/** Lines of one model entry, as `- key: value` under `models:`, optionally commented out with `# `. */
function entry(fields: Array<[string, string | number]>, extra: string[], commented: boolean): string[] {
  const body = fields.map(([key, value], i) => `${i === 0 ? '- ' : '  '}${key}: ${typeof value === 'number' ? value : yamlScalar(value)}`);
  const lines = [...body, ...extra.map((line) => `  ${line}`)];
  return lines.map((line) => (commented ? `  # ${line}` : `  ${line}`));
}

const LOCAL_PRICE_HINT = '# price: { input: 0.00, output: 0.00 }   # optional: USD per 1M tokens (e.g. what the hardware costs you)';
const HOSTED_PRICE_HINT = '# price: { input: <USD per 1M input tokens>, output: <USD per 1M output tokens> }   # from the provider\'s price list';

/**
 * The text of a starter ricegrade.yaml. Local models (servers that answered, GGUF files) are active.
 * Hosted APIs found by their key variable are written commented out, so a first run spends no money,
 * unless no local model was found: then the first of them is active and the rest stay commented out.
 * When nothing is found at all, the one active model is a clearly marked placeholder on
 * PLACEHOLDER_BASE_URL, so the file is still valid.
 */
export function buildStarterConfig(inputs: StarterInputs): StarterConfig {
  const nameFor = createNamer();
  const active: StarterModel[] = [];
  const commented: StarterModel[] = [];
  const body: string[] = [];
  const configDir = dirname(inputs.configFile);

  for (const server of inputs.servers) {
    const host = server.baseUrl.replace(/^https?:\/\//, '').replace(/\/v1$/, '');
    const chat = server.models.filter(isChatModelId);
    const taken = chat.slice(0, MAX_MODELS_PER_SERVER);
    body.push(`  # An OpenAI-compatible server on ${host}, the default port of ${server.target.kind}.`);
    if (taken.length === 0) {
      body.push('  # It lists no chat model: load one, then run `ricegrade init --force` again or add an entry by hand.', '');
      continue;
    }
    body.push('  # Local: no price is set, so cost shows as unknown; set price: to compare it with priced models.');
    for (const id of taken) {
      const name = nameFor(id);
      body.push(...entry([['name', name], ['provider', 'openai'], ['model', id], ['base_url', server.baseUrl]], [LOCAL_PRICE_HINT], false));
      active.push({ name, provider: 'openai', source: `${server.target.kind} on ${host}` });
    }
    const rest = server.models.filter((id) => !taken.includes(id));
    if (rest.length > 0) body.push(`  # Also listed there (not added${chat.length < server.models.length ? '; embedding/reranking models are never added' : ''}): ${listed(rest)}`);
    body.push('');
  }

  if (inputs.ggufs.length > 0) {
    const taken = inputs.ggufs.slice(0, MAX_GGUF_MODELS);
    body.push('  # GGUF files, run in-process by llama.cpp (paths are relative to this file).');
    body.push('  # threads: 1 — on small machines 1 thread was far faster than 2; raise it on a big machine.');
    for (const file of taken) {
      const name = nameFor(ggufModelStem(basename(file.path)));
      const path = relative(configDir, file.path).split(sep).join('/');
      body.push(...entry([['name', name], ['provider', 'llamacpp'], ['path', path], ['threads', 1]], ['# context_size: 4096   # optional: context window in tokens', '# price: { per_hour: 0.10 }   # optional: USD per hour of wall time (what the hardware costs you)'], false));
      active.push({ name, provider: 'llamacpp', source: path });
    }
    if (inputs.ggufs.length > taken.length) {
      const rest = inputs.ggufs.slice(taken.length).map((f) => relative(configDir, f.path).split(sep).join('/'));
      body.push(`  # ${rest.length} more GGUF file(s), not added: ${listed(rest)}`);
    }
    body.push('');
  }

  const localFound = active.length > 0;
  let activeHosted: HostedApi | undefined;
  inputs.apis.forEach((api, i) => {
    const on = !localFound && i === 0;
    const name = nameFor(api.name);
    const fields: Array<[string, string]> = [['name', name], ['provider', api.provider], ['model', api.model]];
    if (api.baseUrl) fields.push(['base_url', api.baseUrl]);
    fields.push(['api_key_env', api.envVar]);
    if (on) {
      activeHosted = api;
      body.push(`  # ${api.label}, with the key in ${api.envVar}. ACTIVE because no local model was found: a run COSTS MONEY`);
      body.push('  # (the starter suite is 5 short items). The model id is a suggestion: check the provider\'s model list.');
      body.push(...entry(fields, [HOSTED_PRICE_HINT], false));
      active.push({ name, provider: api.provider, source: api.envVar });
    } else {
      body.push(`  # ${api.label}, with the key in ${api.envVar}. Commented out: a run would cost money. To evaluate it,`);
      body.push('  # remove one "# " from each line below; the model id is a suggestion; set its price.');
      body.push(...entry(fields, [HOSTED_PRICE_HINT], true));
      commented.push({ name, provider: api.provider, source: api.envVar });
    }
    body.push('');
  });

  const placeholder = active.length === 0;
  if (placeholder) {
    const name = nameFor('placeholder');
    body.push(
      '  # PLACEHOLDER: no model server, API key or GGUF file was found on this machine.',
      `  # Start an OpenAI-compatible server on ${PLACEHOLDER_BASE_URL.replace(/^http:\/\//, '').replace(/\/v1$/, '')} (e.g. vLLM), or set base_url`,
      '  # and model to a server you have. To see ricegrade work without any model: npx ricegrade demo',
      ...entry([['name', name], ['provider', 'openai'], ['model', 'your-model-id'], ['base_url', PLACEHOLDER_BASE_URL]], [], false),
      '',
    );
    active.push({ name, provider: 'openai', source: 'placeholder' });
  }

  const header = [
    '# ricegrade.yaml written by `ricegrade init` from what this machine has: a starting point, edit freely.',
    '# Every key is described in the README ("Config reference").',
    '# Hosted APIs are written commented out unless no local model was found, so a first run spends no money.',
    '# API keys are referred to by the NAME of their environment variable only (api_key_env).',
    '# defaults: { concurrency: 8, timeout_ms: 120000, temperature: 0, max_tokens: 1024 }   # settings for every model',
    'models:',
  ];
  const text = [...header, ...trimTrailingBlank(body), ...SUITES].join('\n');
  return { text, active, commented, placeholder, activeHosted };
}

function listed(items: readonly string[], max = 10): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')}, … (${items.length - max} more)`;
}

function trimTrailingBlank(lines: string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}
