/**
 * Leader-based significance tiers (the "statistically tied groups" of leaderboards, e.g. the
 * rank-with-ties of Chiang et al. 2024, "Chatbot Arena", made greedy):
 *
 * Models are sorted by score descending (a stable sort: equal scores keep their input order; NaN
 * scores go last, in input order). Tier 1 starts with the best model, which leads it. Walking down
 * the sorted list, a model opens a new tier (and leads it) when `differs(leader, model)` is true for
 * the leader of the current tier, otherwise it joins that tier. Only leader-vs-model comparisons are
 * made, so a tier can hold models that differ from each other but not from their leader.
 *
 * Returns the 1-based tier of each model in INPUT order. `differs` receives input indices.
 */
export function assignTiers(scores: ArrayLike<number>, differs: (i: number, j: number) => boolean): Int32Array {
  const n = scores.length;
  const tiers = new Int32Array(n);
  if (n === 0) return tiers;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    const nanA = Number.isNaN(scores[a]!);
    const nanB = Number.isNaN(scores[b]!);
    if (nanA !== nanB) return nanA ? 1 : -1;
    // Equal (or both infinite) scores: NaN || 0 → input order.
    return scores[b]! - scores[a]! || a - b;
  });
  let leader = order[0]!;
  let tier = 1;
  tiers[leader] = tier;
  for (let k = 1; k < n; k++) {
    const model = order[k]!;
    if (differs(leader, model)) {
      tier++;
      leader = model;
    }
    tiers[model] = tier;
  }
  return tiers;
}
