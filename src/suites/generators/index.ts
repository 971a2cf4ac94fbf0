/** All item generators, by name. */
import type { Generator } from '../types.js';
import { arithmetic } from './arithmetic.js';
import { bias } from './bias.js';
import { dates } from './dates.js';
import { extraction } from './extraction.js';
import { ifeval } from './ifeval.js';
import { logic } from './logic.js';
import { overRefusal } from './over-refusal.js';
import { safety } from './safety.js';
import { strings } from './strings.js';
import { units } from './units.js';

export const GENERATORS: Generator[] = [arithmetic, dates, units, strings, logic, safety, overRefusal, bias, extraction, ifeval];

/** The generator called `name`, or undefined. */
export function getGenerator(name: string): Generator | undefined {
  return GENERATORS.find((g) => g.name === name);
}

/** The names of all generators, in listing order. */
export function generatorNames(): string[] {
  return GENERATORS.map((g) => g.name);
}
