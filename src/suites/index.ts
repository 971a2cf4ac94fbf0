/** Seeded, contamination-free item generators: the same (seed, n, difficulty) always gives the same items. */
export type { Difficulty, GenerateOptions, Generator, GeneratorScorer } from './types.js';
export { DIFFICULTIES } from './types.js';
export { GENERATORS, generatorNames, getGenerator } from './generators/index.js';
export { listGenerators, scorerText, type GeneratorSummary } from './describe.js';
export { DEFAULT_DIFFICULTY, MAX_N, parseGenerateOptions } from './options.js';
