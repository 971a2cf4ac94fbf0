import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../config/load.js';
import { demoItems } from '../demo/demo-suite.js';
import { SIMULATED_MODELS, startSimulatedMarket, type RunningMarket } from '../demo/simulated-market.js';
import { RicegradeError } from '../errors.js';
import { evaluateWithProgress } from './run-command.js';

const DEFAULT_PORT = 18473;

async function startMarket(items: ReturnType<typeof demoItems>, port: number | undefined): Promise<RunningMarket> {
  if (port !== undefined) return startSimulatedMarket(items, port);
  // A fixed port keeps the cache warm between demo runs; any free port if it is taken.
  try {
    return await startSimulatedMarket(items, DEFAULT_PORT);
  } catch {
    return startSimulatedMarket(items, 0);
  }
}

/**
 * The main job on embedded defaults: write a config and dataset, serve a simulated market on loopback,
 * evaluate it exactly as `ricegrade run` would, store it in SQLite and print the leaderboard.
 */
export async function demoCommand(opts: { dir: string; port: string }): Promise<void> {
  const port = opts.port === '0' ? undefined : Number(opts.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new RicegradeError('ARGUMENT_INVALID', `--port: expected a port number, got "${opts.port}"`);
  }
  const dir = resolve(opts.dir);
  mkdirSync(dir, { recursive: true });
  const items = demoItems();
  writeFileSync(join(dir, 'demo.jsonl'), items.map((item) => JSON.stringify(item)).join('\n') + '\n');

  const market = await startMarket(items, port);
  try {
    const config = {
      models: SIMULATED_MODELS.map((m) => ({ name: m.id, provider: 'openai', model: m.id, base_url: market.url, price: m.price })),
      suites: [{ name: 'arithmetic', path: 'demo.jsonl', scorer: 'numeric' }],
    };
    const file = join(dir, 'ricegrade.yaml');
    writeFileSync(
      file,
      `# SIMULATED MARKET written by \`ricegrade demo\`: fictional models served on loopback (${market.url}).\n` +
        '# They are not real LLMs. To evaluate real ones, point base_url at any OpenAI-compatible server.\n' +
        stringify(config),
    );
    const resolved = loadConfig(file);
    await evaluateWithProgress(
      resolved,
      resolved.storePath,
      '=== SIMULATED MARKET (fictional models served by ricegrade on loopback; not real LLMs) ===',
    );
    const shown = relative(process.cwd(), file) || file;
    process.stdout.write(
      `\nconfig and dataset: ${relative(process.cwd(), dir) || '.'}/  ·  store: ${relative(process.cwd(), resolved.storePath)}\n` +
        `see again:  npx ricegrade results -c ${shown} --format json\n` +
        `analyse:    npx ricegrade market -c ${shown}   ·   npx ricegrade report -c ${shown} --out report.html\n` +
        'real models: write a ricegrade.yaml (see README) and run  npx ricegrade run -c ricegrade.yaml\n',
    );
  } finally {
    await market.close();
  }
}
