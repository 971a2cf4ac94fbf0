/**
 * Holm–Bonferroni step-down adjusted p-values (Holm 1979, "A simple sequentially rejective multiple
 * test procedure", Scand. J. Statist. 6(2); same as R's p.adjust(p, "holm")).
 *
 * With the m p-values sorted ascending p_(1) ≤ … ≤ p_(m), the adjusted value of p_(j) is
 * max_{i ≤ j} min(1, (m − i + 1) · p_(i)): monotone in the sort order and capped at 1. Rejecting
 * where adjusted ≤ α controls the family-wise error rate at α. Results come back in input order.
 * NaN entries stay NaN and do not count towards m (as R drops NAs). Equal p-values keep input order.
 */
export function holmAdjust(pValues: ArrayLike<number>): Float64Array {
  const len = pValues.length;
  const out = new Float64Array(len).fill(NaN);
  const order: number[] = [];
  for (let i = 0; i < len; i++) if (!Number.isNaN(pValues[i]!)) order.push(i);
  order.sort((a, b) => pValues[a]! - pValues[b]! || a - b);
  const m = order.length;
  let running = 0;
  for (let rank = 0; rank < m; rank++) {
    const index = order[rank]!;
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    out[index] = running;
  }
  return out;
}
