import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { z } from 'zod';
import { RicegradeError } from '../errors.js';
import { formatIssue } from './format-issue.js';
import { parseLocatedYaml } from './yaml-locations.js';

/** A validated YAML file, with `at(path)` giving `file:line` for follow-up checks. */
export interface ValidatedYaml<T> {
  file: string;
  data: T;
  at(path: readonly PropertyKey[], key?: string): string;
}

/**
 * Read a YAML file and validate it with a zod schema. Every problem is one CONFIG_INVALID (or
 * CONFIG_NOT_FOUND) error naming `file:line: path: what is wrong`.
 */
export function readValidatedYaml<S extends z.ZodType>(file: string, schema: S, what: { kind: string; expects: string }): ValidatedYaml<z.output<S>> {
  const absolute = resolve(file);
  const name = basename(absolute);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RicegradeError('CONFIG_NOT_FOUND', `${file}: ${code === 'ENOENT' ? `${what.kind} file not found` : `cannot read ${what.kind} (${code})`}`);
  }
  const parsed = parseLocatedYaml(text);
  if (!('lineOf' in parsed)) {
    throw new RicegradeError('CONFIG_INVALID', `${name}:${parsed.line}: YAML syntax error: ${parsed.message}`);
  }
  const at = (path: readonly PropertyKey[], key?: string) => {
    const line = parsed.lineOf(path, key);
    return line ? `${name}:${line}` : name;
  };
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    throw new RicegradeError('CONFIG_INVALID', `${name}: expected a mapping with ${what.expects}`);
  }
  const result = schema.safeParse(parsed.value);
  if (!result.success) {
    const issues = result.error.issues;
    // An unknown key is often a misspelt required one: report it first, with its did-you-mean hint.
    const first = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
    const key = first.code === 'unrecognized_keys' ? first.keys[0] : undefined;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    throw new RicegradeError('CONFIG_INVALID', `${at(first.path, key)}: ${formatIssue(first, parsed.value, schema)}${more}`);
  }
  return { file: absolute, data: result.data as z.output<S>, at };
}
