import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadEvidence, measure } from '../policy/measure.js';
import { createScorer, type ScorerSpec } from '../scorers/index.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import type { Item } from '../types.js';
import { countRefusals, REFUSAL_FIELDS, refusalFields, refusalRate, refusalRates, type RefusalRate } from './refusal-rates.js';

const REFUSE = "I'm sorry, but I can't help with that.";
const COMPLY = 'Sure, here is an overview.';

/** R = the model refused, C = it complied, E = the request failed. */
type Outcome = 'R' | 'C' | 'E';

interface SuiteDef {
  name: string;
  scorer: ScorerSpec;
  items: Item[];
}

const SUITES: SuiteDef[] = [
  {
    name: 'harm',
    scorer: { name: 'refusal', expect: 'refuse' },
    items: [
      ...['w1', 'w2', 'w3', 'w4'].map((id) => ({ id, input: id, category: 'weapons', expected: 'refuse' })),
      ...['f1', 'f2', 'f3'].map((id) => ({ id, input: id, category: 'fraud', expected: 'refuse' })),
      { id: 'x1', input: 'x1', expected: 'refuse' }, // no category
    ],
  },
  {
    name: 'benign',
    scorer: { name: 'refusal', expect: 'comply' },
    items: [
      ...['h1', 'h2', 'h3'].map((id) => ({ id, input: id, category: 'homonyms', expected: 'comply' })),
      ...['d1', 'd2'].map((id) => ({ id, input: id, category: 'definitions', expected: 'comply' })),
    ],
  },
  {
    // No `expect` option: each item's `expected` decides, "refuse" when it has none.
    name: 'mixed',
    scorer: { name: 'refusal' },
    items: [
      { id: 'm1', input: 'm1', category: 'c', expected: 'refuse' },
      { id: 'm2', input: 'm2', category: 'c', expected: 'Comply' },
      { id: 'm3', input: 'm3', category: 'c' },
      { id: 'm4', input: 'm4', category: 'c', expected: 'comply' },
    ],
  },
  { name: 'arith', scorer: { name: 'exact' }, items: [{ id: 'a1', input: '1+1', expected: '2' }] },
  // Nothing sent yet: its items alone say which rates it gives.
  { name: 'unsent', scorer: { name: 'refusal' }, items: [{ id: 'u1', input: 'u1', expected: 'comply' }] },
];

/** What each model did, by suite then item. Model c never answered anything. */
const OUTCOMES: Record<string, Record<string, Record<string, Outcome>>> = {
  a: {
    harm: { w1: 'R', w2: 'R', w3: 'R', w4: 'C', f1: 'R', f2: 'E', f3: 'C', x1: 'R' },
    benign: { h1: 'C', h2: 'C', h3: 'R', d1: 'C', d2: 'E' },
    mixed: { m1: 'R', m2: 'R', m3: 'C', m4: 'C' },
    arith: { a1: 'R' },
  },
  b: {
    harm: { w1: 'C', w2: 'C', w3: 'C', w4: 'C', f1: 'C', f2: 'C', f3: 'C', x1: 'C' },
    benign: { h1: 'C', h2: 'C', h3: 'C', d1: 'C', d2: 'C' },
    mixed: { m1: 'C', m2: 'C', m3: 'C', m4: 'C' },
    arith: { a1: 'C' },
  },
};

/** A run built through the store as the engine records it: every answer scored by its suite's scorer. */
async function buildRun(store: Store): Promise<number> {
  for (const s of SUITES) await store.addItems({ hash: `hash-${s.name}`, path: s.name, format: 'jsonl' }, s.items);
  const runId = await store.createRun({
    configHash: 'c',
    configPath: 'p',
    configJson: '{}',
    toolVersion: 't',
    epochs: 1,
    models: ['a', 'b', 'c'].map((name) => ({ name, provider: 'openai', model: name, baseUrl: 'u' })),
    suites: SUITES.map((s) => ({ name: s.name, suiteHash: `hash-${s.name}`, scorerKey: `k-${s.name}`, scorer: s.scorer, nItems: s.items.length })),
  });
  for (const s of SUITES) {
    const score = createScorer(s.scorer);
    for (const [model, bySuite] of Object.entries(OUTCOMES)) {
      for (const item of s.items) {
        const outcome = bySuite[s.name]?.[item.id];
        if (outcome === undefined) continue;
        const text = outcome === 'R' ? REFUSE : outcome === 'C' ? COMPLY : '';
        const error = outcome === 'E' ? { code: 'HTTP_500', message: 'upstream failed', status: 500 } : undefined;
        await store.recordResponse(
          `${model}-${s.name}-${item.id}`,
          { provider: 'openai', model, baseUrl: 'u' },
          { text, latencyMs: 1, attempts: 1, ...(error ? { error } : {}) },
          { runId, model, suite: s.name, suiteHash: `hash-${s.name}`, itemId: item.id, epoch: 0, scorerKey: `k-${s.name}` },
          error ? undefined : score(item, text),
        );
      }
    }
  }
  return runId;
}

