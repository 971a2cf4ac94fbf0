/**
 * `ricegrade results` reports refusal_rate on the harmful suite and over_refusal_rate on the benign one,
 * per model and category. The fake server decides per prompt whether a model refuses, complies or fails;
 * the test counts the same decisions over the generators' prompt lists and compares with what is printed.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { OVER_REFUSAL_PROMPTS } from '../../src/suites/generators/over-refusal.js';
import { SAFETY_PROMPTS } from '../../src/suites/generators/safety.js';
import { runCli, workspace } from '../helpers/cli.js';
import { startFakeServer, type FakeReply, type FakeServer } from '../helpers/fake-llm-server.js';

type Decision = 'refuse' | 'comply' | 'error';

/** `mixed` fails about 1 prompt in 8 (HTTP 400, not retried) and refuses about half the rest; `cautious` refuses all. */
function decide(model: string, prompt: string): Decision {
  if (model === 'cautious') return 'refuse';
  const byte = createHash('sha256').update(`${model}\n${prompt}`).digest()[0]!;
  return byte < 32 ? 'error' : byte < 144 ? 'refuse' : 'comply';
}

const REPLY: Record<Decision, FakeReply> = {
  refuse: { text: "I'm sorry, but I can't help with that." },
  comply: { text: 'Sure! Here is an overview of what you asked about.' },
  error: { status: 400, text: 'bad request' },
};

const MODELS = ['cautious', 'mixed'];
const SUITES = [
  { suite: 'safety', metric: 'refusal_rate', prompts: SAFETY_PROMPTS as Record<string, readonly string[]> },
  { suite: 'over-refusal', metric: 'over_refusal_rate', prompts: OVER_REFUSAL_PROMPTS as Record<string, readonly string[]> },
] as const;

interface Expected {
  model: string;
  suite: string;
  category?: string;
  metric: string;
  n: number;
  refused: number;
  errors: number;
}

/** The counts the report must show, from the prompt lists and `decide` alone. */
function expectedCounts(): Expected[] {
  const out: Expected[] = [];
  for (const model of MODELS) {
    for (const { suite, metric, prompts } of SUITES) {
      const total: Expected = { model, suite, metric, n: 0, refused: 0, errors: 0 };
      for (const [category, list] of Object.entries(prompts)) {
        const c: Expected = { model, suite, category, metric, n: 0, refused: 0, errors: 0 };
        for (const prompt of list) {
          const d = decide(model, prompt);
          if (d === 'error') c.errors++;
          else {
            c.n++;
            if (d === 'refuse') c.refused++;
          }
        }
        out.push(c);
        total.n += c.n;
        total.refused += c.refused;
        total.errors += c.errors;
      }
      out.push(total);
    }
  }
  return out;
}

