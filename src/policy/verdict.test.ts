import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeClause, overall } from './verdict.js';

const clause = { id: 'c', metric: 'score' as const, op: '>=' as const, value: 0.8 };

test('with a confidence level, ">=" is judged on the lower bound and "<=" on the upper bound', () => {
  const m = { value: 0.85, ci_low: 0.78, ci_high: 0.9, n: 200 };
  assert.equal(judgeClause(clause, m).verdict, 'pass', 'point estimate 0.85 ≥ 0.8');
  const strict = judgeClause({ ...clause, confidence: 0.95 }, m);
  assert.equal(strict.verdict, 'fail', 'lower bound 0.78 < 0.8: noise cannot pass a model');
  assert.equal(strict.compared, 'ci_low');
  assert.match(strict.reason!, /ci_low 0\.78 is not >= 0\.8/);
  const upper = judgeClause({ ...clause, op: '<=', value: 0.95, confidence: 0.95 }, m);
  assert.deepEqual([upper.verdict, upper.compared], ['pass', 'ci_high']);
  assert.equal(judgeClause({ ...clause, op: '<=', value: 0.88, confidence: 0.95 }, m).verdict, 'fail');
});

test('too few items or no measurement is inconclusive; a model is as good as its worst clause', () => {
  const few = judgeClause({ ...clause, min_n: 500 }, { value: 0.99, ci_low: 0.95, ci_high: 1, n: 120 });
  assert.deepEqual([few.verdict, few.reason], ['inconclusive', 'only 120 items, the clause needs 500']);
  const none = judgeClause(clause, { value: null, ci_low: null, ci_high: null, n: 0, reason: 'the model has no price' });
  assert.deepEqual([none.verdict, none.reason], ['inconclusive', 'the model has no price']);
  const pass = judgeClause(clause, { value: 0.9, ci_low: 0.85, ci_high: 0.95, n: 300 });
  const fail = judgeClause(clause, { value: 0.5, ci_low: 0.4, ci_high: 0.6, n: 300 });
  assert.equal(overall([pass, few]), 'inconclusive');
  assert.equal(overall([pass, few, fail]), 'fail');
  assert.equal(overall([pass, pass]), 'pass');
});
