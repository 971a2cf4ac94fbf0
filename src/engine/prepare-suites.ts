import type { SuiteSpec } from '../config/load.js';
import { datasetHash, readItems } from '../datasets/read-items.js';
import { getGenerator } from '../suites/generators/index.js';
import type { Item } from '../types.js';
import { RicegradeError } from '../errors.js';
import { createScorer } from '../scorers/index.js';
import { judgeOptions, type JudgeOptions } from '../scorers/judge.js';
import { parseOptions } from '../scorers/parse-options.js';
import { JUDGE_SCORER } from '../scorers/registry.js';
import type { Store } from '../store/store.js';
import type { ScoreFn } from '../types.js';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256 } from '../util/hash.js';

/** A suite ready to run: its items are stored and its scorer is built. */
export interface PreparedSuite {
  spec: SuiteSpec;
  hash: string;
  nItems: number;
  /** The pure scorer; absent for `judge` suites, scored after the answers are in (src/engine/judge-phase.ts). */
  score?: ScoreFn;
  /** `scorer: judge`: the judge's validated options. */
  judge?: JudgeOptions;
  scorerKey: string;
  /** `loglikelihood` for `scorer: { name: choice, method: loglikelihood }`: choices are scored, not generated. */
  mode: 'generate' | 'loglikelihood';
}

/**
 * Build every scorer and read every dataset into the store before any request is sent,
 * so a bad scorer option or a malformed line stops the run while nothing has been paid for.
 */
export async function prepareSuites(suites: SuiteSpec[], store: Store): Promise<PreparedSuite[]> {
  const scorers = suites.map((s, i) => {
    try {
      if (s.scorer.name === JUDGE_SCORER) {
        const { name: _name, ...options } = s.scorer;
        return parseOptions(JUDGE_SCORER, judgeOptions, options);
      }
      return createScorer(s.scorer);
    } catch (err) {
      if (RicegradeError.isInstance(err)) throw new RicegradeError(err.code, `suites[${i}].scorer: ${err.message}`);
      throw err;
    }
  });
  const prepared: PreparedSuite[] = [];
  for (const [i, spec] of suites.entries()) {
    const generated = spec.generator;
    const hash = generated ? sha256(`generator\u0000${canonicalJson(generated)}\u0000${GENERATOR_VERSION}`) : await datasetHash(spec.path, spec.format);
    let nItems = await store.suiteSize(hash);
    if (nItems === undefined) {
      const items = generated ? fromList(getGenerator(generated.name)!.generate(generated)) : readItems(spec.path, spec.format);
      nItems = await store.saveSuite({ hash, path: spec.path, format: generated ? 'generator' : spec.format }, items);
    }
    if (nItems === 0) throw new RicegradeError('DATASET_PARSE', `suites[${i}].path: ${spec.path} holds no items`);
    if (spec.scorer.name === 'choice') await requireChoices(store, hash, i, spec.path);
    const mode = spec.scorer.name === 'choice' && spec.scorer.method === 'loglikelihood' ? 'loglikelihood' : 'generate';
    const scorer = scorers[i]!;
    const scoring = typeof scorer === 'function' ? { score: scorer } : { judge: scorer };
    prepared.push({ spec, hash, nItems, ...scoring, scorerKey: sha256(canonicalJson(spec.scorer)).slice(0, 16), mode });
  }
  return prepared;
}

/** Every item of a multiple-choice suite must carry its choices. */
async function requireChoices(store: Store, hash: string, index: number, path: string): Promise<void> {
  for (let after = 0; ; ) {
    const page = await store.itemsPage(hash, after, 1000);
    if (page.length === 0) return;
    const bad = page.find((row) => !row.item.choices);
    if (bad) throw new RicegradeError('DATASET_PARSE', `suites[${index}].scorer: choice needs choices on every item; item "${bad.item.id}" of ${path} has none`);
    after = page[page.length - 1]!.seq;
  }
}

/** Bumped when a generator's output for a given seed changes, so stored generated suites are made anew. */
const GENERATOR_VERSION = 1;

async function* fromList(items: Item[]): AsyncGenerator<Item> {
  yield* items;
}
