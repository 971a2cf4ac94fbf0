/** One model's answers on the n items of a suite, aligned by item index. */
export interface ModelVectors {
  /** 1 when the model has a result for item i. */
  present: Uint8Array;
  /** 1 when the model's answer to item i is correct (meaningful where present). */
  correct: Uint8Array;
  /** Interned answer label; -1 (any negative) = no answer. */
  answer: Int32Array;
  /** n*k row-major distribution over options, when stored. */
  probs?: Float64Array;
}

export interface ItemInfo {
  n: number;
  /** Options of item i, 0 = open-ended. */
  nChoices: Int32Array;
  /** Index of the correct option, -1 if open-ended. */
  truth: Int32Array;
  /** Row width of probs. */
  k: number;
}

export interface PairSimilarity {
  n: number;
  agreement: number | null;
  kappa: number | null;
  errorConsistency: number | null;
  bothWrong: number;
  sameWrong: number | null;
  sameWrongBaseline: number | null;
  capa: number | null;
  capaProbabilistic: number | null;
}

/** The PairSimilarity fields that are similarities (1 for a model with itself), usable in a matrix. */
export type SimilarityMetric = 'agreement' | 'kappa' | 'errorConsistency' | 'sameWrong' | 'capa' | 'capaProbabilistic';

/** Largest answer label packed as is; beyond it labels are renumbered densely (once, at setup). */
const MAX_DIRECT_LABEL = 1 << 20;

interface ItemTables {
  /** 1/(nChoices − 1) per item, 0 where open-ended. */
  invWrong: Float64Array;
  /** 1 where the item has fewer than 2 options (open-ended). */
  open: Uint8Array;
}

function itemTables(items: ItemInfo): ItemTables {
  if (items.nChoices.length !== items.n || items.truth.length !== items.n) throw new Error(`similarity: item arrays must have ${items.n} entries`);
  const invWrong = new Float64Array(items.n);
  const open = new Uint8Array(items.n);
  for (let i = 0; i < items.n; i++) {
    const c = items.nChoices[i]!;
    if (c >= 2) invWrong[i] = 1 / (c - 1);
    else open[i] = 1;
  }
  return { invWrong, open };
}

function checkShapes(m: ModelVectors, items: ItemInfo): void {
  const n = items.n;
  if (m.present.length !== n || m.correct.length !== n || m.answer.length !== n) {
    throw new Error(`similarity: model vectors must have ${n} entries (present ${m.present.length}, correct ${m.correct.length}, answer ${m.answer.length})`);
  }
  if (m.probs && m.probs.length !== n * items.k) throw new Error(`similarity: probs must have n*k = ${n * items.k} entries, got ${m.probs.length}`);
}

/**
 * Each model's items packed into one int32 so the pair loop reads two numbers per item:
 * 0 when absent, else (slot << 2) | 2 | correct with slot 0 = no answer and slot = label + 1 otherwise.
 * Labels of MAX_DIRECT_LABEL or more are first renumbered densely across the given models (equal labels
 * stay equal). `slots` bounds every slot, for the κ count array.
 */
interface Packed {
  codes: Int32Array[];
  slots: number;
}

function pack(models: ModelVectors[], n: number): Packed {
  let maxLabel = -1;
  for (const m of models) for (let i = 0; i < n; i++) if (m.answer[i]! > maxLabel) maxLabel = m.answer[i]!;
  let dense: Map<number, number> | null = null;
  if (maxLabel >= MAX_DIRECT_LABEL) {
    // Setup only: one pass over all labels, never inside the pair loop.
    dense = new Map();
    for (const m of models) for (let i = 0; i < n; i++) if (m.answer[i]! >= 0 && !dense.has(m.answer[i]!)) dense.set(m.answer[i]!, dense.size);
    maxLabel = dense.size - 1;
  }
  const codes = models.map((m) => {
    const code = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (m.present[i] === 0) continue;
      const label = m.answer[i]!;
      const slot = label < 0 ? 0 : (dense ? dense.get(label)! : label) + 1;
      code[i] = (slot << 2) | 2 | (m.correct[i] !== 0 ? 1 : 0);
    }
    return code;
  });
  return { codes, slots: maxLabel + 2 };
}

function nullResult(n: number, bothWrong: number): PairSimilarity {
  return { n, agreement: null, kappa: null, errorConsistency: null, bothWrong, sameWrong: null, sameWrongBaseline: null, capa: null, capaProbabilistic: null };
}

/** (observed − expected)/(1 − expected), null when expected agreement is total. */
function chanceCorrected(observed: number, expected: number): number | null {
  return expected >= 1 ? null : (observed - expected) / (1 - expected);
}

/**
 * Σ_slot countA(slot)·countB(slot) over the shared items, computed as Σ_{i shared} countB(slot_A(i))
 * where `counts` already holds countB (filled in the main pass): O(n) per pair whatever the number of
 * labels. Leaves `counts` all zero again.
 */
function slotProductSum(ea: Int32Array, eb: Int32Array, n: number, counts: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = ea[i]!;
    sum += counts[x >> 2]! & -((x & eb[i]! & 2) >> 1); // masked to 0 unless shared
  }
  if (counts.length <= n >> 2) counts.fill(0);
  else for (let i = 0; i < n; i++) counts[eb[i]! >> 2] = 0;
  return sum;
}

