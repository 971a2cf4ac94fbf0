import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, workspace } from '../helpers/cli.js';

test('demo evaluates the labelled simulated market into SQLite and prints the leaderboard', async () => {
  const dir = workspace();
  const r = await runCli(['demo'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /SIMULATED MARKET/);
  for (const model of ['sim-nano', 'sim-small', 'sim-lookalike', 'sim-medium', 'sim-large']) assert.match(r.stdout, new RegExp(model));
  const db = join(dir, 'ricegrade-demo', '.ricegrade', 'ricegrade.db');
  assert.ok(existsSync(db));
  assert.equal(readFileSync(db).subarray(0, 15).toString(), 'SQLite format 3');
  assert.match(readFileSync(join(dir, 'ricegrade-demo', 'ricegrade.yaml'), 'utf8'), /SIMULATED MARKET/);

  const res = await runCli(['results', '-c', 'ricegrade-demo/ricegrade.yaml', '--format', 'json'], { cwd: dir });
  const rows = JSON.parse(res.stdout) as Array<{ model: string; score: number; cost_usd: number; n: number }>;
  assert.equal(rows.length, 5);
  const by = new Map(rows.map((x) => [x.model, x]));
  // The simulated market is built so that quality rises with price, except the look-alike.
  assert.ok(by.get('sim-large')!.score > by.get('sim-nano')!.score);
  assert.ok(by.get('sim-lookalike')!.cost_usd > 5 * by.get('sim-small')!.cost_usd);
  assert.ok(rows.every((x) => x.n === 120));

  // The look-alike resells sim-small's answers at four times the price: same score, off the frontier.
  const market = JSON.parse((await runCli(['market', '-c', 'ricegrade-demo/ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout);
  assert.equal(by.get('sim-lookalike')!.score, by.get('sim-small')!.score);
  assert.ok(!market.frontier.includes('sim-lookalike'));
  assert.ok(market.frontier.includes('sim-small'));
  const ec = market.similarity.error_consistency;
  assert.equal(ec.matrix[ec.models.indexOf('sim-small')][ec.models.indexOf('sim-lookalike')], 1);
});
