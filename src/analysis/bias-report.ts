/**
 * The BBQ report of a run: for every suite whose items carry bias metadata (the `bias` generator, `format: bbq`),
 * per model, the accuracy in ambiguous and disambiguated contexts and the bias scores s_amb and s_dis with
 * bootstrap intervals over items — what `ricegrade results` shows under the leaderboard.
 */
import { pagedItems } from '../store/paged-items.js';
import type { Store } from '../store/store.js';
import type { Item } from '../types.js';
import { biasScores, type BiasAnswer } from './bias.js';
import { bootstrapStatistic } from './stats.js';

export interface BiasRow {
  suite: string;
  model: string;
  n_amb: number;
  n_dis: number;
  accuracy_amb: number | null;
  accuracy_dis: number | null;
  s_amb: number | null;
  s_amb_ci_low: number | null;
  s_amb_ci_high: number | null;
  s_dis: number | null;
  s_dis_ci_low: number | null;
  s_dis_ci_high: number | null;
}

/** One scored answer to a bias item, as the bias scores read it: the chosen option is the answer's letter. */
export function biasAnswer(bias: NonNullable<Item['bias']>, answer: string | null, score: number | null): BiasAnswer {
  const letter = (answer ?? '').trim().toUpperCase();
  const chosen = /^[A-Z]$/.test(letter) ? letter.charCodeAt(0) - 65 : -1;
  return { context: bias.context, chosen, unknown: bias.unknown, biased: bias.biased, correct: score === 1 };
}

/** A bias score with its bootstrap interval (resampling items), or nulls when no answer names a person. */
export function biasScoreInterval(answers: BiasAnswer[], key: 's_amb' | 's_dis', level = 0.95): { value: number | null; low: number | null; high: number | null } {
  const value = biasScores(answers)[key];
  if (value === null) return { value: null, low: null, high: null };
  const index = Float64Array.from(answers, (_, i) => i);
  const ci = bootstrapStatistic(index, (sample) => biasScores(Array.from(sample, (i) => answers[i]!))[key] ?? 0, { level, rounds: 1000 });
  return { value, low: ci.low, high: ci.high };
}

const round = (x: number | null) => (x === null ? null : Number(x.toFixed(6)));

export async function biasReport(store: Store, runId: number): Promise<BiasRow[]> {
  const rows: BiasRow[] = [];
  const models = (await store.runModels(runId)).map((m) => m.name);
  for (const suite of await store.runSuites(runId)) {
    const bias = new Map<string, NonNullable<Item['bias']>>();
    for await (const item of pagedItems(store, suite.suiteHash, 1000)) if (item.bias) bias.set(item.id, item.bias);
    if (bias.size === 0) continue;
    const byModel = new Map<string, BiasAnswer[]>();
    for await (const [model, itemId, score, answer] of store.scoredItems(runId, suite.name)) {
      const b = bias.get(itemId);
      if (!b) continue;
      const list = byModel.get(model) ?? [];
      list.push(biasAnswer(b, answer, score));
      byModel.set(model, list);
    }
    for (const model of models) {
      const answers = byModel.get(model) ?? [];
      const scores = biasScores(answers);
      const amb = biasScoreInterval(answers, 's_amb');
      const dis = biasScoreInterval(answers, 's_dis');
      rows.push({
        suite: suite.name,
        model,
        n_amb: scores.n_amb,
        n_dis: scores.n_dis,
        accuracy_amb: round(scores.accuracy_amb),
        accuracy_dis: round(scores.accuracy_dis),
        s_amb: round(amb.value),
        s_amb_ci_low: round(amb.low),
        s_amb_ci_high: round(amb.high),
        s_dis: round(dis.value),
        s_dis_ci_low: round(dis.low),
        s_dis_ci_high: round(dis.high),
      });
    }
  }
  return rows;
}
