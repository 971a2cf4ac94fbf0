import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { collect, runCli, spawnCli, workspace } from '../helpers/cli.js';
import { launchChromium, SHOTS, skipBrowser } from '../helpers/chromium.js';
import { arithmeticAnswer, startFakeServer, type FakeServer } from '../helpers/fake-llm-server.js';

const skip = skipBrowser;

let browser: Browser;
let server: FakeServer;
before(async () => {
  if (skip) return;
  browser = await launchChromium();
  server = await startFakeServer({
    answer: (req) => {
      const right = arithmeticAnswer('perfect', req.prompt);
      if (req.model === 'cheap-b' && req.prompt.includes('*')) return { text: String(Number(right) + 1) };
      if (req.model === 'cheap-b' || req.model === 'premium-b') return { text: right };
      if (req.model === 'down-b') return { status: 503, text: 'down' };
      return undefined;
    },
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that fails the test on any console error or page error, and records every request it makes. */
async function openPage(url: string, options: { blockNetwork?: boolean } = {}): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  if (options.blockNetwork) {
    await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 20_000 });
  return { page, errors, requests };
}

function marketRun(): string {
  const lines: string[] = [];
  for (let i = 0; i < 150; i++) {
    lines.push(JSON.stringify({ id: `add${i}`, input: `What is ${20 + i} + ${7 + (i % 5)}? <b>"quoted"</b> </script>`, expected: String(27 + i + (i % 5)), category: 'add' }));
    lines.push(JSON.stringify({ id: `mul${i}`, input: `What is ${3 + i} * ${4 + (i % 7)}?`, expected: String((3 + i) * (4 + (i % 7))), category: 'mul' }));
  }
  const model = (name: string, price: number) => `  - { name: ${name}, provider: openai, model: ${name}-b, base_url: "${server.url}", price: { input: ${price}, output: ${price} } }`;
  return workspace({
    'mix.jsonl': lines.join('\n') + '\n',
    'ricegrade.yaml': ['models:', model('cheap', 0.1), model('mid', 1), model('premium', 10), '  - { name: unpriced, provider: openai, model: mid-x, base_url: "' + server.url + '" }', 'suites:', '  - { name: mix, path: mix.jsonl, scorer: exact }'].join('\n') + '\n',
  });
}

test('the HTML report renders every view from file:// with the network blocked', { skip }, async () => {
  const dir = marketRun();
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  writeFileSync(join(dir, 'bar.yaml'), 'name: bar\nclauses:\n  - { id: accuracy, metric: score, op: ">=", value: 0.9, confidence: 0.95 }\n  - { id: reliability, metric: error_rate, op: "<=", value: 0.05 }\n');
  const r = await runCli(['report', '-c', 'ricegrade.yaml', '--out', 'report.html', '--standard', 'bar.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const size = statSync(join(dir, 'report.html')).size;
  assert.ok(size <= 3 * 1024 * 1024, `4 models × 300 items: ${(size / 1024 / 1024).toFixed(2)} MB`);
  const market = JSON.parse((await runCli(['market', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout) as { frontier: string[]; commodity_index: { value: number } };

  const { page, errors, requests } = await openPage(`file://${join(dir, 'report.html')}`, { blockNetwork: true });
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), [], 'no network request');
  assert.equal(await page.locator('[data-testid="leaderboard-row"]').count(), 4);
  assert.equal((await page.locator('[data-testid="frontier-names"]').innerText()).trim(), market.frontier.join(' → '));
  assert.match(await page.locator('[data-testid="commodity-index"]').innerText(), new RegExp(market.commodity_index.value.toFixed(2)));
  assert.match(await page.locator('[data-testid="unique-strengths"]').innerText(), /premium[\s\S]*mul/);
  for (const chart of ['#chart-leaderboard', '#chart-frontier', '#chart-similarity', '#chart-categories']) {
    assert.ok((await page.locator(`${chart} canvas, ${chart} svg`).count()) > 0, `${chart} drew a chart`);
  }
  assert.equal(await page.locator('[data-testid="item-row"]').count(), 50);
  assert.match(await page.locator('[data-testid="page-label"]').innerText(), /1–50 of 300/);
  assert.match(await page.locator('#items').innerText(), /<b>"quoted"<\/b> <\/script>/, 'prompts are shown as text, not markup');
  await page.locator('[data-testid="disagree-only"]').check();
  await page.waitForSelector('body[data-ready="1"]');
  // The page filters embedded items itself; it must find exactly what the store's own query finds.
  const store = openSqliteStore(join(dir, '.ricegrade', 'ricegrade.db'));
  const expected = (await store.runItemsPage(1, { disagree: true, limit: 1 })).total;
  await store.close();
  assert.ok(expected >= 150 && expected < 300, `cheap and premium alone disagree on the 150 multiplications (${expected})`);
  assert.match(await page.locator('[data-testid="page-label"]').innerText(), new RegExp(`of ${expected}\\b`));
  assert.match(await page.locator('#meta').innerText(), /config/i);
  // The audit view: one row per model, premium passes the accuracy clause, cheap (50%) fails it.
  assert.equal(await page.locator('[data-testid="audit-row"]').count(), 4);
  assert.match(await page.locator('[data-testid="audit-row"][data-model="premium"]').innerText(), /pass/);
  assert.match(await page.locator('[data-testid="audit-row"][data-model="cheap"]').innerText(), /fail/);
  await page.screenshot({ path: join(SHOTS, 'report.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a run with only errors gets explanatory empty states, not blank charts', { skip }, async () => {
  const dir = workspace({
    'mix.jsonl': '{"input": "What is 1 + 1?", "expected": "2"}\n{"input": "What is 2 + 2?", "expected": "4"}\n',
    'ricegrade.yaml': `models:\n  - { name: down, provider: openai, model: down-b, base_url: "${server.url}", retries: 0 }\nsuites:\n  - { name: mix, path: mix.jsonl, scorer: exact }\n`,
  });
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  assert.equal((await runCli(['report', '-c', 'ricegrade.yaml', '--out', 'report.html'], { cwd: dir })).code, 0);
  const { page, errors } = await openPage(`file://${join(dir, 'report.html')}`, { blockNetwork: true });
  assert.match(await page.locator('body').innerText(), /no scored results/i);
  await page.screenshot({ path: join(SHOTS, 'report-only-errors.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the dashboard pages a 20,000-item run from the server, and explains an empty store', { skip }, async () => {
  const dir = workspace();
  const records: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    for (const model of ['alpha', 'beta']) {
      const right = model === 'alpha' || i % 3 !== 0;
      records.push(JSON.stringify({ item_id: `i${i}`, model, output: right ? 'yes' : 'no', score: right ? 1 : 0, category: `c${i % 4}`, input: `Question ${i}?` }));
    }
  }
  writeFileSync(join(dir, 'big.jsonl'), records.join('\n') + '\n');
  const imported = await runCli(['import', '--format', 'jsonl', 'big.jsonl', '--db', 'big.db'], { cwd: dir });
  assert.equal(imported.code, 0, imported.stderr);

  const port = 18600 + Math.floor(Math.random() * 300);
  const child = spawnCli(['serve', '--db', 'big.db', '--port', String(port)], { cwd: dir });
  const done = collect(child);
  try {
    await waitForServer(`http://127.0.0.1:${port}/api/runs`);
    const { page, errors, requests } = await openPage(`http://127.0.0.1:${port}/`);
    assert.match(await page.locator('[data-testid="page-label"]').innerText(), /1–50 of 20,?000/);
    assert.equal(await page.locator('[data-testid="item-row"]').count(), 50);
    await page.locator('[data-testid="page-next"]').click();
    await page.locator('[data-testid="page-label"]', { hasText: /51–100/ }).waitFor();
    assert.equal(await page.locator('[data-testid="item-row"]').count(), 50);
    const itemCalls = requests.filter((u) => u.includes('/items'));
    assert.ok(itemCalls.some((u) => /offset=50/.test(u)), itemCalls.join('\n'));
    for (const u of itemCalls) assert.ok(Number(new URL(u).searchParams.get('limit') ?? 50) <= 500, `paged, not the whole run: ${u}`);
    await page.screenshot({ path: join(SHOTS, 'dashboard.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await page.context().close();
  } finally {
    child.kill('SIGTERM');
    await done;
  }

  const empty = join(dir, 'empty.db');
  await openSqliteStore(empty).close();
  const port2 = port + 1;
  const child2 = spawnCli(['serve', '--db', 'empty.db', '--port', String(port2)], { cwd: dir });
  const done2 = collect(child2);
  try {
    await waitForServer(`http://127.0.0.1:${port2}/api/runs`);
    const { page, errors } = await openPage(`http://127.0.0.1:${port2}/`);
    assert.match(await page.locator('[data-testid="empty-state"]').innerText(), /No runs in this store yet/);
    assert.deepEqual(errors, []);
    await page.context().close();
  } finally {
    child2.kill('SIGTERM');
    await done2;
  }
  assert.ok(readFileSync(join(dir, 'big.db')).length > 0);
});

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}
