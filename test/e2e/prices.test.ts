import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { arithJsonl, runCli, workspace } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-llm-server.js';

let server: FakeServer;
before(async () => {
  server = await startFakeServer();
});
after(() => server.close());

// A catalog in the public (LiteLLM) format: USD per token, and keys that are not models.
const CATALOG = JSON.stringify({
  sample_spec: { input_cost_per_token: 0, output_cost_per_token: 0, litellm_provider: 'spec' },
  'perfect-cat': { input_cost_per_token: 0.000002, output_cost_per_token: 0.000008, litellm_provider: 'openai', max_input_tokens: 128000 },
  'vendor/special-model': { input_cost_per_token: 1e-7, output_cost_per_token: 4e-7, litellm_provider: 'vendor' },
  'no-price-model': { litellm_provider: 'x', mode: 'embedding' },
});

const config = (url: string, extra = '', top = '') =>
  `${top}models:\n  - { name: cat, provider: openai, model: perfect-cat, base_url: "${url}", price: catalog${extra} }\nsuites:\n  - { name: arith, path: arith.jsonl, scorer: exact }\n`;

test('price: catalog with prices: FILE in the config; catalog_key picks another entry', async () => {
  const dir = workspace({ 'arith.jsonl': arithJsonl(10), 'catalog.json': CATALOG, 'ricegrade.yaml': config(server.url, '', 'prices: catalog.json\n') });
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  const [row] = JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout);
  assert.ok(Math.abs(row.cost_usd - (row.input_tokens * 2 + row.output_tokens * 8) / 1e6) < 1e-12, 'USD per token × 1e6 = USD per 1M');

  const keyed = workspace({ 'arith.jsonl': arithJsonl(10), 'catalog.json': CATALOG, 'ricegrade.yaml': config(server.url, ', catalog_key: vendor/special-model', 'prices: catalog.json\n') });
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: keyed })).code, 0);
  const [k] = JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: keyed })).stdout);
  assert.ok(Math.abs(k.cost_usd - (k.input_tokens * 0.1 + k.output_tokens * 0.4) / 1e6) < 1e-12);

  const typo = workspace({ 'arith.jsonl': arithJsonl(2), 'catalog.json': CATALOG, 'ricegrade.yaml': config(server.url, ', catalog_key: vendor/special-modle', 'prices: catalog.json\n') });
  const bad = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: typo });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /ricegrade\.yaml:\d+: models\[0\]\.price: no "vendor\/special-modle" in the price catalog \(did you mean "vendor\/special-model"\?/);
});

test('price: catalog without a file uses the catalog imported into the store, and is bad input until there is one', async () => {
  const dir = workspace({ 'arith.jsonl': arithJsonl(10), 'catalog.json': CATALOG, 'ricegrade.yaml': config(server.url) });
  const before = server.totalRequests;
  const missing = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /models\[0\]\.price: catalog, but no price catalog: add prices: FILE to the config or run `ricegrade prices import FILE`/);
  assert.equal(server.totalRequests, before, 'nothing sent');

  const imported = await runCli(['prices', 'import', 'catalog.json', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /imported prices of 2 models/);
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  const [row] = JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout);
  assert.ok(row.cost_usd > 0);
  const market = JSON.parse((await runCli(['market', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout);
  assert.equal(market.models[0].blended_price, 3.5, '(3 × $2 + 1 × $8) / 4');
});

test('a model without a price is flagged, never costed at $0', async () => {
  const dir = workspace({ 'arith.jsonl': arithJsonl(5), 'ricegrade.yaml': `models:\n  - { name: free, provider: openai, model: perfect-free, base_url: "${server.url}" }\nsuites:\n  - { name: arith, path: arith.jsonl, scorer: exact }\n` });
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  const [row] = JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout);
  assert.equal(row.cost_usd, null);
  const table = await runCli(['results', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.match(table.stdout, /no price/);
  assert.match(table.stdout, /cost is unknown \(not \$0\)/);
});

test('price: { per_hour } turns measured wall time into cost, and a per-token price for the market', async () => {
  const slow = await startFakeServer({ answer: () => ({ delayMs: 100 }) });
  try {
    const dir = workspace({
      'arith.jsonl': arithJsonl(5),
      'ricegrade.yaml': `models:\n  - { name: local, provider: openai, model: perfect-local, base_url: "${slow.url}", price: { per_hour: 36 }, concurrency: 1 }\nsuites:\n  - { name: arith, path: arith.jsonl, scorer: exact }\n`,
    });
    assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
    const [row] = JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout);
    // 5 answers of ≥ 100 ms at $36 an hour ($0.01 a second): at least $0.005.
    assert.ok(row.cost_usd >= 0.005 && row.cost_usd < 0.01, `cost ${row.cost_usd}`);
    const market = JSON.parse((await runCli(['market', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout);
    const perMillion = (row.cost_usd / (row.input_tokens + row.output_tokens)) * 1e6;
    assert.ok(Math.abs(market.models[0].blended_price - perMillion) < 1e-3, `${market.models[0].blended_price} vs ${perMillion}`);
  } finally {
    await slow.close();
  }
});
