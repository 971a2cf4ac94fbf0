/**
 * How far to trust a judge: its verdicts compared with human labels on the same answers (items with
 * `human:`). Categorical verdicts (pass/fail, win/tie/loss) get the agreement rate and Cohen's κ (chance-
 * corrected); 1–10 ratings get exact agreement (same integer), agreement within one point and Spearman's ρ.
 */
import { pagedItems } from '../store/paged-items.js';
import type { Store } from '../store/store.js';
import type { HumanLabel, Item } from '../types.js';

export interface JudgeAgreement {
  model: string;
  suite: string;
  /** Judged answers that carry a human label. */
  n: number;
  /** Share of them where judge and human give the same verdict (ratings: the same integer). */
  agreement: number | null;
  /** Ratings only: share within one point. */
  within_one: number | null;
  /** Categorical verdicts: Cohen's κ. */
  kappa: number | null;
  /** Ratings only: Spearman's rank correlation. */
  spearman: number | null;
}

/** The human label that applies to a model's answer to an item, as the judge would write it. */
export function humanLabelFor(item: Pick<Item, 'human'>, model: string): string | undefined {
  const human = item.human;
  if (human === undefined) return undefined;
  const label: HumanLabel | undefined = typeof human === 'object' ? human[model] : human;
  return label === undefined ? undefined : String(label);
}

/** Cohen's κ of two raters' categorical labels (null when chance agreement is 1: a single category). */
export function cohensKappa(pairs: ReadonlyArray<readonly [string, string]>): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let same = 0;
  for (const [x, y] of pairs) {
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
    if (x === y) same++;
  }
  let chance = 0;
  for (const [label, count] of a) chance += (count / n) * ((b.get(label) ?? 0) / n);
  if (chance >= 1) return null;
  return (same / n - chance) / (1 - chance);
}

/** Ranks with ties given their average rank (1-based). */
function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((p, q) => p[0] - q[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Spearman's ρ: the Pearson correlation of the ranks (null when either side is constant or n < 2). */
export function spearman(pairs: ReadonlyArray<readonly [number, number]>): number | null {
  if (pairs.length < 2) return null;
  const rx = ranks(pairs.map((p) => p[0]));
  const ry = ranks(pairs.map((p) => p[1]));
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const mx = mean(rx);
  const my = mean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i]! - mx) * (ry[i]! - my);
    sxx += (rx[i]! - mx) ** 2;
    syy += (ry[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** Agreement of (judge, human) label pairs; ratings when every label is a number. */
export function agreementOf(model: string, suite: string, pairs: ReadonlyArray<readonly [string, string]>): JudgeAgreement {
  const n = pairs.length;
  const numeric = n > 0 && pairs.every(([j, h]) => Number.isFinite(Number(j)) && Number.isFinite(Number(h)));
  if (numeric) {
    const values = pairs.map(([j, h]) => [Number(j), Number(h)] as const);
    return {
      model,
      suite,
      n,
      agreement: values.filter(([j, h]) => Math.round(j) === Math.round(h)).length / n,
      within_one: values.filter(([j, h]) => Math.abs(j - h) <= 1).length / n,
      kappa: null,
      spearman: spearman(values),
    };
  }
  return { model, suite, n, agreement: n === 0 ? null : pairs.filter(([j, h]) => j === h).length / n, within_one: null, kappa: cohensKappa(pairs), spearman: null };
}

/** Judge–human agreement per model on every judged suite of a run whose items carry human labels. */
export async function judgeHumanAgreement(store: Store, runId: number): Promise<JudgeAgreement[]> {
  const out: JudgeAgreement[] = [];
  for (const suite of await store.runSuites(runId)) {
    if (suite.scorer.name !== 'judge') continue;
    const labelled = new Map<string, Pick<Item, 'human'>>();
    for await (const item of pagedItems(store, suite.suiteHash, 1000)) if (item.human !== undefined) labelled.set(item.id, { human: item.human });
    if (labelled.size === 0) continue;
    const pairs = new Map<string, Array<[string, string]>>();
    for await (const [model, itemId, , answer] of store.scoredItems(runId, suite.name)) {
      const item = labelled.get(itemId);
      const human = item && humanLabelFor(item, model);
      if (human === undefined || answer === null) continue;
      const list = pairs.get(model) ?? [];
      list.push([answer, human]);
      pairs.set(model, list);
    }
    for (const [model, list] of pairs) out.push(agreementOf(model, suite.name, list));
  }
  return out;
}

/** The judge–human agreement fields of results rows (JSON and CSV), in column order. */
export const AGREEMENT_FIELDS = ['judge_human_n', 'judge_human_agreement', 'judge_human_within_one', 'judge_human_kappa', 'judge_human_spearman'] as const;

/** The agreement fields of a results row (one model on one suite), empty when its answers carry no human labels. */
export function agreementFields(list: readonly JudgeAgreement[]): (row: { model: string; suite: string; category?: string }) => Record<string, number | null> {
  const round = (x: number | null) => (x === null ? null : Number(x.toFixed(6)));
  return (row): Record<string, number | null> => {
    if (row.category !== undefined) return {};
    const a = list.find((x) => x.model === row.model && x.suite === row.suite);
    if (!a) return {};
    return {
      judge_human_n: a.n,
      judge_human_agreement: round(a.agreement),
      judge_human_within_one: round(a.within_one),
      judge_human_kappa: round(a.kappa),
      judge_human_spearman: round(a.spearman),
    };
  };
}
