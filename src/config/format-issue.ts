import type { z } from 'zod';
import { closest } from '../util/closest.js';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** `models[0].provider` from ['models', 0, 'provider']. */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key as string];
  }
  return node;
}

/** Object keys the schema accepts at `path`, for "did you mean" hints. */
function knownKeysAt(schema: z.ZodType, path: readonly PathKey[]): string[] {
  type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType };
  const defOf = (node: z.ZodType | undefined): Def | undefined => {
    let def = (node as unknown as { _zod?: { def: Def } } | undefined)?._zod?.def;
    while (def && def.innerType && ['optional', 'nullable', 'default'].includes(def.type)) {
      def = (def.innerType as unknown as { _zod: { def: Def } })._zod.def;
    }
    return def;
  };
  let node: z.ZodType | undefined = schema;
  for (const key of path) {
    const def = defOf(node);
    if (def?.type === 'array' && typeof key === 'number') node = def.element;
    else if (def?.type === 'object' && typeof key === 'string') node = def.shape?.[key];
    else return [];
  }
  const def = defOf(node);
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/**
 * For a union, the issue of the branch the value was meant for: a branch that failed only deeper than the
 * value itself (e.g. a mapping with a wrong field), not one whose type did not match at all.
 */
function unionBranchIssue(issue: Issue): Issue | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (!first) continue;
    const rootMismatch = first.path.length === 0 && (first.code === 'invalid_type' || first.code === 'invalid_value');
    if (!rootMismatch) return { ...first, path: [...issue.path, ...first.path] } as Issue;
  }
  return undefined;
}

/** One issue as `path: message`, phrased for a person editing the YAML. */
export function formatIssue(issue: Issue, input: unknown, schema: z.ZodType): string {
  const branch = unionBranchIssue(issue);
  if (branch) return formatIssue(branch, input, schema);
  const where = formatPath(issue.path);
  const got = valueAt(input, issue.path);
  let message: string;
  switch (issue.code) {
    case 'invalid_value':
      message = `expected one of ${issue.values.map(String).join(', ')} (got ${describe(got)})`;
      break;
    case 'invalid_type':
      message = got === undefined ? 'is required' : `expected ${issue.expected}, got ${describe(got)}`;
      break;
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, issue.path);
      const parts = issue.keys.map((key) => {
        const hint = closest(key, known);
        return `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`;
      });
      message = `${parts.join(', ')}; allowed keys: ${known.join(', ')}`;
      break;
    }
    case 'invalid_union':
      message = `invalid value ${describe(got)}`;
      break;
    case 'too_small':
      message = issue.origin === 'array' ? issue.message : `must be ≥ ${String(issue.minimum)} (got ${describe(got)})`;
      break;
    case 'too_big':
      message = `must be ≤ ${String(issue.maximum)} (got ${describe(got)})`;
      break;
    case 'invalid_format':
      message = issue.format === 'url' ? `expected an http(s) URL (got ${describe(got)})` : `${issue.message} (got ${describe(got)})`;
      break;
    default:
      message = issue.message;
  }
  return where ? `${where}: ${message}` : message;
}
