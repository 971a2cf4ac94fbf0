import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from './random.js';
import { failureCounts, pairSimilarity, similarityMatrices, similarityMatrix, type ItemInfo, type ModelVectors } from './similarity.js';

const close = (actual: number | null, expected: number, tolerance = 1e-12, label = '') =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= tolerance, `${label} expected ${expected}, got ${actual}`);

/** Multiple-choice items with `choices` options each and the given correct options. */
function mcItems(truth: number[], choices = 4, k = choices): ItemInfo {
  return { n: truth.length, nChoices: new Int32Array(truth.length).fill(choices), truth: Int32Array.from(truth), k };
}

/** A model from its chosen options (-1 = no answer), graded against `items`; optional one-hot probs. */
function model(answers: number[], items: ItemInfo, options: { present?: number[]; oneHot?: boolean } = {}): ModelVectors {
  const answer = Int32Array.from(answers);
  const correct = Uint8Array.from(answers, (a, i) => (a >= 0 && a === items.truth[i] ? 1 : 0));
  const present = options.present ? Uint8Array.from(options.present) : new Uint8Array(answers.length).fill(1);
  const result: ModelVectors = { present, correct, answer };
  if (options.oneHot) {
    const probs = new Float64Array(answers.length * items.k);
    answers.forEach((a, i) => {
      if (a >= 0) probs[i * items.k + a] = 1;
    });
    result.probs = probs;
  }
  return result;
}

// Ten 4-option items, option 0 always right. Worked by hand below.
const items10 = mcItems(new Array(10).fill(0));
const A = [0, 0, 0, 0, 0, 1, 1, 2, -1, 0]; // right on 0–4 and 9: accuracy 0.6
const B = [0, 0, 0, 1, 2, 1, 2, 2, -1, 3]; // right on 0–2: accuracy 0.3

test('pairSimilarity: hand-computed example', () => {
  const s = pairSimilarity(model(A, items10, { oneHot: true }), model(B, items10, { oneHot: true }), items10, 1);
  assert.equal(s.n, 10);
  // Same non-missing label on items 0, 1, 2, 5, 7 (item 8: both missing, not agreement) → 0.5.
  close(s.agreement, 0.5);
  // Label counts A: 0×6, 1×2, 2×1, none×1; B: 0×3, 1×2, 2×3, 3×1, none×1.
  // p_e = (6·3 + 2·2 + 1·3 + 1·1)/100 = 0.26; κ = (0.5 − 0.26)/0.74 = 12/37.
  close(s.kappa, 12 / 37);
  // Both right: 0–2 (3), both wrong: 5–8 (4) → c_obs = 0.7; c_exp = 0.6·0.3 + 0.4·0.7 = 0.46;
  // κ = 0.24/0.54 = 4/9 (Geirhos et al. 2020, eq. 1–3).
  close(s.errorConsistency, 4 / 9);
  // Both wrong on 5, 6, 7, 8; same wrong answer on 5 and 7 → 2/4. Baseline 1/(4 − 1).
  assert.equal(s.bothWrong, 4);
  close(s.sameWrong, 0.5);
  close(s.sameWrongBaseline, 1 / 3);
  // CAPA: c_exp = 0.18 + 0.28·(1/3) = 41/150; κ_p = (0.5 − 41/150)/(1 − 41/150) = 34/109.
  close(s.capa, 34 / 109);
  // One-hot probabilities reproduce the discrete form exactly.
  close(s.capaProbabilistic, 34 / 109);
});

test("pairSimilarity: Cohen's κ textbook example (κ = 0.4)", () => {
  // Two raters, 50 items, yes/no: both yes 20, A yes & B no 5, A no & B yes 10, both no 15.
  // p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4 (Wikipedia "Cohen's kappa", worked example).
  const a = [...new Array(25).fill(0), ...new Array(25).fill(1)];
  const b = [...new Array(20).fill(0), ...new Array(5).fill(1), ...new Array(10).fill(0), ...new Array(15).fill(1)];
  const items = mcItems(new Array(50).fill(0), 2);
  const s = pairSimilarity(model(a, items), model(b, items), items);
  close(s.agreement, 0.7);
  close(s.kappa, 0.4);
});

test('pairSimilarity: probabilistic CAPA, hand-computed', () => {
  // Two 2-option items, truth 0. pA = (0.8, 0.2), (0.6, 0.4); pB = (0.5, 0.5), (0.9, 0.1).
  // c_obs = mean(0.4 + 0.1, 0.54 + 0.04) = 0.54; p̄A = 0.7, p̄B = 0.7; c_exp = 0.49 + 0.09·1 = 0.58;
  // κ_p = (0.54 − 0.58)/(1 − 0.58) = −2/21 (Goel et al. 2025, probabilistic CAPA).
  const items = mcItems([0, 0], 2);
  const a = model([0, 0], items);
  const b = model([0, 0], items);
  a.probs = new Float64Array([0.8, 0.2, 0.6, 0.4]);
  b.probs = new Float64Array([0.5, 0.5, 0.9, 0.1]);
  close(pairSimilarity(a, b, items, 1).capaProbabilistic, -2 / 21);
  // Only one side has probabilities → null.
  assert.equal(pairSimilarity(a, model([0, 0], items), items, 1).capaProbabilistic, null);
});

