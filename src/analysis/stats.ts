import { seededRandom } from './random.js';

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a proportion (Wilson 1927): better than the normal approximation
 * near 0 and 1 and for small n. `successes` may be fractional only in the sense of a mean × n.
 */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At p = 0 or 1 the bound on that side is exactly 0 or 1; float rounding would leave 1e-16 off.
  return { low: successes <= 0 ? 0 : Math.max(0, centre - half), high: successes >= n ? 1 : Math.min(1, centre + half) };
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length === 0 ? NaN : sum / values.length;
}

/** Quantile with linear interpolation between order statistics (R type 7). `sorted` must be ascending. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const weight = position - lower;
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}

/** Percentile bootstrap interval of the mean (Efron), seeded so the same data gives the same interval. */
export function bootstrapMeanInterval(values: ArrayLike<number>, options: { rounds?: number; seed?: number; level?: number } = {}): Interval {
  const n = values.length;
  if (n === 0) return { low: 0, high: 1 };
  const rounds = options.rounds ?? 2000;
  const alpha = (1 - (options.level ?? 0.95)) / 2;
  const random = seededRandom(options.seed ?? 20240601);
  const means = new Float64Array(rounds);
  for (let r = 0; r < rounds; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(random() * n)]!;
    means[r] = sum / n;
  }
  means.sort();
  return { low: quantileSorted(means, alpha), high: quantileSorted(means, 1 - alpha) };
}

/** True when every value is exactly 0 or 1 (then a Wilson interval applies). */
export function isBinary(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== 0 && values[i] !== 1) return false;
  return true;
}

/** Mean with a 95% interval: Wilson for 0/1 scores, percentile bootstrap otherwise. */
export function meanWithInterval(values: ArrayLike<number>): { mean: number; low: number; high: number; method: 'wilson' | 'bootstrap' } {
  const m = mean(values);
  if (isBinary(values)) {
    const { low, high } = wilsonInterval(m * values.length, values.length);
    return { mean: m, low, high, method: 'wilson' };
  }
  const { low, high } = bootstrapMeanInterval(values);
  return { mean: m, low, high, method: 'bootstrap' };
}

/**
 * Cluster (block) bootstrap percentile interval of a pooled mean.
 *
 * Definition (Davison & Hinkley 1997, "Bootstrap Methods and their Application", §3.8, resampling
 * the top stage of a two-stage design; Field & Welsh 2007, "Bootstrapping clustered data", JRSS B
 * 69(3), the "cluster bootstrap"): with G distinct clusters, each round draws G clusters uniformly
 * with replacement, keeps every item of every drawn cluster, and records the mean of the pooled
 * items Σ(cluster sums) / Σ(cluster sizes). The interval is the (α/2, 1 − α/2) percentile (R type 7)
 * of the round means, α = 1 − level. Items that share a cluster (a category, a source document) are
 * not independent, so this interval is wider than the item bootstrap when clusters differ.
 *
 * `clusters[i]` is the cluster id of `values[i]` (any int32). Seeded; the same inputs give the same
 * interval. With every item in its own cluster (ids in first-appearance order) it draws exactly what
 * `bootstrapMeanInterval` draws. No data gives { low: 0, high: 1 }, as `bootstrapMeanInterval` does.
 */
export function clusteredBootstrapMeanInterval(
  values: Float64Array,
  clusters: Int32Array,
  opts: { rounds?: number; seed?: number; level?: number } = {},
): Interval {
  const n = values.length;
  if (clusters.length !== n) throw new Error(`clusteredBootstrapMeanInterval: ${n} values but ${clusters.length} cluster ids`);
  if (n === 0) return { low: 0, high: 1 };
  const rounds = opts.rounds ?? 2000;
  const alpha = (1 - (opts.level ?? 0.95)) / 2;
  const random = seededRandom(opts.seed ?? 20240601);

  // Compact cluster ids to 0..G-1 in order of first appearance.
  let minId = clusters[0]!;
  let maxId = minId;
  for (let i = 1; i < n; i++) {
    const c = clusters[i]!;
    if (c < minId) minId = c;
    else if (c > maxId) maxId = c;
  }
  const compact = new Int32Array(n);
  let groups = 0;
  if (maxId - minId <= 4 * n + 1024) {
    const slot = new Int32Array(maxId - minId + 1).fill(-1);
    for (let i = 0; i < n; i++) {
      const key = clusters[i]! - minId;
      let g = slot[key]!;
      if (g < 0) slot[key] = g = groups++;
      compact[i] = g;
    }
  } else {
    // Sparse ids: a one-off Map while building the table (never inside the rounds).
    const slot = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      let g = slot.get(clusters[i]!);
      if (g === undefined) slot.set(clusters[i]!, (g = groups++));
      compact[i] = g;
    }
  }
  const sums = new Float64Array(groups);
  const sizes = new Float64Array(groups);
  for (let i = 0; i < n; i++) {
    sums[compact[i]!]! += values[i]!;
    sizes[compact[i]!]! += 1;
  }

  const means = new Float64Array(rounds);
  for (let r = 0; r < rounds; r++) {
    let sum = 0;
    let size = 0;
    for (let g = 0; g < groups; g++) {
      const drawn = Math.floor(random() * groups);
      sum += sums[drawn]!;
      size += sizes[drawn]!;
    }
    means[r] = sum / size;
  }
  means.sort();
  return { low: quantileSorted(means, alpha), high: quantileSorted(means, 1 - alpha) };
}

/**
 * The standard normal quantile Φ⁻¹(p) (Acklam's rational approximation, relative error < 1.2e-9),
 * e.g. the z of a two-sided interval at level L is normalQuantile((1 + L) / 2).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Percentile bootstrap interval of any statistic of a sample (seeded). */
export function bootstrapStatistic(
  values: Float64Array,
  statistic: (sample: Float64Array) => number,
  options: { rounds?: number; seed?: number; level?: number } = {},
): Interval {
  const n = values.length;
  if (n === 0) return { low: NaN, high: NaN };
  const rounds = options.rounds ?? 1000;
  const alpha = (1 - (options.level ?? 0.95)) / 2;
  const random = seededRandom(options.seed ?? 20240601);
  const sample = new Float64Array(n);
  const stats = new Float64Array(rounds);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) sample[i] = values[Math.floor(random() * n)]!;
    stats[r] = statistic(sample);
  }
  stats.sort();
  return { low: quantileSorted(stats, alpha), high: quantileSorted(stats, 1 - alpha) };
}
