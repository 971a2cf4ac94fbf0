import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { RicegradeError } from '../errors.js';
import { findApiKeys, HOSTED_APIS, type HostedApi } from './find-api-keys.js';
import { findGgufFiles, type GgufSearch } from './find-gguf.js';
import { DEFAULT_PROBE_TARGETS, DEFAULT_PROBE_TIMEOUT_MS, PROBE_HOST, probeServers, type ProbeResult, type ProbeTarget } from './probe-servers.js';
import { buildStarterConfig, PLACEHOLDER_BASE_URL, STARTER_DATASET, starterJsonl, type ServerFound, type StarterConfig } from './starter-config.js';

export interface InitOptions {
  /** Where to write the config. */
  config: string;
  /** Folder to search for `*.gguf` files. */
  modelsDir: string;
  /** Overwrite an existing config. */
  force?: boolean;
}

export interface InitEnvironment {
  /** Where API key variables are looked for (by name only). Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Loopback ports to probe. Default DEFAULT_PROBE_TARGETS. */
  targets?: readonly ProbeTarget[];
  /** Per-port probe timeout. Default DEFAULT_PROBE_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Folder relative paths are shown from. Default process.cwd(). */
  cwd?: string;
}

export interface InitResult {
  /** Absolute path of the config written. */
  file: string;
  dataset: { path: string; written: boolean };
  config: StarterConfig;
  probes: ProbeResult[];
  apis: HostedApi[];
  ggufs: GgufSearch;
  /** What was found and written, and the next command: for the terminal. Holds key NAMES only. */
  summary: string;
}

/**
 * Find local servers, API key variables and GGUF files, and write a starter config and dataset.
 * Refuses to replace an existing config unless `force`; the config is written atomically.
 */
export async function runInit(opts: InitOptions, environment: InitEnvironment = {}): Promise<InitResult> {
  const cwd = environment.cwd ?? process.cwd();
  const file = resolve(cwd, opts.config);
  const refusal = () => new RicegradeError('ARGUMENT_INVALID', `${opts.config} exists; use --force to overwrite`);
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) throw new RicegradeError('ARGUMENT_INVALID', `${opts.config} is a folder; give a file name, e.g. -c ${join(opts.config, 'ricegrade.yaml')}`);
    if (!opts.force) throw refusal();
  }
  const modelsDir = resolve(cwd, opts.modelsDir);
  if (!existsSync(modelsDir) || !statSync(modelsDir).isDirectory()) {
    throw new RicegradeError('ARGUMENT_INVALID', `--models-dir: ${opts.modelsDir}: no such folder`);
  }

  // Probe first and search afterwards: a long synchronous search would delay the probes' answers past their timeouts.
  const targets = environment.targets ?? DEFAULT_PROBE_TARGETS;
  const probes = await probeServers(targets, { timeoutMs: environment.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS });
  const servers = probes.filter((p): p is ServerFound => p.status === 'models');
  const apis = findApiKeys(environment.env ?? process.env);
  const ggufs = findGgufFiles(modelsDir);

  const config = buildStarterConfig({ configFile: file, servers, apis, ggufs: ggufs.files });
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, config.text, Boolean(opts.force), refusal);

  const datasetPath = join(dirname(file), STARTER_DATASET);
  let written = false;
  try {
    writeFileSync(datasetPath, starterJsonl(), { flag: 'wx' });
    written = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }

  const result: Omit<InitResult, 'summary'> = { file, dataset: { path: datasetPath, written }, config, probes, apis, ggufs };
  return { ...result, summary: summarize(result, targets, modelsDir, cwd) };
}

/**
 * Write `text` to `file` through a temporary file in the same folder, so a reader never sees half a file.
 * Without `overwrite`, an existing file is never replaced (a hard link fails if the name is taken).
 */
export function writeFileAtomic(file: string, text: string, overwrite: boolean, refusal: () => Error): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    if (overwrite) {
      renameSync(tmp, file);
      return;
    }
    try {
      linkSync(tmp, file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw refusal();
      // File systems without hard links: check, then rename.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
      if (existsSync(file)) throw refusal();
      renameSync(tmp, file);
    }
  } finally {
    rmSync(tmp, { force: true });
  }
}

function summarize(r: Omit<InitResult, 'summary'>, targets: readonly ProbeTarget[], modelsDir: string, cwd: string): string {
  const show = (path: string) => relative(cwd, path) || '.';
  const lines: string[] = [];
  lines.push(`Model servers (GET /v1/models on ${PROBE_HOST}, ports ${targets.map((t) => `${t.port} ${t.kind}`).join(', ')}):`);
  const answered = r.probes.filter((p) => p.status !== 'closed');
  for (const p of answered) {
    const where = `${PROBE_HOST}:${p.target.port}`;
    if (p.status === 'models') lines.push(`  ${where} (${p.target.kind}?): ${p.models.length} model(s)${p.models.length ? `: ${p.models.slice(0, 5).join(', ')}${p.models.length > 5 ? ', …' : ''}` : ''}`);
    else lines.push(`  ${where}: ignored (${p.detail})`);
  }
  if (answered.length === 0) lines.push('  none answered');
  lines.push(
    r.apis.length > 0
      ? `API keys in the environment (names only): ${r.apis.map((a) => a.envVar).join(', ')}`
      : `API keys in the environment: none of ${HOSTED_APIS.map((a) => a.envVar).join(', ')}`,
  );
  const g = r.ggufs;
  lines.push(`GGUF files under ${show(modelsDir)}: ${g.files.length === 0 ? 'none' : g.files.map((f) => show(f.path)).join(', ')}${g.truncated ? ' (search stopped early: too many files; use --models-dir)' : ''}`);
  for (const s of g.skipped) lines.push(`  skipped ${show(s.path)}: ${s.reason}`);

  const c = r.config;
  lines.push('');
  lines.push(`wrote ${show(r.file)}: ${c.active.length} active model(s): ${c.active.map((m) => m.name).join(', ')}`);
  if (c.commented.length > 0) lines.push(`  ${c.commented.length} hosted model(s) written commented out, so a run spends no money: ${c.commented.map((m) => m.name).join(', ')}`);
  lines.push(r.dataset.written ? `wrote ${show(r.dataset.path)}: 5 arithmetic items (suite "starter", scorer numeric)` : `kept the existing ${show(r.dataset.path)} (suite "starter")`);
  if (c.activeHosted) {
    lines.push(`note: no local model was found, so ${c.active[0]!.name} (${c.activeHosted.label}, key in ${c.activeHosted.envVar}) is active: a run costs money. Check its model id and set its price.`);
  }
  lines.push('');
  const config = show(r.file);
  if (c.placeholder) {
    lines.push(
      `Nothing was found: the active model is a PLACEHOLDER at ${PLACEHOLDER_BASE_URL} (model: your-model-id).`,
      `Start an OpenAI-compatible server there, or set base_url and model in ${config}, then:  npx ricegrade run -c ${config}`,
      'To see ricegrade work without any model or key:  npx ricegrade demo',
    );
  } else {
    lines.push(`next:  npx ricegrade run -c ${config}`);
  }
  return lines.join('\n') + '\n';
}