test('pairSimilarity: presence, minShared, open-ended items, degenerate accuracy', () => {
  const a = model(A, items10, { present: [1, 1, 1, 1, 1, 1, 1, 1, 1, 0] });
  const b = model(B, items10, { present: [0, 1, 1, 1, 1, 1, 1, 1, 1, 1] });
  const s = pairSimilarity(a, b, items10, 1);
  assert.equal(s.n, 8);
  // Items 1–8: same label on 1, 2, 5, 7 → 0.5.
  close(s.agreement, 0.5);
  const few = pairSimilarity(a, b, items10);
  assert.deepEqual(few, {
    n: 8,
    agreement: null,
    kappa: null,
    errorConsistency: null,
    bothWrong: 4,
    sameWrong: null,
    sameWrongBaseline: null,
    capa: null,
    capaProbabilistic: null,
  });

  // Open-ended items: no CAPA, no sameWrong baseline; the rest still works.
  const open: ItemInfo = { n: 10, nChoices: new Int32Array(10), truth: new Int32Array(10).fill(-1), k: 0 };
  const oa: ModelVectors = { ...model(A, items10), present: new Uint8Array(10).fill(1) };
  const ob: ModelVectors = { ...model(B, items10), present: new Uint8Array(10).fill(1) };
  const so = pairSimilarity(oa, ob, open, 1);
  assert.equal(so.capa, null);
  assert.equal(so.sameWrongBaseline, null);
  close(so.errorConsistency, 4 / 9);
  close(so.sameWrong, 0.5);

  // Both always right: c_exp = 1 → error consistency undefined; no errors → sameWrong undefined.
  const allRight = model(new Array(10).fill(0), items10);
  const r = pairSimilarity(allRight, allRight, items10, 1);
  assert.equal(r.errorConsistency, null);
  assert.equal(r.sameWrong, null);
  assert.equal(r.bothWrong, 0);
  close(r.agreement, 1);
});

test('pairSimilarity: identical models score 1; huge label ids are renumbered without changing κ', () => {
  const random = seededRandom(3);
  const n = 500;
  const items = mcItems(Array.from({ length: n }, () => Math.floor(random() * 4)));
  const answers = Array.from({ length: n }, () => Math.floor(random() * 4));
  const m = model(answers, items);
  const s = pairSimilarity(m, m, items);
  for (const key of ['agreement', 'kappa', 'errorConsistency', 'sameWrong', 'capa'] as const) close(s[key], 1, 1e-12, key);
  // Relabelling answers with huge ids (same partition) leaves κ unchanged.
  const other = model(Array.from({ length: n }, () => Math.floor(random() * 4)), items);
  const big = (v: ModelVectors): ModelVectors => ({ ...v, answer: Int32Array.from(v.answer, (l) => (l < 0 ? l : 2_000_000_000 - l * 7_777_777)) });
  close(pairSimilarity(big(m), big(other), items).kappa, pairSimilarity(m, other, items).kappa!, 1e-12);
});

test('similarityMatrix is symmetric, 1 on the diagonal, and matches pairSimilarity', () => {
  const random = seededRandom(9);
  const n = 200;
  const items = mcItems(Array.from({ length: n }, () => Math.floor(random() * 4)));
  const models = Array.from({ length: 5 }, (_, j) =>
    model(
      Array.from({ length: n }, (_, i) => (random() < 0.3 + 0.1 * j ? items.truth[i]! : Math.floor(random() * 4))),
      items,
      { oneHot: true, present: Array.from({ length: n }, () => (random() < 0.9 ? 1 : 0)) },
    ),
  );
  for (const metric of ['agreement', 'kappa', 'errorConsistency', 'sameWrong', 'capa', 'capaProbabilistic'] as const) {
    const matrix = similarityMatrix(models, items, metric);
    for (let i = 0; i < 5; i++) {
      assert.equal(matrix[i]![i], 1);
      for (let j = 0; j < 5; j++) {
        if (i === j) continue;
        assert.equal(matrix[i]![j], matrix[j]![i]);
        assert.equal(matrix[i]![j], pairSimilarity(models[i]!, models[j]!, items)[metric], `${metric} ${i},${j}`);
      }
    }
  }
  const strict = similarityMatrix(models, items, 'kappa', 10_000);
  assert.equal(strict[0]![1], null);
  // A model with only 20 items sits between others: its pairs are null, the later pairs unaffected.
  const sparse = model(Array.from({ length: n }, () => Math.floor(random() * 4)), items, { present: Array.from({ length: n }, (_, i) => (i < 20 ? 1 : 0)) });
  const mixed = [models[0]!, sparse, models[1]!, models[2]!];
  const all = similarityMatrices(mixed, items, ['kappa', 'agreement', 'capa']);
  assert.equal(all.kappa[0]![1], null);
  assert.equal(all.kappa[1]![3], null);
  for (const [i, j] of [[0, 2], [0, 3], [2, 3]] as const) {
    const expected = pairSimilarity(mixed[i]!, mixed[j]!, items);
    assert.equal(all.kappa[i]![j], expected.kappa);
    assert.equal(all.agreement[j]![i], expected.agreement);
    assert.equal(all.capa[i]![j], expected.capa);
  }
});

test('failureCounts: hand-counted', () => {
  const items = mcItems([0, 0, 0, 0]);
  const m1 = model([0, 1, -1, 0], items);
  const m2 = model([1, 1, 0, 0], items, { present: [1, 1, 0, 1] });
  const m3 = model([0, 2, 3, 0], items, { present: [0, 1, 1, 1] });
  const { failed, answered } = failureCounts([m1, m2, m3], 4);
  // Item 0: m1 right, m2 wrong, m3 absent. Item 1: all three wrong (systemic). Item 2: m1 no answer
  // (wrong), m2 absent, m3 wrong. Item 3: all right.
  assert.deepEqual(Array.from(failed), [1, 3, 2, 0]);
  assert.deepEqual(Array.from(answered), [2, 3, 2, 3]);
});
