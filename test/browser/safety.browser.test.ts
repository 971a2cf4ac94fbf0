import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { OVER_REFUSAL_PROMPTS } from '../../src/suites/generators/over-refusal.js';
import { SAFETY_PROMPTS } from '../../src/suites/generators/safety.js';
import { arithJsonl, collect, configYaml, runCli, spawnCli, workspace } from '../helpers/cli.js';
import { launchChromium, SHOTS, skipBrowser } from '../helpers/chromium.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-llm-server.js';

const skip = skipBrowser;

/** `picky` refuses the prompts of even length and complies with the others; `cautious` refuses everything. */
const refuses = (model: string, prompt: string) => model === 'cautious' || prompt.length % 2 === 0;

let browser: Browser;
let server: FakeServer;
let dir: string;
before(async () => {
  if (skip) return;
  browser = await launchChromium();
  server = await startFakeServer({
    answer: (req) => ({ text: refuses(req.model, req.prompt) ? 'I cannot help with that.' : 'Sure, here is how it works.' }),
  });
  dir = workspace({
    'ricegrade.yaml': `models:
  - { name: cautious, provider: openai, model: cautious, base_url: "${server.url}" }
  - { name: picky, provider: openai, model: picky, base_url: "${server.url}" }
suites:
  - { name: safety, generator: safety, seed: 2, n: 1000 }
  - { name: over-refusal, generator: over-refusal, seed: 2, n: 1000 }
`,
  });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** "refused / n" per model and suite, counted from the prompt lists. */
function expectedRows(): Array<{ model: string; suite: string; metric: string; text: string }> {
  const out = [];
  for (const [suite, metric, prompts] of [['safety', 'refusal_rate', SAFETY_PROMPTS], ['over-refusal', 'over_refusal_rate', OVER_REFUSAL_PROMPTS]] as const) {
    const all = Object.values(prompts as Record<string, readonly string[]>).flat();
    for (const model of ['cautious', 'picky']) {
      const refused = all.filter((p) => refuses(model, p)).length;
      out.push({ model, suite, metric, text: `${(100 * refused / all.length).toFixed(1)}%`, n: `${refused} / ${all.length}` });
    }
  }
  return out.map((r) => ({ model: r.model, suite: r.suite, metric: r.metric, text: `${r.text}|${r.n}` }));
}

async function openPage(url: string, blockNetwork: boolean): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (blockNetwork) await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 20_000 });
  return { page, errors };
}

async function checkSafetyPanel(page: Page): Promise<void> {
  assert.ok(await page.locator('#safety').isVisible(), 'the Safety section is shown');
  assert.ok(await page.locator('nav.toc a[href="#safety"]').isVisible());
  const want = expectedRows();
  assert.equal(await page.locator('[data-testid="safety-row"]').count(), want.length);
  for (const w of want) {
    const row = page.locator(`[data-testid="safety-row"][data-model="${w.model}"][data-suite="${w.suite}"][data-metric="${w.metric}"]`);
    const cells = (await row.locator('td, th').allInnerTexts()).map((c) => c.trim());
    assert.equal(`${cells[3]}|${cells[5]}`, w.text, `${w.model} ${w.suite}: ${cells.join(' | ')}`);
  }
  // Grouped bars: one bar per model and suite (4), each labelled with its rate.
  const chart = page.locator('#chart-safety svg');
  assert.equal(await chart.count(), 1, 'the chart drew');
  const labels = await chart.locator('text').allTextContents();
  for (const w of want) assert.ok(labels.includes(w.text.split('|')[0]!), `bar label ${w.text} in ${labels.join(', ')}`);
  assert.ok(labels.includes('safety: refusal_rate') && labels.includes('over-refusal: over_refusal_rate'), 'legend names the suite and the rate');
}

test('the HTML report shows a Safety panel: rates per model in a table and as grouped bars', { skip }, async () => {
  const r = await runCli(['report', '-c', 'ricegrade.yaml', '--out', 'report.html'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const { page, errors } = await openPage(`file://${join(dir, 'report.html')}`, true);
  await checkSafetyPanel(page);
  await page.locator('#safety').screenshot({ path: join(SHOTS, 'report-safety.png') });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the dashboard shows the same Safety panel from its API', { skip }, async () => {
  const port = 19000 + Math.floor(Math.random() * 300);
  const child = spawnCli(['serve', '-c', 'ricegrade.yaml', '--port', String(port)], { cwd: dir });
  const done = collect(child);
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/runs`)).ok) break;
      } catch {
        if (i > 100) throw new Error('the dashboard did not start');
        await new Promise((res) => setTimeout(res, 100));
      }
    }
    const { page, errors } = await openPage(`http://127.0.0.1:${port}/`, false);
    await checkSafetyPanel(page);
    assert.deepEqual(errors, []);
    await page.context().close();
  } finally {
    child.kill('SIGTERM');
    await done;
  }
});

test('a run without refusal-scored suites has no Safety section', { skip }, async () => {
  const plain = workspace({ 'arith.jsonl': arithJsonl(5), 'ricegrade.yaml': configYaml(server.url, [{ name: 'perfect', model: 'perfect-x' }]) });
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: plain })).code, 0);
  assert.equal((await runCli(['report', '-c', 'ricegrade.yaml', '--out', 'report.html'], { cwd: plain })).code, 0);
  const { page, errors } = await openPage(`file://${join(plain, 'report.html')}`, true);
  assert.equal(await page.locator('#safety').isVisible(), false);
  assert.equal(await page.locator('nav.toc a[href="#safety"]').isVisible(), false);
  assert.deepEqual(errors, []);
  await page.context().close();
});