function computePair(
  ea: Int32Array,
  eb: Int32Array,
  probsA: Float64Array | undefined,
  probsB: Float64Array | undefined,
  items: ItemInfo,
  tables: ItemTables,
  counts: Int32Array,
  minShared: number,
  wantKappa: boolean,
  wantCapaProbabilistic: boolean,
): PairSimilarity {
  const n = items.n;
  const invWrong = tables.invWrong;
  const openItems = tables.open;
  let shared = 0;
  let correctA = 0;
  let correctB = 0;
  let bothRight = 0;
  let bothWrong = 0;
  let same = 0;
  let sameWrong = 0;
  let invAll = 0; // Σ 1/(nChoices − 1) over shared closed-ended items
  let openAll = 0; // shared open-ended items (fewer than 2 options)
  let invBothWrong = 0; // the same two over both-wrong items
  let openBothWrong = 0;
  // Branch-free apart from presence (usually predictable): integer 0/1 flags summed straight in.
  for (let i = 0; i < n; i++) {
    const x = ea[i]!;
    const y = eb[i]!;
    if ((x & y & 2) === 0) continue;
    shared++;
    const ca = x & 1;
    const cb = y & 1;
    const slot = x >> 2;
    const diff = slot ^ (y >> 2);
    // agree = (slot equal) & (slot ≠ 0), via sign bits: (v | −v) >>> 31 is 1 iff v ≠ 0 (no branch to mispredict).
    const agree = (((diff | -diff) >>> 31) ^ 1) & ((slot | -slot) >>> 31);
    const wrong = (ca | cb) ^ 1;
    const inv = invWrong[i]!;
    const open = openItems[i]!;
    correctA += ca;
    correctB += cb;
    bothRight += ca & cb;
    bothWrong += wrong;
    same += agree;
    sameWrong += agree & wrong;
    invAll += inv;
    openAll += open;
    invBothWrong += wrong * inv;
    openBothWrong += open & wrong;
    if (wantKappa) counts[y >> 2]!++;
  }
  if (shared < minShared || shared === 0) {
    if (wantKappa) counts.fill(0);
    return nullResult(shared, bothWrong);
  }

  const agreement = same / shared;
  const pa = correctA / shared;
  const pb = correctB / shared;

  const kappa = wantKappa ? chanceCorrected(agreement, slotProductSum(ea, eb, n, counts) / (shared * shared)) : null;

  const consistent = (bothRight + bothWrong) / shared;
  const errorConsistency = chanceCorrected(consistent, pa * pb + (1 - pa) * (1 - pb));

  const closedEnded = openAll === 0;
  const capa = closedEnded ? chanceCorrected(agreement, pa * pb + (1 - pa) * (1 - pb) * (invAll / shared)) : null;

  let capaProbabilistic: number | null = null;
  if (wantCapaProbabilistic && closedEnded && probsA && probsB) {
    const k = items.k;
    let observed = 0;
    let truthA = 0;
    let truthB = 0;
    let ok = true;
    for (let i = 0; i < n; i++) {
      if ((ea[i]! & eb[i]! & 2) === 0) continue;
      const t = items.truth[i]!;
      if (t < 0 || t >= k) {
        ok = false;
        break;
      }
      const row = i * k;
      const width = Math.min(items.nChoices[i]!, k);
      let dot = 0;
      for (let o = 0; o < width; o++) dot += probsA[row + o]! * probsB[row + o]!;
      observed += dot;
      truthA += probsA[row + t]!;
      truthB += probsB[row + t]!;
    }
    if (ok) {
      const qa = truthA / shared;
      const qb = truthB / shared;
      const value = chanceCorrected(observed / shared, qa * qb + (1 - qa) * (1 - qb) * (invAll / shared));
      capaProbabilistic = value !== null && Number.isFinite(value) ? value : null;
    }
  }

  return {
    n: shared,
    agreement,
    kappa,
    errorConsistency,
    bothWrong,
    sameWrong: bothWrong > 0 ? sameWrong / bothWrong : null,
    sameWrongBaseline: bothWrong > 0 && openBothWrong === 0 ? invBothWrong / bothWrong : null,
    capa,
    capaProbabilistic,
  };
}

