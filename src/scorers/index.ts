/** The scorers module: pure functions from (item, output) to a score in [0, 1]. */
export { createScorer, getScorer, scorerNames, type ScorerDefinition, type ScorerSpec } from './registry.js';
export { createExact, exactOptions, type ExactOptions } from './exact.js';
export { createIncludes, includesOptions, type IncludesOptions } from './includes.js';
export { createNumeric, numericOptions, DEFAULT_TOLERANCE, type NumericOptions } from './numeric.js';
export { createRegex, regexOptions, type RegexOptions } from './regex.js';
export { extractAnswerNumber, firstNumber, lastNumber } from './extract-number.js';
export { expectedList, normalize } from './normalize.js';
