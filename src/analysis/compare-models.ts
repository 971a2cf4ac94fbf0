import type { MarketData } from './market-data.js';
import { MIN_SHARED } from './market.js';
import { pairedTest } from './paired.js';

export interface Comparison {
  a: string;
  b: string;
  n: number;
  score_a: number | null;
  score_b: number | null;
  diff: number | null;
  method: 'mcnemar' | 'bootstrap' | null;
  p_value: number | null;
  significant: boolean;
  by_category: Array<{ category: string; n: number; wins: number; losses: number; ties: number; score_a: number; score_b: number }>;
  disagreements: { count: number; items: Array<{ item: string; answer_a: string; answer_b: string; score_a: number; score_b: number }> };
  note?: string;
}

/** Two models on the items both answered: the paired test, wins and losses by category, and where they differ. */
export function compareModels(data: MarketData, nameA: string, nameB: string, options: { limit?: number; rounds?: number } = {}): Comparison {
  const a = data.models.findIndex((m) => m.name === nameA);
  const b = data.models.findIndex((m) => m.name === nameB);
  const va = data.vectors[a]!;
  const vb = data.vectors[b]!;
  const sa = data.scores[a]!;
  const sb = data.scores[b]!;
  const n = data.items.n;
  const mask = new Uint8Array(n);
  let shared = 0;
  let sumA = 0;
  let sumB = 0;
  const perCategory = data.categories.map((category) => ({ category, n: 0, wins: 0, losses: 0, ties: 0, sumA: 0, sumB: 0 }));
  const disagreements: Comparison['disagreements']['items'] = [];
  let disagree = 0;
  for (let i = 0; i < n; i++) {
    if (!va.present[i] || !vb.present[i]) continue;
    mask[i] = 1;
    shared++;
    sumA += sa[i]!;
    sumB += sb[i]!;
    const c = perCategory[data.category[i]!]!;
    c.n++;
    c.sumA += sa[i]!;
    c.sumB += sb[i]!;
    if (sa[i]! > sb[i]!) c.wins++;
    else if (sa[i]! < sb[i]!) c.losses++;
    else c.ties++;
    if (va.answer[i] !== vb.answer[i] || sa[i] !== sb[i]) {
      disagree++;
      if (disagreements.length < (options.limit ?? 20)) {
        disagreements.push({ item: data.itemKeys[i]!, answer_a: data.labelText(va.answer[i]!), answer_b: data.labelText(vb.answer[i]!), score_a: sa[i]!, score_b: sb[i]! });
      }
    }
  }
  const test = shared >= MIN_SHARED ? pairedTest(sa, sb, mask, { rounds: options.rounds ?? 2000 }) : null;
  return {
    a: nameA,
    b: nameB,
    n: shared,
    score_a: shared ? sumA / shared : null,
    score_b: shared ? sumB / shared : null,
    diff: shared ? (sumA - sumB) / shared : null,
    method: test?.method ?? null,
    p_value: test ? Number(test.pValue.toPrecision(6)) : null,
    significant: test !== null && test.pValue < 0.05,
    by_category: perCategory
      .filter((c) => c.n > 0)
      .map((c) => ({ category: c.category, n: c.n, wins: c.wins, losses: c.losses, ties: c.ties, score_a: c.sumA / c.n, score_b: c.sumB / c.n })),
    disagreements: { count: disagree, items: disagreements },
    ...(test === null ? { note: `only ${shared} shared items: at least ${MIN_SHARED} are needed for a test` } : {}),
  };
}