/**
 * Similarity of two models' answers over the items both have results for (n = that count). When
 * n < minShared (default 30) every metric is null; n and bothWrong are still reported.
 *
 * - agreement: share of shared items with the same answer label; a missing answer (label < 0) on
 *   either side counts as disagreement.
 * - kappa: Cohen's κ (Cohen 1960, "A coefficient of agreement for nominal scales", Educ. Psychol.
 *   Meas. 20): (p_o − p_e)/(1 − p_e), p_o = agreement as above, p_e = Σ_label pA(label)·pB(label)
 *   over the shared items with "no answer" treated as one more label in p_e only (so two missing
 *   answers never count as agreement). Null when p_e = 1.
 * - errorConsistency: Geirhos, Meding & Wichmann 2020, "Beyond accuracy: quantifying trial-by-trial
 *   behaviour of CNNs and humans by measuring error consistency" (NeurIPS): c_obs = share of items
 *   both right or both wrong; c_exp = p_a·p_b + (1 − p_a)(1 − p_b), p = accuracies on the shared
 *   items; κ = (c_obs − c_exp)/(1 − c_exp); null when c_exp = 1.
 * - bothWrong: shared items both got wrong. sameWrong: Kim et al. 2025, "Correlated errors in large
 *   language models" (ICML): P(same wrong answer | both wrong), the share of bothWrong items with the
 *   same answer label (two missing answers are not the same answer); null when bothWrong = 0.
 *   sameWrongBaseline: its chance level if every wrong answer were uniform over the item's wrong
 *   options, mean over the bothWrong items of 1/(nChoices − 1); null when bothWrong = 0 or any of
 *   those items has fewer than 2 options (open-ended).
 * - capa: Goel et al. 2025, "Great Models Think Alike and this Undermines AI Oversight", CAPA κ_p in
 *   its discrete (one-hot) form: c_obs = agreement on the chosen option (= agreement);
 *   c_exp = p̄_a·p̄_b + (1 − p̄_a)(1 − p̄_b)·mean_i[1/(nChoices_i − 1)], p̄ the accuracies;
 *   κ_p = (c_obs − c_exp)/(1 − c_exp). Null when any shared item is open-ended (< 2 options).
 * - capaProbabilistic: the same paper's probabilistic form, when both models carry `probs`:
 *   c_obs = mean_i Σ_o pA(o|i)·pB(o|i) (over o < min(nChoices_i, k)), p̄_m = mean_i p_m(truth_i | i),
 *   c_exp and κ_p as for capa. Null when either has no probs, an item is open-ended or has no
 *   truth, or a probability is not finite.
 */
export function pairSimilarity(a: ModelVectors, b: ModelVectors, items: ItemInfo, minShared = 30): PairSimilarity {
  checkShapes(a, items);
  checkShapes(b, items);
  const { codes, slots } = pack([a, b], items.n);
  return computePair(codes[0]!, codes[1]!, a.probs, b.probs, items, itemTables(items), new Int32Array(slots), minShared, true, true);
}

/**
 * Symmetric matrices of several similarity metrics (see `pairSimilarity`) over all pairs of models,
 * from one pass per pair: 1 on the diagonal; null where the pair shares fewer than minShared items or
 * the metric is undefined for it. Prefer this to several `similarityMatrix` calls.
 */
export function similarityMatrices<M extends SimilarityMetric>(
  models: ModelVectors[],
  items: ItemInfo,
  metrics: readonly M[],
  minShared = 30,
): Record<M, (number | null)[][]> {
  for (const m of models) checkShapes(m, items);
  const tables = itemTables(items);
  const { codes, slots } = pack(models, items.n);
  const counts = new Int32Array(slots);
  const count = models.length;
  const wantKappa = metrics.includes('kappa' as M);
  const wantCapaProbabilistic = metrics.includes('capaProbabilistic' as M);
  const result = {} as Record<M, (number | null)[][]>;
  for (const metric of metrics) {
    result[metric] = Array.from({ length: count }, (_, i) => {
      const row = new Array<number | null>(count).fill(null);
      row[i] = 1;
      return row;
    });
  }
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      const pair = computePair(codes[i]!, codes[j]!, models[i]!.probs, models[j]!.probs, items, tables, counts, minShared, wantKappa, wantCapaProbabilistic);
      for (const metric of metrics) {
        const matrix = result[metric];
        matrix[i]![j] = pair[metric];
        matrix[j]![i] = pair[metric];
      }
    }
  }
  return result;
}

/**
 * Symmetric matrix of one similarity metric (see `pairSimilarity`) over all pairs of models, each pair
 * computed once; 1 on the diagonal; null where the pair shares fewer than minShared items or the
 * metric is undefined for it.
 */
export function similarityMatrix(models: ModelVectors[], items: ItemInfo, metric: SimilarityMetric, minShared = 30): (number | null)[][] {
  return similarityMatrices(models, items, [metric], minShared)[metric];
}

/**
 * Per item: `failed` = how many models with a result for it got it wrong, `answered` = how many models
 * have a result for it (present; a present model with no parsable answer counts as answered and
 * failed). Systemic failures in the sense of Toups et al. 2023, "Ecosystem-level analysis of deployed
 * machine learning reveals homogeneous outcomes" (NeurIPS) are items with failed = answered > 0.
 */
export function failureCounts(models: ModelVectors[], n: number): { failed: Int32Array; answered: Int32Array } {
  const failed = new Int32Array(n);
  const answered = new Int32Array(n);
  for (const m of models) {
    if (m.present.length !== n || m.correct.length !== n) throw new Error(`failureCounts: model vectors must have ${n} entries`);
    const present = m.present;
    const correct = m.correct;
    for (let i = 0; i < n; i++) {
      if (present[i] === 0) continue;
      answered[i]!++;
      if (correct[i] === 0) failed[i]!++;
    }
  }
  return { failed, answered };
}