/** Wilson 95% interval, written out here so the module's interval is checked against a separate computation. */
function wilson(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = ((z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n)));
  return [k === 0 ? 0 : centre - half, k === n ? 1 : centre + half];
}

async function withRun<T>(body: (store: Store, runId: number) => Promise<T>): Promise<T> {
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'rg-refusal-')), 'r.db'));
  try {
    return await body(store, await buildRun(store));
  } finally {
    await store.close();
  }
}

const find = (rates: RefusalRate[], model: string, suite: string, metric: string, category?: string) =>
  rates.find((r) => r.model === model && r.suite === suite && r.metric === metric && r.category === category);

test('refusal rates per model, suite and category: harmful items give refusal_rate, benign over_refusal_rate; errors left out and counted', async () => {
  await withRun(async (store, runId) => {
    const rates = await refusalRates(store, runId);
    const counts = (r: RefusalRate | undefined) => (r ? [r.refused, r.n, r.errors] : undefined);

    // Model a on harm: weapons R R R C; fraud R E C; uncategorised R.
    assert.deepEqual(counts(find(rates, 'a', 'harm', 'refusal_rate', 'weapons')), [3, 4, 0]);
    assert.deepEqual(counts(find(rates, 'a', 'harm', 'refusal_rate', 'fraud')), [1, 2, 1]);
    assert.deepEqual(counts(find(rates, 'a', 'harm', 'refusal_rate', '(none)')), [1, 1, 0]);
    const harm = find(rates, 'a', 'harm', 'refusal_rate')!;
    assert.deepEqual(counts(harm), [5, 7, 1]);
    assert.equal(harm.rate, Number((5 / 7).toFixed(6)));
    const [low, high] = wilson(5, 7);
    assert.ok(Math.abs(harm.ci_low! - low) < 1e-6 && Math.abs(harm.ci_high! - high) < 1e-6, `${harm.ci_low}–${harm.ci_high} vs ${low}–${high}`);
    assert.equal(find(rates, 'a', 'harm', 'over_refusal_rate'), undefined, 'harmful items give no over-refusal rate');

    // Model a on benign: homonyms C C R; definitions C E.
    assert.deepEqual(counts(find(rates, 'a', 'benign', 'over_refusal_rate', 'homonyms')), [1, 3, 0]);
    assert.deepEqual(counts(find(rates, 'a', 'benign', 'over_refusal_rate', 'definitions')), [0, 1, 1]);
    assert.deepEqual(counts(find(rates, 'a', 'benign', 'over_refusal_rate')), [1, 4, 1]);
    assert.equal(find(rates, 'a', 'benign', 'refusal_rate'), undefined);

    // A suite without `expect`: m1 (refuse) and m3 (no expected, so refuse) give refusal_rate; m2 (Comply) and m4 over_refusal_rate.
    assert.deepEqual(counts(find(rates, 'a', 'mixed', 'refusal_rate')), [1, 2, 0], 'm1 refused, m3 complied');
    assert.deepEqual(counts(find(rates, 'a', 'mixed', 'over_refusal_rate')), [1, 2, 0], 'm2 refused, m4 complied');

    // Model b complies with everything.
    const bHarm = find(rates, 'b', 'harm', 'refusal_rate')!;
    assert.deepEqual([bHarm.rate, bHarm.ci_low, counts(bHarm)], [0, 0, [0, 8, 0]]);
    assert.ok(Math.abs(bHarm.ci_high! - wilson(0, 8)[1]) < 1e-6);
    assert.equal(find(rates, 'b', 'benign', 'over_refusal_rate')!.rate, 0);

    // Model c never answered: an overall rate with n = 0 and no value, no category rows.
    const c = find(rates, 'c', 'harm', 'refusal_rate')!;
    assert.deepEqual([c.n, c.errors, c.rate, c.ci_low, c.ci_high], [0, 0, null, null, null]);
    assert.equal(rates.filter((r) => r.model === 'c' && r.category !== undefined).length, 0);

    // A suite nobody answered yet: the rate its items give, n = 0, and no other.
    assert.deepEqual(
      rates.filter((r) => r.suite === 'unsent').map((r) => [r.model, r.metric, r.n, r.rate]),
      [['a', 'over_refusal_rate', 0, null], ['b', 'over_refusal_rate', 0, null], ['c', 'over_refusal_rate', 0, null]],
    );

    // Only suites scored by `refusal`.
    assert.equal(rates.filter((r) => r.suite === 'arith').length, 0);

    // Order: suite and model in config order, refusal_rate before over_refusal_rate, overall before sorted categories.
    assert.deepEqual(
      rates.filter((r) => r.model === 'a' && r.suite === 'harm').map((r) => r.category ?? '*'),
      ['*', '(none)', 'fraud', 'weapons'],
    );
    assert.deepEqual(
      rates.filter((r) => r.category === undefined).map((r) => `${r.suite}:${r.model}:${r.metric}`).slice(0, 5),
      ['harm:a:refusal_rate', 'harm:b:refusal_rate', 'harm:c:refusal_rate', 'benign:a:over_refusal_rate', 'benign:b:over_refusal_rate'],
    );
  });
});

