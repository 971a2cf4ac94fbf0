import { seededRandom } from './random.js';
import type { ModelVectors } from './similarity.js';
import { quantileSorted } from './stats.js';

export interface CommodityIndex {
  /** Mean pairwise error consistency; null when fewer than 2 models, too few items, or no pair is defined. */
  value: number | null;
  low: number | null;
  high: number | null;
  /** Number of model pairs whose error consistency entered `value` (0 when value is null). */
  pairs: number;
}

/**
 * Mean over pairs of the error-consistency κ of Geirhos, Meding & Wichmann 2020 ("Beyond accuracy:
 * quantifying trial-by-trial behaviour of CNNs and humans by measuring error consistency"), from
 * per-model correct counts c_a, per-pair both-right counts r_ab and the item count N:
 * c_obs = (r_ab + (N − c_a − c_b + r_ab))/N, c_exp = p_a·p_b + (1 − p_a)(1 − p_b), κ = (c_obs − c_exp)/(1 − c_exp).
 * Pairs with c_exp = 1 (both all right or both all wrong) are undefined and skipped. Returns NaN when
 * no pair is defined; `definedOut[0]` receives how many were.
 */
function meanPairConsistency(m: number, total: number, correct: Int32Array, both: Int32Array, definedOut: Int32Array): number {
  let sum = 0;
  let defined = 0;
  for (let a = 0; a < m; a++) {
    const pa = correct[a]! / total;
    for (let b = a + 1; b < m; b++) {
      const pb = correct[b]! / total;
      const expected = pa * pb + (1 - pa) * (1 - pb);
      if (expected >= 1) continue;
      const r = both[a * m + b]!;
      const observed = (2 * r + total - correct[a]! - correct[b]!) / total;
      sum += (observed - expected) / (1 - expected);
      defined++;
    }
  }
  definedOut[0] = defined;
  return defined === 0 ? NaN : sum / defined;
}

/**
 * Commodity index: how interchangeable a set of models (usually the price–score frontier) is, as the
 * mean pairwise error consistency (Geirhos et al. 2020, see above) among them, with a seeded
 * percentile bootstrap over items (Efron & Tibshirani 1993, ch. 13): each of `rounds` rounds
 * (default 1000) resamples the items with replacement and recomputes the mean pairwise error
 * consistency; low/high are its 2.5%/97.5% percentiles (R type 7; `level` changes the coverage).
 *
 * Items: only the items every given model has a result for (present in all) are used, so every pair is
 * measured on the same items; null value when fewer than 2 models or fewer than `minShared` (default
 * 30) such items. Pairs whose κ is undefined (c_exp = 1) are left out of the mean; bootstrap rounds
 * where no pair is defined are dropped from the percentiles.
 *
 * Speed: each item's correctness pattern across the models is interned once (a dense table of 2^m
 * codes for m ≤ 16 models, a one-off Map at setup beyond) and stored as one byte per group of 8
 * models. A round draws n item indices and histograms their patterns (O(n)); the per-model and
 * per-pair counts then come from that histogram: pairs inside a group from the group's 256-entry
 * byte marginal, pairs across groups g < h from a (byte of g) × (model of h) table, so the cost per
 * round is O(n + patterns·G² + G²·256·8·8) for G = ⌈m/8⌉ groups, with no allocation in the rounds.
 * There is no separate slow path above 16 models; only the interning changes.
 */
