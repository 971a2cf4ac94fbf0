/**
 * Price–score Pareto frontier (Pareto optimality / non-domination, e.g. Deb 2001, "Multi-Objective
 * Optimization using Evolutionary Algorithms", §2.4), with price minimised and score maximised.
 *
 * Point p dominates q when price_p ≤ price_q and score_p ≥ score_q with at least one strict. A point
 * is on the frontier when it has a finite price and a finite score and no other such point dominates
 * it. Points with a null (or non-finite) price or score are never on it and never dominate. Points
 * with identical price and score do not dominate each other, so ties are both on it.
 * O(n log n): sort by price ascending, score descending, and sweep the best score seen at lower prices.
 */
export function paretoFrontier(points: Array<{ price: number | null; score: number | null }>): boolean[] {
  const onFrontier = points.map(() => false);
  const valid: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const { price, score } = points[i]!;
    if (price !== null && score !== null && Number.isFinite(price) && Number.isFinite(score)) valid.push(i);
  }
  const price = (i: number) => points[i]!.price as number;
  const score = (i: number) => points[i]!.score as number;
  valid.sort((a, b) => price(a) - price(b) || score(b) - score(a));
  let bestCheaper = -Infinity; // best score among strictly cheaper points
  for (let start = 0; start < valid.length; ) {
    const groupPrice = price(valid[start]!);
    const groupBest = score(valid[start]!); // sorted: first of a price group has its best score
    let end = start;
    while (end < valid.length && price(valid[end]!) === groupPrice) {
      const index = valid[end]!;
      // Same price and lower score is dominated; the group's best is dominated by a cheaper point with score ≥.
      onFrontier[index] = score(index) === groupBest && groupBest > bestCheaper;
      end++;
    }
    if (groupBest > bestCheaper) bestCheaper = groupBest;
    start = end;
  }
  return onFrontier;
}