/** Wilson 95% interval, computed here independently of src/analysis/stats.ts. */
function wilson(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [k === 0 ? 0 : centre - half, k === n ? 1 : centre + half];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The data rows of the cli-table3 table that follows `title` in `text`, as trimmed cells. */
function tableAfter(text: string, title: string): string[][] {
  const lines = text.slice(text.indexOf(title)).split('\n');
  return lines.filter((l) => l.startsWith('│')).map((l) => l.split('│').slice(1, -1).map((c) => c.trim()));
}

let server: FakeServer;
let dir: string;
const expected = expectedCounts();
before(async () => {
  server = await startFakeServer({ answer: (req) => REPLY[decide(req.model, req.prompt)] });
  dir = workspace({
    'ricegrade.yaml': `models:
  - { name: cautious, provider: openai, model: cautious, base_url: "${server.url}" }
  - { name: mixed, provider: openai, model: mixed, base_url: "${server.url}" }
defaults: { stop_after_errors: 0, retries: 0 }
suites:
  - { name: safety, generator: safety, seed: 3, n: 1000 }
  - { name: over-refusal, generator: over-refusal, seed: 3, n: 1000 }
`,
  });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
});
after(() => server.close());

test('the fake decisions cover every case: refusals, compliance and errors in both suites', () => {
  const mixed = expected.filter((e) => e.model === 'mixed' && e.category === undefined);
  for (const e of mixed) assert.ok(e.refused > 0 && e.refused < e.n && e.errors > 0, JSON.stringify(e));
  const rates = new Set(expected.filter((e) => e.model === 'mixed' && e.category !== undefined).map((e) => e.refused / e.n));
  assert.ok(rates.size > 3, 'the per-category rates differ, so a mix-up of categories would show');
});

test('results --by category --format json: refusal_rate / over_refusal_rate per model and category equal the counted decisions', async () => {
  const r = await runCli(['results', '-c', 'ricegrade.yaml', '--by', 'category', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
  const byCategory = expected.filter((e) => e.category !== undefined);
  assert.equal(rows.length, byCategory.length, 'one row per model × suite × category');
  for (const e of byCategory) {
    const row = rows.find((x) => x.model === e.model && x.suite === e.suite && x.category === e.category);
    assert.ok(row, `${e.model} ${e.suite} ${e.category}`);
    const where = `${e.model} ${e.suite}/${e.category}`;
    assert.deepEqual([row[`${e.metric}_n`], row[`${e.metric}_refused`], row[`${e.metric}_errors`]], [e.n, e.refused, e.errors], where);
    assert.equal(row[e.metric], e.n === 0 ? null : Number((e.refused / e.n).toFixed(6)), where);
    if (e.n > 0) {
      const [low, high] = wilson(e.refused, e.n);
      assert.ok(Math.abs((row[`${e.metric}_ci_low`] as number) - low) < 1e-6 && Math.abs((row[`${e.metric}_ci_high`] as number) - high) < 1e-6, where);
    }
    const other = e.metric === 'refusal_rate' ? 'over_refusal_rate' : 'refusal_rate';
    assert.ok(!(other in row), `${where}: a ${e.suite} row has no ${other}`);
    assert.equal(row.errors, e.errors, `${where}: the results row counts the same errors`);
  }
});

test('results table: a Safety section per model (overall) and, with --by category, per category', async () => {
  const overall = await runCli(['results', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(overall.code, 0, overall.stderr);
  const safety = tableAfter(overall.stdout, 'Safety (suites scored by refusal)');
  assert.deepEqual(safety[0], ['suite', 'model', 'metric', 'rate', '95% CI', 'refused/n', 'errors']);
  const totals = expected.filter((e) => e.category === undefined);
  assert.equal(safety.length - 1, totals.length);
  for (const e of totals) {
    const [low, high] = wilson(e.refused, e.n);
    assert.ok(
      safety.some((c) => c.join('|') === [e.suite, e.model, e.metric, pct(e.refused / e.n), `${pct(low)}–${pct(high)}`, `${e.refused}/${e.n}`, String(e.errors)].join('|')),
      `${e.model} ${e.suite}: ${JSON.stringify(safety)}`,
    );
  }

  const perCategory = await runCli(['results', '-c', 'ricegrade.yaml', '--by', 'category'], { cwd: dir });
  assert.equal(perCategory.code, 0, perCategory.stderr);
  const cats = tableAfter(perCategory.stdout, 'Safety (suites scored by refusal)');
  assert.equal(cats[0]![0], 'suite / category');
  const byCategory = expected.filter((e) => e.category !== undefined);
  assert.equal(cats.length - 1, byCategory.length);
  for (const e of byCategory) {
    const row = cats.find((c) => c[0] === `${e.suite} / ${e.category}` && c[1] === e.model);
    assert.ok(row, `${e.model} ${e.suite} / ${e.category}`);
    assert.deepEqual([row[2], row[3], row[5], row[6]], [e.metric, e.n === 0 ? '—' : pct(e.refused / e.n), `${e.refused}/${e.n}`, String(e.errors)]);
  }
});

test('results --format csv: refusal-rate columns after the standard ones; report --format md: the Safety table', async () => {
  const csv = await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'csv'], { cwd: dir });
  assert.equal(csv.code, 0, csv.stderr);
  const [header, ...lines] = csv.stdout.trim().split('\n').map((l) => l.split(','));
  const col = (name: string) => header!.indexOf(name);
  assert.ok(col('output_tokens_per_s') < col('refusal_rate') && col('refusal_rate') < col('over_refusal_rate_errors'), header!.join(','));
  for (const e of expected.filter((x) => x.category === undefined)) {
    const line = lines.find((l) => l[col('model')] === e.model && l[col('suite')] === e.suite)!;
    assert.deepEqual([line[col(`${e.metric}_n`)], line[col(`${e.metric}_refused`)], line[col(`${e.metric}_errors`)]], [String(e.n), String(e.refused), String(e.errors)]);
    assert.equal(line[col(e.metric === 'refusal_rate' ? 'over_refusal_rate' : 'refusal_rate')], '', 'the other rate is empty');
  }

  const md = await runCli(['report', '-c', 'ricegrade.yaml', '--format', 'md'], { cwd: dir });
  assert.equal(md.code, 0, md.stderr);
  const mdOut = md.stdout;
  assert.match(mdOut, /### Safety\n\n\| suite \| model \| metric \| rate \| 95% CI \| refused\/n \| errors \|/);
  for (const e of expected.filter((x) => x.category === undefined)) {
    assert.ok(mdOut.includes(`| ${e.suite} | ${e.model} | ${e.metric} | ${pct(e.refused / e.n)} |`), `${e.model} ${e.suite}`);
    assert.ok(mdOut.includes(` | ${e.refused}/${e.n} | ${e.errors} |`));
  }
});
