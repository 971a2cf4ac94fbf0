import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holmAdjust } from './holm.js';

const closeAll = (actual: ArrayLike<number>, expected: number[], tolerance = 1e-12) => {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    assert.ok(Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= tolerance, `index ${i}: expected ${e}, got ${a}`);
  }
};

test('holmAdjust: hand-computed example in input order', () => {
  // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06.
  closeAll(holmAdjust([0.01, 0.04, 0.03, 0.005]), [0.03, 0.06, 0.06, 0.02]);
});

test('holmAdjust: monotone step-down and the cap at 1', () => {
  // By hand (= R p.adjust(c(.01,.02,.03,.04,.05), "holm")): 0.05, 0.08, 0.09, max(0.09, 0.08), max(0.09, 0.05).
  closeAll(holmAdjust([0.01, 0.02, 0.03, 0.04, 0.05]), [0.05, 0.08, 0.09, 0.09, 0.09]);
  // 0.5·2 = 1, then max(1, 0.6) = 1; 0.3·3 = 0.9 first.
  closeAll(holmAdjust([0.6, 0.5]), [1, 1]);
  closeAll(holmAdjust([0.3, 0.9, 0.8]), [0.9, 1, 1]);
  closeAll(holmAdjust([0.2]), [0.2]);
  assert.equal(holmAdjust([]).length, 0);
  assert.ok(holmAdjust(new Float64Array([0.04, 0.04])) instanceof Float64Array);
  closeAll(holmAdjust(new Float64Array([0.04, 0.04])), [0.08, 0.08]);
});

test('holmAdjust: NaN stays NaN and does not count towards m', () => {
  closeAll(holmAdjust([0.01, NaN, 0.04]), [0.02, NaN, 0.04]);
});

test('holmAdjust: adjusted ≥ raw, ≤ 1, and order-preserving on random input', () => {
  const p = Array.from({ length: 50 }, (_, i) => ((i * 37) % 50) / 500 + 0.0001);
  const adjusted = holmAdjust(p);
  for (let i = 0; i < p.length; i++) {
    assert.ok(adjusted[i]! >= p[i]! && adjusted[i]! <= 1);
    for (let j = 0; j < p.length; j++) if (p[i]! < p[j]!) assert.ok(adjusted[i]! <= adjusted[j]!);
  }
});
