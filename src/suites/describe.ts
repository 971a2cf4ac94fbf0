/** A summary of the generators, for listings. */
import { GENERATORS } from './generators/index.js';
import type { GeneratorScorer } from './types.js';

export interface GeneratorSummary {
  name: string;
  description: string;
  scorer: GeneratorScorer;
  categories: string[];
}

export function listGenerators(): GeneratorSummary[] {
  return GENERATORS.map((g) => ({ name: g.name, description: g.description, scorer: { ...g.scorer }, categories: [...g.categories] }));
}

/** A scorer spec as one short text: `numeric`, `numeric {"tolerance":0.01}`. */
export function scorerText(scorer: GeneratorScorer): string {
  const { name, ...options } = scorer;
  return Object.keys(options).length === 0 ? name : `${name} ${JSON.stringify(options)}`;
}
