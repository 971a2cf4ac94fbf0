import Table from 'cli-table3';
import { RicegradeError } from '../errors.js';
import { listGenerators, scorerText } from '../suites/describe.js';
import { generatorNames, getGenerator } from '../suites/generators/index.js';
import { parseGenerateOptions } from '../suites/options.js';

/** `ricegrade suites list`: the item generators, with the scorer that fits each. */
export async function suitesListCommand(): Promise<void> {
  const table = new Table({ head: ['name', 'description', 'scorer'], style: { head: [], border: [] } });
  for (const g of listGenerators()) table.push([g.name, g.description, scorerText(g.scorer)]);
  process.stdout.write(`${table.toString()}\n`);
}

/** `ricegrade suites show NAME --seed S --n N [--difficulty D]`: the exact items the generator gives, as JSONL. */
export async function suitesShowCommand(name: string, opts: { seed: string; n: string; difficulty?: string }): Promise<void> {
  const generator = getGenerator(name);
  if (generator === undefined) {
    throw new RicegradeError('ARGUMENT_INVALID', `unknown generator "${name}" (expected one of ${generatorNames().join(', ')})`);
  }
  const items = generator.generate(parseGenerateOptions(opts));
  process.stdout.write(items.map((item) => `${JSON.stringify(item)}\n`).join(''));
}
