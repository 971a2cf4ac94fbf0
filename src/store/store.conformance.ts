import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionResult, Item } from '../types.js';
import type { NewRun, ResultRecord, Store } from './store.js';

/**
 * Behaviour every Store implementation must have. A test file calls `storeConformance` with a
 * factory for its implementation (SQLite today; PostgreSQL can run the very same cases).
 */
export function storeConformance(name: string, open: () => Promise<Store>): void {
  const run: NewRun = {
    configHash: 'c0ffee',
    configPath: '/tmp/ricegrade.yaml',
    configJson: '{}',
    toolVersion: 'test',
    epochs: 1,
    models: [{ name: 'm', provider: 'openai', model: 'm-1', baseUrl: 'http://x/v1', price: { input: 1, output: 2 }, source: 'live' }],
    suites: [{ name: 's', suiteHash: 'h1', scorerKey: 'k', scorer: { name: 'exact' }, nItems: 3 }],
  };
  const items: Item[] = [
    { id: 'a', input: 'What is 1 + 1?', expected: '2', category: 'math' },
    { id: 'b', input: [{ role: 'user', content: 'Hi' }], expected: ['hello', 'hi'] },
    { id: 'c', input: 'Count', expected: 3, constraints: [{ kind: 'lowercase' }, { kind: 'word_count', min: 5 }], schema: { type: 'object' } },
  ];
  async function* stream(list: Item[], failAt?: number): AsyncGenerator<Item> {
    for (const [i, item] of list.entries()) {
      if (i === failAt) throw new Error('bad line');
      yield item;
    }
  }
  const answer = (text: string, error?: CompletionResult['error']): CompletionResult => ({
    text,
    latencyMs: 12.5,
    attempts: 1,
    usage: error ? undefined : { inputTokens: 10, outputTokens: 2, estimated: false },
    error,
  });
  const link = (runId: number, itemId: string): ResultRecord => ({ runId, model: 'm', suite: 's', suiteHash: 'h1', itemId, epoch: 0, scorerKey: 'k' });
  const meta = { provider: 'openai', model: 'm-1', baseUrl: 'http://x/v1' };

  test(`${name}: a suite is stored whole, in order, with every field, or not at all`, async () => {
    const store = await open();
    try {
      await assert.rejects(store.saveSuite({ hash: 'h1', path: 'p', format: 'jsonl' }, stream(items, 2)), /bad line/);
      assert.equal(await store.suiteSize('h1'), undefined, 'rolled back');
      assert.deepEqual(await store.itemsPage('h1', 0, 10), []);
      assert.equal(await store.saveSuite({ hash: 'h1', path: 'p', format: 'jsonl' }, stream(items)), 3);
      assert.equal(await store.suiteSize('h1'), 3);
      const page1 = await store.itemsPage('h1', 0, 2);
      assert.deepEqual(page1.map((r) => r.item), items.slice(0, 2));
      const page2 = await store.itemsPage('h1', page1[1]!.seq, 2);
      assert.deepEqual(page2.map((r) => r.item), items.slice(2));
    } finally {
      await store.close();
    }
  });

  test(`${name}: responses are cached by key (errors never are), linked to runs and scored`, async () => {
    const store = await open();
    try {
      await store.saveSuite({ hash: 'h1', path: 'p', format: 'jsonl' }, stream(items));
      const runId = await store.createRun(run);
      assert.equal((await store.findResumableRun('c0ffee'))?.id, runId);
      assert.deepEqual(await store.runModels(runId), run.models);
      assert.equal((await store.runSuites(runId))[0]!.nItems, 3);

      await store.recordResponse('key-a', meta, answer('', { code: 'PROVIDER_HTTP', status: 503, message: 'HTTP 503: down' }), link(runId, 'a'), undefined);
      assert.equal(await store.findCachedResponse('key-a'), undefined, 'an error is not a cache hit');
      assert.equal((await store.answeredItems(runId, 'm', 's', 0)).size, 0);

      const id = await store.recordResponse('key-a', meta, answer('2'), link(runId, 'a'), { value: 1, detail: 'match' });
      const cached = await store.findCachedResponse('key-a');
      assert.equal(cached?.id, id);
      assert.equal(cached?.text, '2');
      assert.deepEqual(cached?.usage, { inputTokens: 10, outputTokens: 2, estimated: false });
      assert.deepEqual(await store.findScore(id, 'h1', 'a', 'k'), { value: 1, detail: 'match' });
      assert.deepEqual([...(await store.answeredItems(runId, 'm', 's', 0))], ['a']);

      await store.recordResponse('key-b', meta, answer('nope'), link(runId, 'b'), { value: 0, detail: 'no match' });
      await store.recordResponse('key-c', meta, answer('', { code: 'PROVIDER_TIMEOUT', message: 'timeout' }), link(runId, 'c'), undefined);
      const rows = [];
      for await (const row of store.resultRows(runId)) rows.push(row);
      rows.sort((x, y) => x.itemId.localeCompare(y.itemId));
      assert.deepEqual(
        rows.map((r) => [r.itemId, r.score, r.errorCode, r.inputTokens]),
        [
          ['a', 1, null, 10],
          ['b', 0, null, 10],
          ['c', null, 'PROVIDER_TIMEOUT', null],
        ],
      );

      // A second run reuses the cached response by linking it.
      await store.finishRun(runId, 'completed');
      assert.equal(await store.findResumableRun('c0ffee'), undefined);
      const second = await store.createRun(run);
      await store.linkResponse(id, link(second, 'a'), { value: 1, detail: 'match', answer: '2' });
      const linked = [];
      for await (const row of store.resultRows(second)) linked.push(row);
      assert.deepEqual(linked.map((r) => [r.itemId, r.score, r.answer]), [['a', 1, '2']]);
      const scored = [];
      for await (const row of store.scoredItems(runId, 's')) scored.push(row);
      assert.deepEqual(scored.sort((x, y) => x[1].localeCompare(y[1])), [['m', 'a', 1, null], ['m', 'b', 0, null]], 'errors have no score');
      assert.equal((await store.latestRun())?.id, second);
      assert.deepEqual((await store.listRuns()).map((r) => r.status), ['completed', 'running']);
    } finally {
      await store.close();
    }
  });

  test(`${name}: judgements: unscored answers wait for a verdict; calls, scores and judge errors are stored together`, async () => {
    const store = await open();
    try {
      await store.saveSuite({ hash: 'h1', path: 'p', format: 'jsonl' }, stream(items));
      const runId = await store.createRun(run);
      for (const id of ['a', 'b', 'c']) await store.recordResponse(`k-${id}`, meta, answer(`answer ${id}`), link(runId, id), undefined);
      const pending = await store.pendingJudgements(runId, 's', 'm', 0, '', 2);
      assert.deepEqual(pending.map((p) => [p.item.id, p.text]), [['a', 'answer a'], ['b', 'answer b']], 'paged by item id');
      assert.deepEqual(pending[0]!.item, items[0], 'with the whole item');
      assert.deepEqual((await store.pendingJudgements(runId, 's', 'm', 0, 'b', 2)).map((p) => p.item), [items[2]], 'constraints and schema included');
      assert.equal(await store.countPendingJudgements(runId, 's'), 3);
      assert.equal(await store.runAnswer(runId, 's', 'm', 'b', 0), 'answer b');
      assert.equal(await store.runAnswer(runId, 's', 'm', 'zz', 0), undefined);

      const call = await store.recordCall('judge-key', { provider: 'openai', model: 'judge-1', baseUrl: 'http://j/v1' }, answer('Rating: [[8]]'));
      assert.equal((await store.findCachedResponse('judge-key'))?.id, call, 'a judge call is cached like any response');
      await store.saveJudgement({ link: link(runId, 'a'), judge: 'j', calls: [{ responseId: call, fresh: true, costUsd: 0.002 }], outcome: { score: { value: 7 / 9, detail: 'rating 8/10', answer: '8' } } });
      await store.saveJudgement({ link: link(runId, 'b'), judge: 'j', calls: [{ responseId: call, fresh: false, costUsd: 0 }], outcome: { error: 'no rating' } });
      assert.equal(await store.countPendingJudgements(runId, 's'), 2, 'a judge error stays pending, to be judged again');
      const rows = [];
      for await (const row of store.resultRows(runId)) rows.push(row);
      rows.sort((x, y) => x.itemId.localeCompare(y.itemId));
      assert.deepEqual(rows.map((r) => [r.itemId, r.score, r.answer, r.judgeError]), [['a', 7 / 9, '8', null], ['b', null, null, 'no rating'], ['c', null, null, null]]);
      assert.deepEqual(await store.judgeTallies(runId), [{ suite: 's', judge: 'j', calls: 2, fresh: 1, costUsd: 0.002, errors: 1 }]);
      // Judged again (a resumed run): the calls are replaced, the error cleared.
      await store.saveJudgement({ link: link(runId, 'b'), judge: 'j', calls: [{ responseId: call, fresh: false, costUsd: 0 }], outcome: { score: { value: 1, detail: 'pass', answer: 'pass' } } });
      assert.deepEqual(await store.judgeTallies(runId), [{ suite: 's', judge: 'j', calls: 2, fresh: 1, costUsd: 0.002, errors: 0 }]);
      assert.equal(await store.countPendingJudgements(runId, 's'), 1);
    } finally {
      await store.close();
    }
  });

  test(`${name}: concurrent writes all land and each write resolves only once stored`, async () => {
    const store = await open();
    try {
      await store.saveSuite({ hash: 'h1', path: 'p', format: 'jsonl' }, stream(items));
      const runId = await store.createRun(run);
      const ids = await Promise.all(
        Array.from({ length: 200 }, (_, i) => store.recordResponse(`k${i}`, meta, answer(String(i)), { ...link(runId, `i${i}`) }, { value: i % 2, detail: '' })),
      );
      assert.equal(new Set(ids).size, 200);
      for (const i of [0, 57, 199]) assert.equal((await store.findCachedResponse(`k${i}`))?.text, String(i));
      let n = 0;
      for await (const _ of store.resultRows(runId)) n++;
      assert.equal(n, 200);
    } finally {
      await store.close();
    }
  });
}