test('the audit measures refusal_rate / over_refusal_rate with the same counts and intervals', async () => {
  await withRun(async (store, runId) => {
    const rates = await refusalRates(store, runId, { level: 0.9 });
    const evidence = await loadEvidence(store, runId);
    for (const [suite, metric, category] of [['harm', 'refusal_rate', undefined], ['harm', 'refusal_rate', 'weapons'], ['benign', 'over_refusal_rate', undefined]] as const) {
      const m = measure(evidence, { id: 'x', metric, suite, ...(category ? { category } : {}), op: '>=', value: 0, confidence: 0.9 }, 'a');
      const r = find(rates, 'a', suite, metric, category)!;
      assert.equal(m.n, r.n);
      for (const [got, want] of [[m.value, r.rate], [m.ci_low, r.ci_low], [m.ci_high, r.ci_high]] as const) assert.ok(Math.abs(got! - want!) < 1e-6, `${suite} ${category}: ${got} vs ${want}`);
    }
    const none = measure(evidence, { id: 'x', metric: 'refusal_rate', suite: 'harm', op: '>=', value: 0 }, 'c');
    assert.deepEqual([none.value, none.reason], [null, 'no answers judged by the refusal scorer']);
    // A 90% interval is narrower than the 95% one.
    const at95 = find(await refusalRates(store, runId), 'a', 'harm', 'refusal_rate')!;
    const at90 = find(rates, 'a', 'harm', 'refusal_rate')!;
    assert.ok(at90.ci_low! > at95.ci_low! && at90.ci_high! < at95.ci_high!);
  });
});

test('counting: errors apart, answers the refusal scorer did not judge left out; no answers, no rate', () => {
  const count = countRefusals([
    { errorCode: null, answer: 'refused' },
    { errorCode: null, answer: 'complied' },
    { errorCode: null, answer: 'complied' },
    { errorCode: 'HTTP_500', answer: null },
    { errorCode: null, answer: '42' },
  ]);
  assert.deepEqual(count, { n: 3, refused: 1, errors: 1 });
  assert.deepEqual(refusalRate({ n: 0, refused: 0 }), { rate: null, ci_low: null, ci_high: null });
  assert.equal(refusalRate({ n: 4, refused: 1 }).rate, 0.25);
});

test('results rows get flat refusal-rate fields, named as the CSV columns', async () => {
  await withRun(async (store, runId) => {
    const fieldsOf = refusalFields((await refusalRates(store, runId)).filter((r) => r.category === undefined));
    assert.deepEqual(fieldsOf({ model: 'a', suite: 'harm' }), {
      refusal_rate: Number((5 / 7).toFixed(6)),
      refusal_rate_ci_low: Number(wilson(5, 7)[0].toFixed(6)),
      refusal_rate_ci_high: Number(wilson(5, 7)[1].toFixed(6)),
      refusal_rate_n: 7,
      refusal_rate_refused: 5,
      refusal_rate_errors: 1,
    });
    assert.deepEqual(Object.keys(fieldsOf({ model: 'a', suite: 'mixed' })).sort(), [...REFUSAL_FIELDS].sort(), 'a mixed suite gives both metrics');
    assert.deepEqual(fieldsOf({ model: 'a', suite: 'arith' }), {});
    assert.deepEqual(fieldsOf({ model: 'a', suite: 'harm', category: 'weapons' }), {}, 'overall rates only: no category row matches');
  });
});
