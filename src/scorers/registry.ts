/**
 * The scorers by name: what each one does, the schema of its options, and how to create it.
 * `createScorer` is the entry point for configs: `{ name: 'numeric', tolerance: 0.01 }`.
 */
import type { z } from 'zod';
import { RicegradeError } from '../errors.js';
import type { ScoreFn } from '../types.js';
import { choiceOptions, createChoice } from './choice.js';
import { createExact, exactOptions } from './exact.js';
import { createF1, f1Options } from './f1.js';
import { createIfeval, ifevalOptions } from './ifeval.js';
import { createJson, jsonOptions } from './json.js';
import { createRefusal, refusalOptions } from './refusal.js';
import { createIncludes, includesOptions } from './includes.js';
import { createNumeric, numericOptions } from './numeric.js';
import { normalize } from './normalize.js';
import { parseOptions } from './parse-options.js';
import { createRegex, regexOptions } from './regex.js';

export interface ScorerDefinition {
  readonly name: string;
  readonly description: string;
  /** A strict zod object schema: unknown option keys are errors. */
  readonly options: z.ZodType;
  /** Validate `options` (default `{}`) and build the score function; throws CONFIG_INVALID. */
  create(options?: unknown): ScoreFn;
}

/** A scorer as written in a config: its name plus its options. */
export interface ScorerSpec {
  name: string;
  [option: string]: unknown;
}

function define<S extends z.ZodType>(
  name: string,
  description: string,
  options: S,
  build: (options: z.output<S>) => ScoreFn,
): ScorerDefinition {
  return {
    name,
    description,
    options,
    create: (input: unknown = {}) => build(parseOptions(name, options, input)),
  };
}

const SCORERS: ReadonlyMap<string, ScorerDefinition> = new Map(
  [
    define('choice', 'multiple choice: the stated letter (generate) or the most likely choice (loglikelihood)', choiceOptions, createChoice),
    define('exact', 'output equals an expected answer (trimmed, case-insensitive)', exactOptions, createExact),
    define('f1', 'SQuAD token F1 between output and the best expected answer (exact_match in detail)', f1Options, createF1),
    define('ifeval', 'IFEval-style verifiable instructions: all followed (prompt) or the fraction (instruction), strict or loose', ifevalOptions, createIfeval),
    define('json', 'output is valid JSON, optionally matching a JSON Schema subset and equal to expected JSON', jsonOptions, createJson),
    define('refusal', 'model refused or complied, as expected (option expect, else item expected, else refuse)', refusalOptions, createRefusal),
    define('includes', 'output contains an expected answer (case-insensitive)', includesOptions, createIncludes),
    define(
      'numeric',
      'answered number is within tolerance of the expected number',
      numericOptions,
      createNumeric,
    ),
    define(
      'regex',
      'last match of pattern equals an expected answer, or expected answers are regexes',
      regexOptions,
      createRegex,
    ),
  ]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((definition) => [definition.name, definition] as const),
);

/** `judge` (LLM-as-judge) asks another model, so the engine runs it as a step of its own (src/engine/judge-phase.ts). */
export const JUDGE_SCORER = 'judge';

/** The names of all scorers, sorted: the pure ones and `judge`. */
export function scorerNames(): string[] {
  return [...SCORERS.keys(), JUDGE_SCORER].sort();
}

/** The scorer called `name`, or undefined. */
export function getScorer(name: string): ScorerDefinition | undefined {
  return SCORERS.get(name);
}

/** Build the score function a spec describes; throws CONFIG_INVALID for an unknown name or bad options. */
export function createScorer(spec: ScorerSpec): ScoreFn {
  const { name, ...options } = spec;
  if (typeof name !== 'string') {
    throw new RicegradeError('CONFIG_INVALID', `scorer name: expected string, got ${typeof name}`);
  }
  if (name === JUDGE_SCORER) {
    throw new RicegradeError('CONFIG_INVALID', 'judge asks a judge model, so it runs only as a suite\'s scorer in `ricegrade run` (scorer: { name: judge, judge_model: NAME })');
  }
  const definition = SCORERS.get(name);
  if (definition === undefined) {
    throw new RicegradeError(
      'CONFIG_INVALID',
      `unknown scorer ${JSON.stringify(name)} (expected one of ${scorerNames().join(', ')})`,
    );
  }
  const scoreOf = definition.create(options);
  // Scorers that do not extract an answer compare models by their whole (normalised) output.
  return (item, output) => {
    const result = scoreOf(item, output);
    return result.answer !== undefined ? result : { ...result, answer: normalize(output) };
  };
}