export function commodityIndex(
  models: ModelVectors[],
  n: number,
  opts: { rounds?: number; seed?: number; minShared?: number; level?: number } = {},
): CommodityIndex {
  const m = models.length;
  const empty: CommodityIndex = { value: null, low: null, high: null, pairs: 0 };
  if (m < 2) return empty;
  for (const model of models) {
    if (model.present.length !== n || model.correct.length !== n) throw new Error(`commodityIndex: model vectors must have ${n} entries`);
  }

  // Items present for every model.
  const keep = new Int32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let all = true;
    for (let j = 0; j < m && all; j++) all = models[j]!.present[i] !== 0;
    if (all) keep[total++] = i;
  }
  if (total < (opts.minShared ?? 30) || total === 0) return empty;

  // Intern correctness patterns: patternOf[item] → pattern index; each pattern stored as G bytes,
  // byte g holding the right/wrong bits of models 8g … 8g+7.
  const groups = Math.ceil(m / 8);
  const patternOf = new Int32Array(total);
  const byteRows: number[] = [];
  let patterns = 0;
  const addPattern = (bits: Uint8Array): number => {
    for (let g = 0; g < groups; g++) {
      let byte = 0;
      for (let b = 0; b < 8 && g * 8 + b < m; b++) byte |= bits[g * 8 + b]! << b;
      byteRows.push(byte);
    }
    return patterns++;
  };
  const bits = new Uint8Array(m);
  if (m <= 16) {
    const table = new Int32Array(1 << m).fill(-1);
    for (let k = 0; k < total; k++) {
      const i = keep[k]!;
      let code = 0;
      for (let j = 0; j < m; j++) {
        bits[j] = models[j]!.correct[i] !== 0 ? 1 : 0;
        code |= bits[j]! << j;
      }
      let p = table[code]!;
      if (p < 0) table[code] = p = addPattern(bits);
      patternOf[k] = p;
    }
  } else {
    const table = new Map<string, number>(); // setup only, never inside the rounds
    for (let k = 0; k < total; k++) {
      const i = keep[k]!;
      for (let j = 0; j < m; j++) bits[j] = models[j]!.correct[i] !== 0 ? 1 : 0;
      const key = bits.join('');
      let p = table.get(key);
      if (p === undefined) table.set(key, (p = addPattern(bits)));
      patternOf[k] = p;
    }
  }
  const bytes = Uint8Array.from(byteRows);

  // Set bits of every byte value, as lists.
  const bitStart = new Int32Array(257);
  const bitList: number[] = [];
  for (let v = 0; v < 256; v++) {
    for (let b = 0; b < 8; b++) if (v & (1 << b)) bitList.push(b);
    bitStart[v + 1] = bitList.length;
  }
  const bitOf = Uint8Array.from(bitList);
  const groupPairs = (groups * (groups - 1)) / 2;

  const hist = new Int32Array(patterns);
  const marginal = new Int32Array(groups * 256); // per group: items per byte value
  const cross = new Int32Array(groupPairs * 256 * 8); // per group pair (g < h), byte u of g, bit b of h: items
  const correct = new Int32Array(m);
  const both = new Int32Array(m * m);
  const definedOut = new Int32Array(1);

  // Per-model right counts and per-pair both-right counts from the pattern histogram: within a group
  // from its byte marginal, across groups from the (byte of g) × (bit of h) table.
  const fromHistogram = (): number => {
    marginal.fill(0);
    cross.fill(0);
    for (let p = 0; p < patterns; p++) {
      const count = hist[p]!;
      if (count === 0) continue;
      const base = p * groups;
      let q = 0;
      for (let g = 0; g < groups; g++) {
        const u = bytes[base + g]!;
        marginal[g * 256 + u]! += count;
        for (let h = g + 1; h < groups; h++, q++) {
          const v = bytes[base + h]!;
          if (u === 0 || v === 0) continue;
          const offset = (q * 256 + u) * 8;
          for (let s = bitStart[v]!, end = bitStart[v + 1]!; s < end; s++) cross[offset + bitOf[s]!]! += count;
        }
      }
    }
    correct.fill(0);
    both.fill(0);
    let q = 0;
    for (let g = 0; g < groups; g++) {
      for (let u = 1; u < 256; u++) {
        const count = marginal[g * 256 + u]!;
        if (count === 0) continue;
        const end = bitStart[u + 1]!;
        for (let s = bitStart[u]!; s < end; s++) {
          const a = g * 8 + bitOf[s]!;
          correct[a]! += count;
          for (let t = s + 1; t < end; t++) both[a * m + g * 8 + bitOf[t]!]! += count;
        }
      }
      for (let h = g + 1; h < groups; h++, q++) {
        for (let u = 1; u < 256; u++) {
          const offset = (q * 256 + u) * 8;
          for (let b = 0; b < 8; b++) {
            const count = cross[offset + b]!;
            if (count === 0) continue;
            const column = h * 8 + b;
            for (let s = bitStart[u]!, end = bitStart[u + 1]!; s < end; s++) both[(g * 8 + bitOf[s]!) * m + column]! += count;
          }
        }
      }
    }
    return meanPairConsistency(m, total, correct, both, definedOut);
  };

  for (let k = 0; k < total; k++) hist[patternOf[k]!]!++;
  const value = fromHistogram();
  const pairs = definedOut[0]!;
  if (Number.isNaN(value)) return empty;

  const rounds = opts.rounds ?? 1000;
  const random = seededRandom(opts.seed ?? 20240601);
  const estimates = new Float64Array(rounds);
  let kept = 0;
  for (let r = 0; r < rounds; r++) {
    hist.fill(0);
    for (let k = 0; k < total; k++) hist[patternOf[Math.floor(random() * total)]!]!++;
    const estimate = fromHistogram();
    if (!Number.isNaN(estimate)) estimates[kept++] = estimate;
  }
  if (kept === 0) return { value, low: null, high: null, pairs };
  const sorted = estimates.subarray(0, kept).sort();
  const alpha = (1 - (opts.level ?? 0.95)) / 2;
  return { value, low: quantileSorted(sorted, alpha), high: quantileSorted(sorted, 1 - alpha), pairs };
}
