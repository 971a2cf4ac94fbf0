import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agreementOf, cohensKappa, humanLabelFor, spearman } from './judge-agreement.js';

test("Cohen's κ: 1 for perfect agreement, 0 at chance, negative below; worked example", () => {
  assert.equal(cohensKappa([['pass', 'pass'], ['fail', 'fail'], ['pass', 'pass'], ['fail', 'fail']]), 1);
  // Judge says pass on half at random relative to human: po = 0.5, pe = 0.5 → κ = 0.
  assert.equal(cohensKappa([['pass', 'pass'], ['pass', 'fail'], ['fail', 'pass'], ['fail', 'fail']]), 0);
  assert.equal(cohensKappa([['pass', 'fail'], ['fail', 'pass']]), -1);
  // Textbook table: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → po = 0.7, pe = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4.
  const pairs: Array<[string, string]> = [
    ...Array<[string, string]>(20).fill(['yes', 'yes']),
    ...Array<[string, string]>(5).fill(['yes', 'no']),
    ...Array<[string, string]>(10).fill(['no', 'yes']),
    ...Array<[string, string]>(15).fill(['no', 'no']),
  ];
  assert.ok(Math.abs(cohensKappa(pairs)! - 0.4) < 1e-12);
  assert.equal(cohensKappa([['pass', 'pass'], ['pass', 'pass']]), null, 'one category only: κ undefined');
  assert.equal(cohensKappa([]), null);
});

test("Spearman's ρ: monotone = 1, reversed = −1, ties take average ranks", () => {
  assert.equal(spearman([[1, 10], [2, 20], [3, 35], [4, 40]]), 1);
  assert.equal(spearman([[1, 4], [2, 3], [3, 2], [4, 1]]), -1);
  // x ranks 1, 2.5, 2.5, 4; y ranks 1, 2, 3, 4 → ρ = Pearson of the ranks = 4.5 / sqrt(4.5 · 5) ≈ 0.9487.
  assert.ok(Math.abs(spearman([[1, 1], [2, 2], [2, 3], [3, 4]])! - 4.5 / Math.sqrt(4.5 * 5)) < 1e-12);
  assert.equal(spearman([[5, 1], [5, 2]]), null, 'constant side');
  assert.equal(spearman([[1, 1]]), null);
});

test('agreementOf: ratings get exact / within-one agreement and ρ; verdicts get agreement and κ', () => {
  const ratings = agreementOf('m', 's', [['9', '9'], ['7', '8'], ['2', '5'], ['6', '6']]);
  assert.deepEqual([ratings.n, ratings.agreement, ratings.within_one, ratings.kappa], [4, 0.5, 0.75, null]);
  assert.ok(ratings.spearman! > 0.9);
  const verdicts = agreementOf('m', 's', [['win', 'win'], ['tie', 'loss'], ['loss', 'loss']]);
  assert.equal(verdicts.agreement, 2 / 3);
  assert.equal(verdicts.within_one, null);
  assert.ok(verdicts.kappa !== null && verdicts.kappa > 0 && verdicts.kappa < 1);
});

test('humanLabelFor: one label for every model, or one per model name', () => {
  assert.equal(humanLabelFor({ human: 8 }, 'any'), '8');
  assert.equal(humanLabelFor({ human: { a: 'pass', b: 'fail' } }, 'b'), 'fail');
  assert.equal(humanLabelFor({ human: { a: 'pass' } }, 'c'), undefined);
  assert.equal(humanLabelFor({}, 'a'), undefined);
});
