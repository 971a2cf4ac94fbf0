/**
 * Validating a scorer's options against its zod schema, with a one-line error that names the bad
 * option: `scorer numeric: tolerance: expected number, got string`.
 */
import { z } from 'zod';
import { RicegradeError } from '../errors.js';

/** A value's type, as a config author would name it. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function optionKeys(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** One issue as `path: problem`, or just the problem for the options as a whole. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown, schema: z.ZodType): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
    const known = optionKeys(schema);
    const hint = known.length > 0 ? `expected one of ${known.join(', ')}` : 'it takes no options';
    return `unknown option${issue.keys.length > 1 ? 's' : ''} ${keys} (${hint})`;
  }
  const where = issue.path.map(String).join('.');
  const problem =
    issue.code === 'invalid_type'
      ? `expected ${issue.expected}, got ${typeName(valueAt(input, issue.path))}`
      : issue.message;
  return where === '' ? `options: ${problem}` : `${where}: ${problem}`;
}

/** Parse `input` with `schema`, or throw CONFIG_INVALID naming the scorer and the first bad option. */
export function parseOptions<S extends z.ZodType>(scorer: string, schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const problem = issue === undefined ? 'invalid options' : describeIssue(issue, input, schema);
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
  throw new RicegradeError('CONFIG_INVALID', `scorer ${scorer}: ${problem}${more}`.replace(/\s+/g, ' '));
}
