import { seededRandom } from './random.js';
import { quantileSorted } from './stats.js';

/**
 * ln(n!) for a non-negative integer n. Exact products below 30 (n! < 2^108 is held to full double
 * precision of its logarithm); Stirling's series above, truncated after the n^-7 term (Abramowitz &
 * Stegun 6.1.41), whose error at n ≥ 30 is below 1e-17 relative.
 */
export function logFactorial(n: number): number {
  if (n < 2) return 0;
  if (n < 30) {
    let product = 1;
    for (let k = 2; k <= n; k++) product *= k;
    return Math.log(product);
  }
  const inv = 1 / n;
  const inv2 = inv * inv;
  return (
    n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)))
  );
}

/**
 * P(X ≤ s) for X ~ Binomial(m, 1/2) and s ≤ m/2, in a form that stays accurate for m in the tens of
 * thousands. Up to m = 1000 the terms C(m, k)/2^m are summed directly from 2^−m by the recurrence
 * P(X = k) = P(X = k−1)·(m − k + 1)/k (exact while C(m, k) < 2^53, so small cases are exact). Beyond,
 * the largest term C(m, s)/2^m is taken in log space and the smaller ones follow from the ratio
 * P(X = k−1)/P(X = k) = k/(m − k + 1), summed until they stop contributing.
 */
function binomialHalfLowerTail(s: number, m: number): number {
  if (s < 0) return 0;
  if (s >= m) return 1;
  if (m <= 1000) {
    let term = 2 ** -m;
    let sum = term;
    for (let k = 1; k <= s; k++) {
      term = (term * (m - k + 1)) / k;
      sum += term;
    }
    return sum;
  }
  const logTop = logFactorial(m) - logFactorial(s) - logFactorial(m - s) - m * Math.LN2;
  let ratio = 1;
  let sum = 1;
  for (let k = s; k >= 1; k--) {
    ratio *= k / (m - k + 1);
    sum += ratio;
    if (ratio < sum * 1e-17) break;
  }
  return Math.exp(logTop + Math.log(sum));
}

function validMask(mask: Uint8Array | undefined, n: number, name: string): void {
  if (mask && mask.length !== n) throw new Error(`${name}: mask has ${mask.length} entries for ${n} items`);
}

/**
 * Exact (binomial) McNemar test, two-sided (McNemar 1947; exact conditional form as in Agresti,
 * "Categorical Data Analysis", 3rd ed., §11.1.4; R exact2x2::mcnemar.exact).
 *
 * Over the items with `mask[i] = 1` (present for both; default all), b = aOnly = #{a right, b wrong}
 * and c = bOnly = #{a wrong, b right}. Under H0 (equal accuracy) b | b + c ~ Binomial(b + c, 1/2), and
 * p = min(1, 2 · P(X ≤ min(b, c))); p = 1 when b + c = 0. `n` is the number of items compared.
 * Accurate for b + c up to well beyond 20,000 (log-space binomial terms, no factorials); p-values
 * below ~1e-308 underflow to 0.
 */
export function mcnemarExact(a: Uint8Array, b: Uint8Array, mask?: Uint8Array): { n: number; aOnly: number; bOnly: number; pValue: number } {
  const len = a.length;
  if (b.length !== len) throw new Error(`mcnemarExact: ${len} vs ${b.length} items`);
  validMask(mask, len, 'mcnemarExact');
  let n = 0;
  let aOnly = 0;
  let bOnly = 0;
  for (let i = 0; i < len; i++) {
    if (mask && mask[i] === 0) continue;
    n++;
    const x = a[i]! !== 0;
    const y = b[i]! !== 0;
    if (x && !y) aOnly++;
    else if (y && !x) bOnly++;
  }
  return { n, aOnly, bOnly, pValue: mcnemarPValue(aOnly, bOnly) };
}

/** The exact McNemar p-value from the two discordant counts (see `mcnemarExact`). */
export function mcnemarPValue(aOnly: number, bOnly: number): number {
  const m = aOnly + bOnly;
  if (m === 0) return 1;
  return Math.min(1, 2 * binomialHalfLowerTail(Math.min(aOnly, bOnly), m));
}

export interface PairedBootstrapResult {
  n: number;
  diff: number;
  low: number;
  high: number;
  pValue: number;
}

