import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimiter } from './rate-limiter.js';

/** A fake clock whose sleep advances time instantly. */
function fakeTime(start = 0) {
  let now = start;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

test('enabled only when a limit is set', () => {
  assert.equal(new RateLimiter(undefined, undefined).enabled, false);
  assert.equal(new RateLimiter(10, undefined).enabled, true);
  assert.equal(new RateLimiter(undefined, 1000).enabled, true);
  assert.equal(new RateLimiter(10, 1000).enabled, true);
});

test('without limits every request goes through at once', async () => {
  const time = fakeTime();
  const limiter = new RateLimiter(undefined, undefined, time.clock, time.sleep);
  const all = await Promise.all(Array.from({ length: 50 }, () => limiter.acquire(1_000_000)));
  assert.ok(all.every((r) => r.at === 0));
  assert.deepEqual(time.sleeps, []);
});

test('rpm = 3: three requests at t=0, the fourth waits until t=60000', async () => {
  const time = fakeTime();
  const limiter = new RateLimiter(3, undefined, time.clock, time.sleep);
  const reservations = await Promise.all([limiter.acquire(1), limiter.acquire(1), limiter.acquire(1), limiter.acquire(1)]);
  assert.deepEqual(
    reservations.map((r) => r.at),
    [0, 0, 0, 60_000],
  );
  assert.equal(time.now(), 60_000);
});

test('rpm window slides: each request waits for the one rpm places earlier to leave', async () => {
  const time = fakeTime();
  const limiter = new RateLimiter(2, undefined, time.clock, time.sleep);
  assert.equal((await limiter.acquire(1)).at, 0);
  time.advance(30_000);
  assert.equal((await limiter.acquire(1)).at, 30_000);
  assert.equal((await limiter.acquire(1)).at, 60_000);
  assert.equal((await limiter.acquire(1)).at, 90_000);
  assert.equal((await limiter.acquire(1)).at, 120_000);
});

test('tpm limits by tokens', async () => {
  const time = fakeTime();
  const limiter = new RateLimiter(undefined, 100, time.clock, time.sleep);
  const [a, b, c] = await Promise.all([limiter.acquire(40), limiter.acquire(60), limiter.acquire(1)]);
  assert.equal(a.at, 0);
  assert.equal(b.at, 0); // 40 + 60 = 100 fits exactly
  assert.equal(c.at, 60_000); // the window is full until the first two leave
});

test('tpm: a waiting request needs only as many old reservations to leave as necessary', async () => {
  const time = fakeTime();
  const limiter = new RateLimiter(undefined, 100, time.clock, time.sleep);
  await limiter.acquire(50);
  time.advance(10_000);
  await limiter.acquire(50);
  const third = await limiter.acquire(50); // fits once the first (t=0) leaves
  assert.equal(third.at, 60_000);
  const fourth = await limiter.acquire(50); // then once the second (t=10000) leaves
  assert.equal(fourth.at, 70_000);
});

test('settle frees an over-reservation', async () => {
  const time = fakeTime();
  const limiter = new RateLimiter(undefined, 100, time.clock, time.sleep);
  const first = await limiter.acquire(80);
  limiter.settle(first, 20);
  assert.equal(first.tokens, 20);
  const second = await limiter.acquire(70); // 20 + 70 <= 100
  assert.equal(second.at, 0);
  assert.deepEqual(time.sleeps, []);
  const third = await limiter.acquire(20); // 90 + 20 > 100
  assert.equal(third.at, 60_000);
});

test('settle charges an under-reservation', async () => {
  const time = fakeTime();
  const limiter = new RateLimiter(undefined, 100, time.clock, time.sleep);
  const first = await limiter.acquire(10);
  limiter.settle(first, 90);
  const second = await limiter.acquire(20); // 90 + 20 > 100: must wait for the first to leave
  assert.equal(second.at, 60_000);
});

test('settle of a reservation that already left the window changes nothing', async () => {
  const time = fakeTime();
  const limiter = new RateLimiter(undefined, 100, time.clock, time.sleep);
  const old = await limiter.acquire(50);
  time.advance(60_000);
  const full = await limiter.acquire(100);
  assert.equal(full.at, 60_000);
  assert.equal(old.expired, true);
  limiter.settle(old, 0); // would wrongly free 50 tokens if applied
  const next = await limiter.acquire(1);
  assert.equal(next.at, 120_000);
});

test('a request bigger than the whole tpm still goes through, alone', async () => {
  const time = fakeTime();
  const limiter = new RateLimiter(undefined, 100, time.clock, time.sleep);
  const big = await limiter.acquire(500);
  assert.equal(big.at, 0);
  const small = await limiter.acquire(1);
  assert.equal(small.at, 60_000);

  const time2 = fakeTime();
  const limiter2 = new RateLimiter(undefined, 100, time2.clock, time2.sleep);
  await limiter2.acquire(10);
  const big2 = await limiter2.acquire(500); // waits for the window to empty, then goes
  assert.equal(big2.at, 60_000);
});

test('callers are served in order: a small request does not overtake a waiting big one', async () => {
  const time = fakeTime();
  const limiter = new RateLimiter(undefined, 100, time.clock, time.sleep);
  const order: string[] = [];
  const track = (name: string, p: ReturnType<RateLimiter['acquire']>) =>
    p.then((r) => {
      order.push(name);
      return r;
    });
  const [a, b, c, d] = await Promise.all([
    track('a', limiter.acquire(60)),
    track('b', limiter.acquire(60)),
    track('c', limiter.acquire(10)),
    track('d', limiter.acquire(10)),
  ]);
  assert.deepEqual(order, ['a', 'b', 'c', 'd']);
  assert.equal(a.at, 0);
  assert.equal(b.at, 60_000);
  // c would fit at t=0 (60 + 10 <= 100) but must not jump the queue
  assert.equal(c.at, 60_000);
  assert.equal(d.at, 60_000);
});

test('rpm and tpm together: the stricter one decides', async () => {
  const time = fakeTime();
  const limiter = new RateLimiter(10, 100, time.clock, time.sleep);
  const rs = await Promise.all([limiter.acquire(50), limiter.acquire(50), limiter.acquire(50)]);
  assert.deepEqual(
    rs.map((r) => r.at),
    [0, 0, 60_000],
  );
  const time2 = fakeTime();
  const limiter2 = new RateLimiter(1, 1_000_000, time2.clock, time2.sleep);
  const rs2 = await Promise.all([limiter2.acquire(1), limiter2.acquire(1)]);
  assert.deepEqual(
    rs2.map((r) => r.at),
    [0, 60_000],
  );
});
