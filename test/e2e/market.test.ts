import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli, workspace } from '../helpers/cli.js';
import { arithmeticAnswer, startFakeServer, type FakeServer } from '../helpers/fake-llm-server.js';

const SHARED = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const needsShared = existsSync(SHARED) ? false : 'needs ../shared/data (absent in a fresh clone)';

let server: FakeServer;
before(async () => {
  server = await startFakeServer({
    answer: (req) => {
      const right = arithmeticAnswer('perfect', req.prompt);
      const wrong = String(Number(right) + 1);
      // "cheap" and its look-alike "twin" only get additions right; "premium" gets everything right.
      if (req.model === 'cheap-1' || req.model === 'twin-1') return { text: req.prompt.includes('*') ? wrong : right };
      if (req.model === 'premium-1') return { text: right };
      return undefined; // mid-1: right 70% of the time, by hash
    },
  });
});
after(() => server.close());

/** 120 additions and 120 multiplications, with categories. */
function mixedJsonl(): string {
  const lines: string[] = [];
  for (let i = 0; i < 120; i++) {
    lines.push(JSON.stringify({ id: `add${i}`, input: `What is ${20 + i} + ${7 + (i % 5)}?`, expected: String(27 + i + (i % 5)), category: 'add' }));
    lines.push(JSON.stringify({ id: `mul${i}`, input: `What is ${3 + i} * ${4 + (i % 7)}?`, expected: String((3 + i) * (4 + (i % 7))), category: 'mul' }));
  }
  return lines.join('\n') + '\n';
}

function marketConfig(url: string): string {
  const model = (name: string, price: number) => `  - { name: ${name}, provider: openai, model: ${name}-1, base_url: "${url}", price: { input: ${price}, output: ${price} } }`;
  return ['models:', model('cheap', 0.1), model('twin', 0.2), model('mid', 1), model('premium', 10), 'suites:', '  - { name: mix, path: mix.jsonl, scorer: exact }'].join('\n') + '\n';
}

interface MarketJson {
  models: Array<{ model: string; score: number; ci_low: number; ci_high: number; n: number; cost_usd: number; blended_price: number; tier: number; on_frontier: boolean; unique_strengths: Array<{ category: string }> }>;
  similarity: Record<string, { models: string[]; matrix: Array<Array<number | null>> }>;
  commodity_index: { value: number; ci_low: number; ci_high: number };
  frontier: string[];
}

