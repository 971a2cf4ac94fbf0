import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqliteStore } from '../store/sqlite-store.js';
import { analyzeMarket } from './market.js';
import { loadMarketData } from './market-data.js';

test('stored choice probabilities give the probabilistic CAPA; answers become option indices', async () => {
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'rg-md-')), 'm.db'));
  try {
    const choices = ['w', 'x', 'y', 'z'];
    const items = Array.from({ length: 40 }, (_, i) => ({ id: `q${i}`, input: `q${i}`, expected: 'A', choices, category: i < 20 ? 'c1' : 'c2' }));
    await store.addItems({ hash: 'h', path: 'p', format: 'jsonl' }, items);
    const runId = await store.createRun({
      configHash: 'c',
      configPath: 'p',
      configJson: '{}',
      toolVersion: 't',
      epochs: 1,
      models: [
        { name: 'x', provider: 'openai', model: 'x', baseUrl: 'u', price: { input: 1, output: 1 } },
        { name: 'y', provider: 'openai', model: 'y', baseUrl: 'u', price: { input: 2, output: 2 } },
      ],
      suites: [{ name: 's', suiteHash: 'h', scorerKey: 'k', scorer: { name: 'choice' }, nItems: 40 }],
    });
    for (let i = 0; i < 40; i++) {
      const even = i % 2 === 0;
      for (const [model, probs] of [
        ['x', even ? [0.8, 0.2, 0, 0] : [0.2, 0.8, 0, 0]],
        ['y', even ? [0.6, 0.4, 0, 0] : [0.4, 0.6, 0, 0]],
      ] as const) {
        const answer = even ? 'A' : 'B';
        await store.recordResponse(
          `${model}-${i}`,
          { provider: 'openai', model, baseUrl: 'u' },
          { text: answer, latencyMs: 1, attempts: 1, probs: [...probs] },
          { runId, model, suite: 's', suiteHash: 'h', itemId: `q${i}`, epoch: 0, scorerKey: 'k' },
          { value: even ? 1 : 0, detail: '', answer },
        );
      }
    }
    const data = await loadMarketData(store, runId);
    assert.equal(data.items.k, 4);
    assert.equal(data.items.truth[0], 0);
    assert.equal(data.vectors[0]!.answer[1], 1, '"B" is option index 1');
    assert.equal(data.categories.length, 2);
    const market = analyzeMarket(data, { prices: new Map([['x', { input: 1, output: 1 }], ['y', { input: 2, output: 2 }]]) });
    // Both pick the same option on every item: discrete CAPA 1.
    assert.equal(market.similarity.capa!.matrix[0]![1], 1);
    // Probabilistic CAPA (Goel et al. 2025): c_obs = mean Σ_o pX·pY = 0.8·0.6 + 0.2·0.4 = 0.56;
    // p̄X = p̄Y = 0.5; c_exp = 0.25 + 0.25 · 1/3 = 1/3; κp = (0.56 − 1/3) / (1 − 1/3) = 0.34.
    assert.equal(market.similarity.capa_probabilistic!.matrix[0]![1], 0.34);
  } finally {
    await store.close();
  }
});
