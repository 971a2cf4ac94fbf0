import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { Semaphore } from './semaphore.js';

test('never more than `limit` holders at once under many concurrent acquirers', async () => {
  for (const limit of [1, 3, 7]) {
    const semaphore = new Semaphore(limit);
    let active = 0;
    let peak = 0;
    let done = 0;
    const worker = async (i: number) => {
      await semaphore.acquire();
      try {
        active++;
        peak = Math.max(peak, active);
        assert.ok(active <= limit, `limit ${limit} exceeded: ${active}`);
        for (let k = 0; k < (i % 4) + 1; k++) await tick();
        done++;
      } finally {
        active--;
        semaphore.release();
      }
    };
    await Promise.all(Array.from({ length: 40 }, (_, i) => worker(i)));
    assert.equal(done, 40);
    assert.equal(peak, limit, `limit ${limit} should be fully used`);
    assert.equal(active, 0);
  }
});

test('waiters are served first come, first served', async () => {
  const semaphore = new Semaphore(1);
  await semaphore.acquire();
  const order: number[] = [];
  const waiters = [1, 2, 3, 4, 5].map((i) => semaphore.acquire().then(() => order.push(i)));
  await tick();
  assert.deepEqual(order, [], 'nobody gets in while the permit is held');
  for (let i = 1; i <= 5; i++) {
    semaphore.release();
    await tick();
    assert.deepEqual(order, Array.from({ length: i }, (_, k) => k + 1));
  }
  await Promise.all(waiters);
  semaphore.release();
});

test('a released permit can be acquired again without waiting', async () => {
  const semaphore = new Semaphore(2);
  await semaphore.acquire();
  await semaphore.acquire();
  let third = false;
  const p = semaphore.acquire().then(() => {
    third = true;
  });
  await tick();
  assert.equal(third, false);
  semaphore.release();
  await p;
  assert.equal(third, true);
});
