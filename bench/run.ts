/**
 * ricegrade benchmark: the engine end to end through the real CLI against the local test server
 * (a separate process, zero latency), so the figures are ricegrade's own CPU and memory.
 *
 *   npm run bench            2,000 and 20,000 items × 4 models, a fully cached re-run, --help start-up
 *   npm run bench -- --quick 500 and 2,000 items (a smoke run)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../test/helpers/cli.js';
import { benchLoglikelihood } from './llamacpp.js';
import { benchMarket } from './market.js';

const MODELS = ['bench-a', 'bench-b', 'bench-c', 'bench-d'];
const quick = process.argv.includes('--quick');
const SIZES = quick ? [500, 2_000] : [2_000, 20_000];
const TARGET = { cpuMsPerResponse: 0.3, peakRssMb: 150, helpMs: 150, marketSeconds: 3, marketRssMb: 500 };

interface Stats {
  cpu_user_ms: number;
  cpu_system_ms: number;
  max_rss_mb: number;
  sent: number;
  cached: number;
}

function startServer(latencyMs = 0): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/helpers/fake-llm-server-main.ts'), '--port', '0', '--latency-ms', String(latencyMs)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      const m = /listening (\d+)/.exec(d);
      if (m) resolve({ url: `http://127.0.0.1:${m[1]}/v1`, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`test server exited ${code}`)));
  });
}

function run(args: string[], cwd: string): Promise<{ wallMs: number; code: number | null; stderr: string; stdout: string }> {
  const start = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ wallMs: performance.now() - start, code, stderr, stdout })));
}

function workspaceFor(n: number, url: string, models = MODELS, concurrency = 16): string {
  const dir = mkdtempSync(join(tmpdir(), `ricegrade-bench-${n}-`));
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = 100 + i;
    const b = 7 + (i % 13);
    lines.push(JSON.stringify({ id: `b${i}`, input: `What is ${a} + ${b}? Answer with the number only.`, expected: String(a + b), category: `c${i % 7}` }));
  }
  writeFileSync(join(dir, 'items.jsonl'), lines.join('\n') + '\n');
  const entries = models.map((m) => `  - { name: ${m}, provider: openai, model: ${m}, base_url: "${url}", price: { input: 1, output: 4 }, concurrency: ${concurrency} }`);
  writeFileSync(join(dir, 'ricegrade.yaml'), `models:\n${entries.join('\n')}\nsuites:\n  - { name: bench, path: items.jsonl, scorer: exact }\n`);
  return dir;
}

async function measureRun(n: number, url: string, dir = workspaceFor(n, url)) {
  const r = await run(['run', '-c', 'ricegrade.yaml', '--stats'], dir);
  if (r.code !== 0) throw new Error(`run failed (${r.code}): ${r.stderr.slice(-500)}`);
  const line = r.stderr.split('\n').find((l) => l.startsWith('stats: '));
  if (!line) throw new Error('no stats line');
  const stats = JSON.parse(line.slice(7)) as Stats;
  const responses = n * MODELS.length;
  const cpuMs = stats.cpu_user_ms + stats.cpu_system_ms;
  return { n, responses, dir, wallMs: r.wallMs, cpuMs, stats, perSecond: responses / (r.wallMs / 1000), cpuMsPerResponse: cpuMs / responses, cpuMsPerItem: cpuMs / n };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function measureStartup(): Promise<{ helpMs: number; nodeMs: number }> {
  const help: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 11; i++) {
    help.push((await run(['--help'], ROOT)).wallMs);
    const start = performance.now();
    await new Promise((r) => spawn(process.execPath, ['-e', '0']).on('close', r));
    bare.push(performance.now() - start);
  }
  return { helpMs: median(help), nodeMs: median(bare) };
}

const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');

const server = await startServer();
const dirs: string[] = [];
try {
  console.log(`ricegrade bench · ${MODELS.length} models · local test server, zero latency · node ${process.version}\n`);
  const results = [];
  for (const n of SIZES) {
    const r = await measureRun(n, server.url);
    dirs.push(r.dir);
    results.push(r);
    console.log(
      `${String(n).padStart(6)} items × ${MODELS.length} models: ${r.perSecond.toFixed(0)} responses/s · CPU ${r.cpuMsPerResponse.toFixed(3)} ms/response ` +
        `(${r.cpuMsPerItem.toFixed(3)} ms/item for all ${MODELS.length} models) · peak RSS ${r.stats.max_rss_mb.toFixed(0)} MB · wall ${(r.wallMs / 1000).toFixed(1)} s`,
    );
  }
  const biggest = results[results.length - 1]!;
  const cached = await measureRun(biggest.n, server.url, biggest.dir);
  console.log(
    `${String(biggest.n).padStart(6)} items, fully cached re-run: ${cached.stats.sent} sent, ${cached.stats.cached} reused · CPU ${cached.cpuMsPerResponse.toFixed(3)} ms/response · peak RSS ${cached.stats.max_rss_mb.toFixed(0)} MB · wall ${(cached.wallMs / 1000).toFixed(1)} s`,
  );
  const market = await benchMarket();
  console.log(
    `market: ${market.models} models × ${market.items} items × ${market.categories} categories (imported in ${market.importSeconds.toFixed(1)} s): ` +
      `\`ricegrade market\` ${(market.wallMs / 1000).toFixed(2)} s wall, ${(market.cpuMs / 1000).toFixed(2)} s CPU, peak RSS ${market.maxRssMb.toFixed(0)} MB`,
  );
  // TTFT measurement error: a server that waits a known time before its first byte.
  const DELAY = 50;
  const delayed = await startServer(DELAY);
  let ttftError: number;
  try {
    // One model, one request at a time: the error of the measurement itself, not queueing behind other answers.
    const dir = workspaceFor(100, delayed.url, ['ttft-probe'], 1);
    dirs.push(dir);
    const r = await run(['run', '-c', 'ricegrade.yaml'], dir);
    if (r.code !== 0) throw new Error(r.stderr);
    const rows = JSON.parse((await run(['results', '-c', 'ricegrade.yaml', '--format', 'json'], dir)).stdout) as Array<{ ttft_p50_ms: number }>;
    ttftError = Math.max(...rows.map((x) => Math.abs(x.ttft_p50_ms - DELAY)));
    console.log(`TTFT against a server with a known ${DELAY} ms delay: measured p50 ${rows.map((x) => x.ttft_p50_ms).join(', ')} ms — error ${ttftError.toFixed(1)} ms`);
  } finally {
    delayed.stop();
  }
  const ll = await benchLoglikelihood();
  if (ll) {
    console.log(
      `log-likelihood scoring, stories260K, 1 thread: ricegrade ${ll.choicesPerSecond.toFixed(0)} choices/s; the same scoring written directly with node-llama-cpp: ` +
        `${ll.sharedChoicesPerSecond.toFixed(0)} choices/s with ricegrade's method (context once), ${ll.directChoicesPerSecond.toFixed(0)} choices/s evaluating the context for each choice — overhead vs the former ${ll.overheadPercent.toFixed(1)}%`,
    );
  } else console.log('log-likelihood scoring: skipped (needs ../shared/models/stories260K.gguf)');
  const startup = await measureStartup();
  console.log(`ricegrade --help: ${startup.helpMs.toFixed(0)} ms median of 11 (bare \`node -e 0\`: ${startup.nodeMs.toFixed(0)} ms; ratio ${(startup.helpMs / startup.nodeMs).toFixed(2)}×)`);

  const small = results[0]!;
  console.log('\nratios measured in this run:');
  console.log(`  memory, ${biggest.n} vs ${small.n} items: peak RSS ×${(biggest.stats.max_rss_mb / small.stats.max_rss_mb).toFixed(2)} for ×${biggest.n / small.n} the work`);
  console.log(`  CPU per response, ${biggest.n} vs ${small.n} items: ×${(biggest.cpuMsPerResponse / small.cpuMsPerResponse).toFixed(2)}`);
  console.log(`  cached re-run vs first run (CPU per response): ×${(cached.cpuMsPerResponse / biggest.cpuMsPerResponse).toFixed(2)}`);
  console.log('\ntargets:');
  const worstCpu = Math.max(...results.map((r) => r.cpuMsPerResponse));
  console.log(`  CPU ≤ ${TARGET.cpuMsPerResponse} ms per response: worst ${worstCpu.toFixed(3)} — ${verdict(worstCpu <= TARGET.cpuMsPerResponse)}`);
  console.log(`  peak RSS ≤ ${TARGET.peakRssMb} MB at ${biggest.n} items: ${biggest.stats.max_rss_mb.toFixed(0)} MB — ${verdict(biggest.stats.max_rss_mb <= TARGET.peakRssMb)}`);
  console.log(`  --help ≤ ${TARGET.helpMs} ms: ${startup.helpMs.toFixed(0)} ms — ${verdict(startup.helpMs <= TARGET.helpMs)}`);
  if (ll) console.log(`  log-likelihood overhead ≤ 10%: ${ll.overheadPercent.toFixed(1)}% — ${verdict(ll.overheadPercent <= 10)}`);
  console.log(`  TTFT error ≤ 2 ms: ${ttftError.toFixed(1)} ms — ${verdict(ttftError <= 2)}`);
  console.log(`  market (40 × 12,000 × 14) ≤ ${TARGET.marketSeconds} s: ${(market.wallMs / 1000).toFixed(2)} s — ${verdict(market.wallMs / 1000 <= TARGET.marketSeconds)}`);
  console.log(`  market peak RSS ≤ ${TARGET.marketRssMb} MB: ${market.maxRssMb.toFixed(0)} MB — ${verdict(market.maxRssMb <= TARGET.marketRssMb)}`);
} finally {
  server.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
