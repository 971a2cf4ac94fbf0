/**
 * Market benchmark: a synthetic market of 40 models × 12,000 items × 14 categories (10-option multiple
 * choice) imported into a store, then `ricegrade market` timed end to end through the CLI (all pairwise
 * similarity metrics, tiers with Holm correction, 1,000-round bootstraps).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../src/analysis/random.js';
import { saveImport } from '../src/importers/save-import.js';
import type { ImportedRecord } from '../src/importers/types.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import { BIN } from '../test/helpers/cli.js';

export interface MarketBench {
  models: number;
  items: number;
  categories: number;
  importSeconds: number;
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

const LETTERS = 'ABCDEFGHIJ';

/** Deterministic synthetic answers: model skill, item difficulty, and a popular wrong answer per item. */
function* syntheticMarket(models: number, items: number, categories: number): Generator<ImportedRecord> {
  const random = seededRandom(42);
  const skill = Array.from({ length: models }, (_, m) => -1 + (2.5 * m) / models + random() * 0.3);
  const strength = Array.from({ length: models * categories }, () => (random() - 0.5) * 0.8);
  for (let i = 0; i < items; i++) {
    const difficulty = (random() - 0.5) * 3;
    const truth = Math.floor(random() * 10);
    const popularWrong = (truth + 1 + Math.floor(random() * 9)) % 10;
    const category = i % categories;
    for (let m = 0; m < models; m++) {
      const logit = skill[m]! - difficulty + strength[m * categories + category]!;
      const right = random() < 1 / (1 + Math.exp(-logit));
      const choice = right ? truth : random() < 0.5 ? popularWrong : (truth + 1 + Math.floor(random() * 9)) % 10;
      yield {
        model: `model-${String(m).padStart(2, '0')}`,
        itemId: `q${i}`,
        input: `Question ${i}`,
        expected: LETTERS[truth]!,
        choices: Array.from(LETTERS, (l) => `option ${l}`),
        category: `cat-${category}`,
        output: `The answer is (${LETTERS[choice]}).`,
        score: right ? 1 : 0,
        answer: LETTERS[choice]!,
      };
    }
  }
}

async function* stream<T>(source: Iterable<T>): AsyncGenerator<T> {
  yield* source;
}

export async function benchMarket(models = 40, items = 12_000, categories = 14, keepDir?: string): Promise<MarketBench> {
  const dir = keepDir ?? mkdtempSync(join(tmpdir(), 'ricegrade-market-bench-'));
  try {
    const db = join(dir, 'market.db');
    const store = openSqliteStore(db);
    const started = performance.now();
    await saveImport(stream(syntheticMarket(models, items, categories)), { store, format: 'jsonl', suite: 'synthetic', toolVersion: 'bench', source: 'synthetic' });
    // Prices: log-uniform from $0.05 to $20 per 1M tokens, in no relation to skill (a real market's problem).
    const random = seededRandom(7);
    const sqlite = (store as unknown as { db: import('better-sqlite3').Database }).db;
    const update = sqlite.prepare('UPDATE run_models SET price_input = ?, price_output = ? WHERE name = ?');
    for (let m = 0; m < models; m++) {
      const p = 0.05 * Math.exp(random() * Math.log(400));
      update.run(p, p * 4, `model-${String(m).padStart(2, '0')}`);
    }
    await store.close();
    const importSeconds = (performance.now() - started) / 1000;

    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, 'market', '--db', db, '--format', 'json', '--stats'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let bytes = 0;
    child.stdout.on('data', (d: Buffer) => (bytes += d.length));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const wallMs = performance.now() - t0;
    if (code !== 0 || bytes === 0) throw new Error(`market failed (${code}): ${stderr.slice(-400)}`);
    const stats = JSON.parse(stderr.split('\n').find((l) => l.startsWith('stats: '))!.slice(7)) as { cpu_user_ms: number; cpu_system_ms: number; max_rss_mb: number };
    return { models, items, categories, importSeconds, wallMs, cpuMs: stats.cpu_user_ms + stats.cpu_system_ms, maxRssMb: stats.max_rss_mb };
  } finally {
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
  }
}