/**
 * Paired percentile bootstrap of a difference in means (Efron & Tibshirani 1993, "An Introduction to
 * the Bootstrap", ch. 13 for the percentile interval and §16.4 for the paired/one-sample test).
 *
 * Over the items with `mask[i] = 1` (default all), d_i = x_i − y_i and diff = mean(d) = mean(x) − mean(y).
 * Each of `rounds` rounds (default 2000, seeded) resamples n item indices with replacement, keeping
 * pairs together, and records the mean of d. low/high: the 2.5% and 97.5% percentiles (R type 7).
 *
 * p-value convention (two-sided, "percentile" p-value: roughly the smallest α at which the (1 − α)
 * percentile interval would exclude 0): with L = #{rounds with mean ≤ 0}, G = #{rounds with mean ≥ 0},
 * p = min(1, 2 · min((L + 1)/(rounds + 1), (G + 1)/(rounds + 1))). The +1s (Davison & Hinkley 1997,
 * eq. 4.11) keep p away from 0: the smallest reachable value is 2/(rounds + 1). Rounds landing exactly
 * on 0 count on both sides, so identical x and y give p = 1. With no items: diff, low, high NaN, p 1.
 */
export function pairedBootstrap(
  x: Float64Array,
  y: Float64Array,
  opts: { rounds?: number; seed?: number; mask?: Uint8Array } = {},
): PairedBootstrapResult {
  const len = x.length;
  if (y.length !== len) throw new Error(`pairedBootstrap: ${len} vs ${y.length} items`);
  const mask = opts.mask;
  validMask(mask, len, 'pairedBootstrap');
  const d = new Float64Array(len);
  let n = 0;
  let total = 0;
  for (let i = 0; i < len; i++) {
    if (mask && mask[i] === 0) continue;
    const v = x[i]! - y[i]!;
    d[n++] = v;
    total += v;
  }
  if (n === 0) return { n: 0, diff: NaN, low: NaN, high: NaN, pValue: 1 };
  const rounds = opts.rounds ?? 2000;
  const random = seededRandom(opts.seed ?? 20240601);
  const means = new Float64Array(rounds);
  let atMost = 0;
  let atLeast = 0;
  for (let r = 0; r < rounds; r++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += d[Math.floor(random() * n)]!;
    const m = sum / n;
    means[r] = m;
    if (m <= 0) atMost++;
    if (m >= 0) atLeast++;
  }
  means.sort();
  const pValue = Math.min(1, (2 * (Math.min(atMost, atLeast) + 1)) / (rounds + 1));
  return { n, diff: total / n, low: quantileSorted(means, 0.025), high: quantileSorted(means, 0.975), pValue };
}

/**
 * Paired comparison of two models on the same items: the exact McNemar test when every compared
 * value is 0 or 1, otherwise the paired bootstrap (`pairedBootstrap`, default rounds and seed unless
 * given). diff = mean(x) − mean(y) over the compared items (for McNemar: (aOnly − bOnly)/n).
 */
export function pairedTest(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  mask?: Uint8Array,
  opts: { rounds?: number; seed?: number } = {},
): { method: 'mcnemar' | 'bootstrap'; n: number; diff: number; pValue: number } {
  const len = x.length;
  if (y.length !== len) throw new Error(`pairedTest: ${len} vs ${y.length} items`);
  validMask(mask, len, 'pairedTest');
  let binary = true;
  let n = 0;
  let aOnly = 0;
  let bOnly = 0;
  for (let i = 0; i < len; i++) {
    if (mask && mask[i] === 0) continue;
    const u = x[i]!;
    const v = y[i]!;
    if ((u !== 0 && u !== 1) || (v !== 0 && v !== 1)) {
      binary = false;
      break;
    }
    n++;
    if (u > v) aOnly++;
    else if (v > u) bOnly++;
  }
  if (binary) return { method: 'mcnemar', n, diff: n === 0 ? NaN : (aOnly - bOnly) / n, pValue: mcnemarPValue(aOnly, bOnly) };
  const fx = x instanceof Float64Array ? x : Float64Array.from(x);
  const fy = y instanceof Float64Array ? y : Float64Array.from(y);
  const r = pairedBootstrap(fx, fy, { ...opts, mask });
  return { method: 'bootstrap', n: r.n, diff: r.diff, pValue: r.pValue };
}