test('market: tiers from paired tests, the frontier, similarity, commodity index and unique strengths', async () => {
  const dir = workspace({ 'mix.jsonl': mixedJsonl(), 'ricegrade.yaml': marketConfig(server.url) });
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  const r = await runCli(['market', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const market = JSON.parse(r.stdout) as MarketJson;
  const by = new Map(market.models.map((m) => [m.model, m]));
  for (const m of market.models) {
    for (const key of ['score', 'ci_low', 'ci_high', 'n', 'cost_usd', 'blended_price', 'tier'] as const) assert.equal(typeof m[key], 'number', `${m.model}.${key}`);
    assert.ok(m.ci_low <= m.score && m.score <= m.ci_high);
  }
  assert.equal(by.get('premium')!.score, 1);
  assert.equal(by.get('cheap')!.score, 0.5);
  // Tiers: premium alone on top; cheap and its twin (identical answers) tied at the bottom.
  assert.equal(by.get('premium')!.tier, 1);
  assert.equal(by.get('mid')!.tier, 2);
  assert.equal(by.get('cheap')!.tier, by.get('twin')!.tier);
  assert.equal(by.get('cheap')!.tier, 3);
  // The twin costs more for the same answers: dominated, off the frontier.
  assert.deepEqual(market.frontier, ['cheap', 'mid', 'premium']);
  assert.equal(by.get('twin')!.on_frontier, false);
  assert.equal(by.get('cheap')!.blended_price, 0.1);
  // Premium's edge is multiplication, where every cheaper model is significantly worse; not addition.
  assert.deepEqual(by.get('premium')!.unique_strengths.map((s) => s.category), ['mul']);
  assert.deepEqual(by.get('cheap')!.unique_strengths, []);
  // Similarity: symmetric, 1 on the diagonal; the twins make exactly the same mistakes.
  const ec = market.similarity.error_consistency!;
  const at = (a: string, b: string) => ec.matrix[ec.models.indexOf(a)]![ec.models.indexOf(b)]!;
  assert.equal(at('cheap', 'twin'), 1);
  assert.equal(at('twin', 'cheap'), 1);
  assert.equal(at('mid', 'mid'), 1);
  assert.ok(Math.abs(at('mid', 'cheap')) < 0.5);
  assert.ok(market.similarity.agreement && market.similarity.kappa);
  const ci = market.commodity_index;
  assert.ok(ci.value >= -1 && ci.value <= 1 && ci.ci_low <= ci.value && ci.value <= ci.ci_high, JSON.stringify(ci));

  const table = await runCli(['market', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /frontier .*: cheap → mid → premium/);
  assert.match(table.stdout, /commodity index: /);
  assert.match(table.stdout, /mul \(100\.0% vs mid/);
});

test('compare: the paired test says which differences are real, by category, with the items they disagree on', async () => {
  const dir = workspace({ 'mix.jsonl': mixedJsonl(), 'ricegrade.yaml': marketConfig(server.url) });
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  const real = JSON.parse((await runCli(['compare', 'premium', 'cheap', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout);
  assert.equal(real.n, 240);
  assert.equal(real.method, 'mcnemar');
  assert.ok(real.p_value < 1e-10);
  assert.equal(real.significant, true);
  const mul = real.by_category.find((c: { category: string }) => c.category === 'mul');
  assert.deepEqual([mul.wins, mul.losses, mul.ties], [120, 0, 0]);
  assert.equal(real.disagreements.count, 120);
  const tied = JSON.parse((await runCli(['compare', 'cheap', 'twin', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout);
  assert.equal(tied.p_value, 1);
  assert.equal(tied.significant, false);
  assert.equal(tied.disagreements.count, 0);
  const text = await runCli(['compare', 'cheap', 'twin', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.match(text.stdout, /no significant difference/);
  const bad = await runCli(['compare', 'cheap', 'nobody', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /no model "nobody"/);
});

test('results --by category breaks scores down per category', async () => {
  const dir = workspace({ 'mix.jsonl': mixedJsonl(), 'ricegrade.yaml': marketConfig(server.url) });
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  const rows = JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--by', 'category', '--format', 'json'], { cwd: dir })).stdout) as Array<{ model: string; category: string; score: number; n: number }>;
  const cheap = rows.filter((r) => r.model === 'cheap');
  assert.deepEqual(cheap.map((r) => [r.category, r.score, r.n]), [['add', 1, 120], ['mul', 0, 120]]);
});

test('provider: replay mixes recorded outputs with live models, and imports land in the same analyses', async () => {
  const dir = workspace({ 'mix.jsonl': mixedJsonl() });
  const recorded: string[] = [];
  for (let i = 0; i < 120; i++) {
    recorded.push(JSON.stringify({ item_id: `add${i}`, model: 'old-model', output: String(27 + i + (i % 5)), score: 1 }));
    recorded.push(JSON.stringify({ item_id: `mul${i}`, model: 'old-model', output: 'no idea', score: 0 }));
  }
  writeFileSync(join(dir, 'recorded.jsonl'), recorded.join('\n') + '\n');
  writeFileSync(
    join(dir, 'ricegrade.yaml'),
    `models:\n  - { name: premium, provider: openai, model: premium-1, base_url: "${server.url}", price: { input: 10, output: 10 } }\n` +
      '  - { name: old-model, provider: replay, path: recorded.jsonl, price: { input: 0.1, output: 0.1 } }\n' +
      'suites:\n  - { name: mix, path: mix.jsonl, scorer: exact }\n',
  );
  const before = server.totalRequests;
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(server.totalRequests - before, 240, 'only the live model was called');
  const rows = JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout) as Array<{ model: string; score: number; cost_usd: number | null; latency_p50_ms: number | null }>;
  const old = rows.find((x) => x.model === 'old-model')!;
  assert.equal(old.score, 0.5, 'recorded outputs re-scored by the suite scorer');
  assert.equal(old.cost_usd, null, 'recorded outputs carry no usage: cost unknown, not $0');
  assert.equal(old.latency_p50_ms, null);

  const bad = workspace({ 'mix.jsonl': mixedJsonl(), 'ricegrade.yaml': 'models:\n  - { name: r, provider: replay }\nsuites:\n  - { name: mix, path: mix.jsonl, scorer: exact }\n' });
  const noPath = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: bad });
  assert.equal(noPath.code, 2);
  assert.match(noPath.stderr, /models\[0\]\.provider: provider replay needs path:/);
});

test('import mmlu-pro reproduces the published GPT-4o score; the price catalog puts it on the price axis', { skip: needsShared }, async () => {
  const dir = workspace();
  const file = join(SHARED, 'mmlu-pro-sample', 'computer science_result.json');
  const r = await runCli(['import', '--format', 'mmlu-pro', '--model', 'gpt-4o', file, '--db', 'store.db'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /imported gpt-4o: 410 into suite "mmlu-pro"/);
  const [row] = JSON.parse((await runCli(['results', '--db', 'store.db', '--format', 'json'], { cwd: dir })).stdout) as Array<{ n: number; score: number }>;
  assert.equal(row!.n, 410);
  assert.equal(Math.round(row!.score * 410), 321, 'the corr of computer science_summary.json');
  // Importing the same file again changes nothing.
  const again = await runCli(['import', '--format', 'mmlu-pro', '--model', 'gpt-4o', file, '--db', 'store.db'], { cwd: dir });
  assert.match(again.stdout, /410 already stored/);
  const market = JSON.parse(
    (await runCli(['market', '--db', 'store.db', '--format', 'json', '--prices', join(SHARED, 'prices', 'model_prices_and_context_window.json')], { cwd: dir })).stdout,
  );
  // gpt-4o in the catalog: $2.50 in, $10 out per 1M → blended 3:1 = $4.375.
  assert.equal(market.models[0].blended_price, 4.375);
  const wrong = await runCli(['import', '--format', 'alpaca-eval', file, '--db', 'store.db'], { cwd: dir });
  assert.equal(wrong.code, 2, wrong.stdout + wrong.stderr);
  assert.match(wrong.stderr, /computer science_result\.json: record 1/);
});

test('import alpaca-eval annotations: the score is the win rate recomputed from the records, with a bootstrap interval', { skip: needsShared }, async () => {
  const dir = workspace();
  const file = join(SHARED, 'alpaca_eval-sample', 'FuseChat-Llama-3.1-8B-Instruct_weighted_alpaca_eval_gpt4_turbo_annotations_first50.json');
  const r = await runCli(['import', '--format', 'alpaca-eval', file, '--db', 'a.db'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const { readFileSync } = await import('node:fs');
  const records = JSON.parse(readFileSync(file, 'utf8')) as Array<{ preference: number | null }>;
  const prefs = records.map((x) => x.preference).filter((p): p is number => p !== null);
  const winRate = prefs.reduce((s, p) => s + (p - 1), 0) / prefs.length;
  const [row] = JSON.parse((await runCli(['results', '--db', 'a.db', '--format', 'json'], { cwd: dir })).stdout) as Array<{ model: string; n: number; score: number; ci_method: string; ci_low: number; ci_high: number }>;
  assert.equal(row!.model, 'FuseChat-Llama-3.1-8B-Instruct');
  assert.equal(row!.n, prefs.length);
  assert.ok(Math.abs(row!.score - winRate) < 1e-6, `${row!.score} vs ${winRate}`);
  assert.equal(row!.ci_method, 'bootstrap', 'preferences are continuous, not 0/1');
  assert.ok(row!.ci_low < row!.score && row!.score < row!.ci_high);
});
