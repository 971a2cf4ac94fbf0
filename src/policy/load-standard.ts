import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readValidatedYaml } from '../config/read-validated-yaml.js';
import { RicegradeError } from '../errors.js';
import { sha256 } from '../util/hash.js';
import { standardSchema, type Standard } from './standard-schema.js';

/** Templates shipped with ricegrade, usable by name: `--standard general-assistant`. */
export const TEMPLATE_DIR = new URL('../../standards/', import.meta.url);

export interface LoadedStandard {
  standard: Standard;
  file: string;
  /** sha256 of the file's bytes: the exact standard an audit applied. */
  sha256: string;
  /** `file:line` of a clause, for errors. */
  clauseAt(index: number): string;
}

/** A standard from a file, or a shipped template by name. Errors name the file, line and field. */
export function loadStandard(fileOrTemplate: string): LoadedStandard {
  const template = join(TEMPLATE_DIR.pathname, `${fileOrTemplate}.yaml`);
  const file = !existsSync(fileOrTemplate) && /^[a-z0-9-]+$/.test(fileOrTemplate) && existsSync(template) ? template : fileOrTemplate;
  const { data, at, file: absolute } = readValidatedYaml(file, standardSchema, { kind: 'standard', expects: 'name: and clauses:' });
  const seen = new Map<string, number>();
  data.clauses.forEach((c, i) => {
    const first = seen.get(c.id);
    if (first !== undefined) throw new RicegradeError('CONFIG_INVALID', `${at(['clauses', i, 'id'])}: clauses[${i}].id: duplicate id "${c.id}" (also clauses[${first}])`);
    seen.set(c.id, i);
  });
  return { standard: data, file: absolute, sha256: sha256(readFileSync(absolute)), clauseAt: (i) => at(['clauses', i]) };
}
