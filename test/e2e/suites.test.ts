import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli, workspace } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-llm-server.js';
import { needsSharedData, SHARED_DATA } from '../helpers/shared-data.js';

let server: FakeServer;
before(async () => {
  server = await startFakeServer();
});
after(() => server.close());

const model = (url: string) => `models:\n  - { name: m, provider: openai, model: perfect-gen, base_url: "${url}" }\n`;

test('generated suites: the same seed gives the same items (a re-run is all cache hits); a new seed gives fresh ones', async () => {
  const dir = workspace({ 'ricegrade.yaml': `${model(server.url)}suites:\n  - { name: a, generator: arithmetic, seed: 11, n: 15 }\n  - { name: s, generator: strings, seed: 11, n: 10, difficulty: 1 }\n` });
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  const first = server.countFor('perfect-gen');
  assert.equal(first, 25);
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  assert.equal(server.countFor('perfect-gen'), first, 'identical items: nothing sent again');
  const rows = JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json', '--by', 'category'], { cwd: dir })).stdout) as Array<{ suite: string; category: string; n: number }>;
  assert.deepEqual([...new Set(rows.filter((r) => r.suite === 'a').map((r) => r.category))].sort(), ['multi-step', 'word-problem']);
  const shown = await runCli(['suites', 'show', 'arithmetic', '--seed', '11', '-n', '3'], { cwd: dir });
  assert.equal(shown.stdout.trim().split('\n').length, 3);
  assert.equal(JSON.parse(shown.stdout.split('\n')[0]!).id, 'arithmetic-11-0');
  const reseeded = workspace({ 'ricegrade.yaml': `${model(server.url)}suites:\n  - { name: a, generator: arithmetic, seed: 12, n: 15 }\n` });
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: reseeded })).code, 0);
  assert.ok(server.countFor('perfect-gen') > first, 'a new seed: new prompts');
  const bad = workspace({ 'ricegrade.yaml': `${model(server.url)}suites:\n  - { name: a, generator: arithmetc }\n` });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: bad });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /suites\[0\]\.generator: unknown generator "arithmetc" \(expected one of arithmetic, dates/);
  const list = await runCli(['suites'], { cwd: bad });
  for (const name of ['arithmetic', 'dates', 'units', 'strings', 'logic']) assert.match(list.stdout, new RegExp(name));
});

test('public benchmark files read as published: GSM8K, MMLU-Pro questions, BBQ, TruthfulQA', { skip: needsSharedData }, async () => {
  const data = join(SHARED_DATA, 'datasets');
  const dir = workspace({
    'ricegrade.yaml':
      `${model(server.url)}suites:\n` +
      `  - { name: gsm, path: "${join(data, 'gsm8k', 'test_first200.jsonl')}", format: gsm8k, scorer: numeric }\n` +
      `  - { name: mmlu, path: "${join(data, 'mmlu-pro', 'mmlu_pro_test_14per_category.json')}", format: mmlu-pro, scorer: choice }\n` +
      `  - { name: bbq, path: "${join(data, 'bbq', 'Religion_first200.jsonl')}", format: bbq, scorer: choice }\n` +
      `  - { name: tqa, path: "${join(data, 'truthfulqa', 'TruthfulQA_first200.csv')}", format: truthfulqa, scorer: f1 }\n`,
  });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const rows = new Map((JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout) as Array<{ suite: string; n: number }>).map((x) => [x.suite, x.n]));
  assert.deepEqual([rows.get('gsm'), rows.get('mmlu'), rows.get('bbq'), rows.get('tqa')], [200, 196, 200, 200]);
  const asked = server.requests.find((q) => q.prompt.includes('A. ') && q.model === 'perfect-gen');
  assert.ok(asked, 'multiple-choice items are shown with lettered options');
});
