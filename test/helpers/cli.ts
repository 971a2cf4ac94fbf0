import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'dist', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Start the built `ricegrade` CLI as a user would, in `cwd`. */
export function spawnCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Wait for a spawned CLI to exit and collect its output. */
export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

export function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  return collect(spawnCli(args, options));
}

/** A fresh temporary folder with the given files written into it. */
export function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ricegrade-test-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** `n` arithmetic items "What is A + B?" as JSONL, with ids q0…q(n-1). */
export function arithJsonl(n: number, offset = 0): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = 11 + (i + offset) * 7;
    const b = 3 + ((i + offset) % 9);
    lines.push(JSON.stringify({ id: `q${i + offset}`, input: `What is ${a} + ${b}? Answer with the number only.`, expected: String(a + b) }));
  }
  return lines.join('\n') + '\n';
}

/** A ricegrade.yaml for the given models against `url`, with one suite `arith` on arith.jsonl. */
export function configYaml(url: string, models: Array<{ name: string; model?: string; extra?: string }>, suiteExtra = ''): string {
  const lines = ['models:'];
  for (const m of models) {
    lines.push(`  - name: ${m.name}`, '    provider: openai', `    model: ${m.model ?? m.name}`, `    base_url: ${url}`, '    price: { input: 1.00, output: 4.00 }');
    if (m.extra) lines.push(...m.extra.split('\n').map((l) => `    ${l}`));
  }
  lines.push('suites:', '  - name: arith', '    path: arith.jsonl', '    scorer: exact');
  if (suiteExtra) lines.push(...suiteExtra.split('\n').map((l) => `    ${l}`));
  return lines.join('\n') + '\n';
}

/** Poll until `condition` holds (every 5 ms), or fail after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
