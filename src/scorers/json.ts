/**
 * `json`: the output is valid JSON, optionally valid against a JSON Schema and equal to the
 * expected JSON value.
 *
 * Reading the JSON (first success wins):
 * 1. the whole output, trimmed;
 * 2. one fenced code block, ```json … ``` or ``` … ``` (other languages are not JSON): with
 *    `require_only_json` it must be the whole output (whitespace around it allowed), otherwise
 *    the first such block anywhere whose content parses;
 * 3. only without `require_only_json`: the first balanced `{…}` or `[…]` in the output that parses
 *    (prose before and after is ignored; strings and escapes are respected when balancing; at most
 *    MAX_CANDIDATES starting brackets are tried, so pathological outputs stay fast).
 *
 * Then, in order: the `schema` (if any) must accept the value, and an item's `expected` (a string
 * of JSON, or several: any of them) must be deeply equal to it (key order irrelevant; compared in
 * canonical form). An `expected` that is not valid JSON scores 0: the dataset is at fault.
 *
 * The answer is the value's canonical JSON: object keys sorted (by UTF-16 code units), no spaces.
 *
 * JSON Schema subset (anything else is rejected when the options are validated, never ignored):
 * - `type`: a name or a list of names among object, array, string, number, integer, boolean, null
 *   (integer = a number with no fractional part; number includes integers);
 * - `enum` (non-empty list) and `const`: deep equality, key order irrelevant;
 * - `minimum`, `maximum` (inclusive; numbers only); `minLength`, `maxLength` (strings, counted in
 *   code points); `minItems`, `maxItems` (arrays);
 * - `properties` (a schema per key), `required` (list of keys), `additionalProperties` (false, true
 *   or a schema for the keys not in `properties`);
 * - `items`: one schema for every element (the tuple form is not supported);
 * - `true` / `false` as a sub-schema (accept / reject anything);
 * - annotations, ignored: $schema, $id, $comment, title, description, default, examples.
 * As in JSON Schema, keywords that do not apply to a value's type are ignored (e.g. `minLength`
 * on a number); use `type` to require one. Not supported: $ref, allOf/anyOf/oneOf/not,
 * pattern, format, multipleOf, exclusiveMinimum/Maximum, uniqueItems, dependencies and the like.
 *
 * A validation detail names the first error with its JSON path: `$.items[2].price: expected
 * number, got string`. Object keys are checked in the order they appear in the output, then the
 * missing required keys in the order `required` lists them.
 */
import { z } from 'zod';
import type { ScoreFn } from '../types.js';
import { clip, expectedList, quote, score } from './normalize.js';

// ---------------------------------------------------------------------------------------------
// Canonical form and equality

/** The canonical JSON of a parsed value: object keys sorted, no whitespace. Recursive. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/** The JSON type of a parsed value (integers are reported as number). */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A key appended to a JSON path: `.name` or `["odd key"]`. */
function keyPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** A value shown in a detail: canonical JSON, clipped. */
function show(value: unknown, max = 24): string {
  return clip(canonicalJson(value), max);
}

/** Where `got` first differs from `want`, as `path: what`; undefined when they are equal. */
export function firstDifference(got: unknown, want: unknown, path = '$'): string | undefined {
  const gotType = jsonType(got);
  const wantType = jsonType(want);
  if (gotType !== wantType) return `${path}: got ${gotType} ${show(got, 16)}, want ${wantType}`;
  if (Array.isArray(got) && Array.isArray(want)) {
    const n = Math.min(got.length, want.length);
    for (let i = 0; i < n; i++) {
      const d = firstDifference(got[i], want[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return got.length === want.length ? undefined : `${path}: got ${got.length} elements, want ${want.length}`;
  }
  if (gotType === 'object') {
    const g = got as Record<string, unknown>;
    const w = want as Record<string, unknown>;
    for (const key of Object.keys(w).sort()) {
      if (!Object.hasOwn(g, key)) return `${keyPath(path, key)}: missing`;
      const d = firstDifference(g[key], w[key], keyPath(path, key));
      if (d !== undefined) return d;
    }
    for (const key of Object.keys(g).sort()) {
      if (!Object.hasOwn(w, key)) return `${keyPath(path, key)}: unexpected key`;
    }
    return undefined;
  }
  return Object.is(got, want) || got === want ? undefined : `${path}: got ${show(got)}, want ${show(want)}`;
}

// ---------------------------------------------------------------------------------------------
// The JSON Schema subset: compiling (option time) and validating (score time)

const TYPES = ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'] as const;
type SchemaType = (typeof TYPES)[number];
const TYPE_SET: ReadonlySet<string> = new Set(TYPES);

const KEYWORDS = [
  'type',
  'enum',
  'const',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'properties',
  'required',
  'additionalProperties',
  'items',
] as const;
const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);
const ANNOTATIONS: ReadonlySet<string> = new Set(['$schema', '$id', '$comment', 'title', 'description', 'default', 'examples']);

/** A compiled schema node. */
interface SchemaNode {
  never?: boolean;
  types?: readonly SchemaType[];
  enumValues?: ReadonlySet<string>;
  enumText?: string;
  constValue?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: ReadonlyMap<string, SchemaNode>;
  required?: readonly string[];
  additional?: SchemaNode | false;
  items?: SchemaNode;
}

/** A schema outside the supported subset, with the path (inside the schema) of the problem. */
export class SchemaError extends Error {
  constructor(
    readonly path: readonly string[],
    message: string,
  ) {
    super(message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function schemaTypeName(value: unknown): string {
  return jsonType(value);
}

function nonNegativeInteger(value: unknown, at: readonly string[]): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new SchemaError(at, `expected a non-negative integer, got ${schemaTypeName(value)} ${show(value)}`);
  }
  return value;
}

function finiteNumber(value: unknown, at: readonly string[]): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SchemaError(at, `expected a number, got ${schemaTypeName(value)}`);
  }
  return value;
}

/**
 * Compile a schema of the supported subset; throws SchemaError naming the first unsupported or
 * malformed keyword. `at` is the path of `schema` inside the root schema.
 */
export function compileSchema(schema: unknown, at: readonly string[] = []): SchemaNode {
  if (schema === true) return {};
  if (schema === false) return { never: true };
  if (!isRecord(schema)) throw new SchemaError(at, `expected a schema object or boolean, got ${schemaTypeName(schema)}`);
  const node: SchemaNode = {};
  for (const [key, value] of Object.entries(schema)) {
    const here = [...at, key];
    if (!KEYWORD_SET.has(key)) {
      if (ANNOTATIONS.has(key)) continue;
      throw new SchemaError(here, `unsupported JSON Schema keyword (supported: ${KEYWORDS.join(', ')})`);
    }
    switch (key) {
      case 'type': {
        const list = typeof value === 'string' ? [value] : value;
        if (!Array.isArray(list) || list.length === 0 || !list.every((t) => typeof t === 'string' && TYPE_SET.has(t))) {
          throw new SchemaError(here, `expected one or a list of ${TYPES.join(', ')}`);
        }
        node.types = list as SchemaType[];
        break;
      }
      case 'enum':
        if (!Array.isArray(value) || value.length === 0) throw new SchemaError(here, 'expected a non-empty list');
        node.enumValues = new Set(value.map(canonicalJson));
        node.enumText = value.map((v) => show(v, 20)).join(', ');
        break;
      case 'const':
        node.constValue = canonicalJson(value);
        break;
      case 'minimum':
        node.minimum = finiteNumber(value, here);
        break;
      case 'maximum':
        node.maximum = finiteNumber(value, here);
        break;
      case 'minLength':
        node.minLength = nonNegativeInteger(value, here);
        break;
      case 'maxLength':
        node.maxLength = nonNegativeInteger(value, here);
        break;
      case 'minItems':
        node.minItems = nonNegativeInteger(value, here);
        break;
      case 'maxItems':
        node.maxItems = nonNegativeInteger(value, here);
        break;
      case 'properties': {
        if (!isRecord(value)) throw new SchemaError(here, `expected an object of schemas, got ${schemaTypeName(value)}`);
        const properties = new Map<string, SchemaNode>();
        for (const [name, sub] of Object.entries(value)) properties.set(name, compileSchema(sub, [...here, name]));
        node.properties = properties;
        break;
      }
      case 'required':
        if (!Array.isArray(value) || !value.every((k) => typeof k === 'string')) {
          throw new SchemaError(here, 'expected a list of property names');
        }
        node.required = value as string[];
        break;
      case 'additionalProperties':
        node.additional = value === false ? false : compileSchema(value, here);
        break;
      case 'items':
        if (Array.isArray(value)) throw new SchemaError(here, 'the tuple form (a list of schemas) is not supported');
        node.items = compileSchema(value, here);
        break;
    }
  }
  return node;
}

function hasType(types: readonly SchemaType[], value: unknown): boolean {
  const actual = jsonType(value);
  for (const t of types) {
    if (t === actual) return true;
    if (t === 'integer' && actual === 'number' && Number.isInteger(value)) return true;
  }
  return false;
}

/** Length of a string in code points, as JSON Schema counts it. */
function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The first error of `value` against `node` as `path: problem`, or undefined when it is valid. */
export function validateSchema(node: SchemaNode, value: unknown, path = '$'): string | undefined {
  if (node.never) return `${path}: not allowed`;
  if (node.types !== undefined && !hasType(node.types, value)) {
    return `${path}: expected ${node.types.join(' or ')}, got ${jsonType(value)}`;
  }
  if (node.constValue !== undefined && canonicalJson(value) !== node.constValue) {
    return `${path}: expected ${clip(node.constValue, 30)}, got ${show(value, 20)}`;
  }
  if (node.enumValues !== undefined && !node.enumValues.has(canonicalJson(value))) {
    return `${path}: expected one of ${node.enumText}, got ${show(value, 20)}`;
  }
  if (typeof value === 'number') {
    if (node.minimum !== undefined && value < node.minimum) return `${path}: expected >= ${node.minimum}, got ${value}`;
    if (node.maximum !== undefined && value > node.maximum) return `${path}: expected <= ${node.maximum}, got ${value}`;
  } else if (typeof value === 'string') {
    if (node.minLength !== undefined || node.maxLength !== undefined) {
      const length = codePoints(value);
      if (node.minLength !== undefined && length < node.minLength) {
        return `${path}: expected length >= ${node.minLength}, got ${length}`;
      }
      if (node.maxLength !== undefined && length > node.maxLength) {
        return `${path}: expected length <= ${node.maxLength}, got ${length}`;
      }
    }
  } else if (Array.isArray(value)) {
    if (node.minItems !== undefined && value.length < node.minItems) {
      return `${path}: expected >= ${node.minItems} items, got ${value.length}`;
    }
    if (node.maxItems !== undefined && value.length > node.maxItems) {
      return `${path}: expected <= ${node.maxItems} items, got ${value.length}`;
    }
    if (node.items !== undefined) {
      for (let i = 0; i < value.length; i++) {
        const error = validateSchema(node.items, value[i], `${path}[${i}]`);
        if (error !== undefined) return error;
      }
    }
  } else if (isRecord(value)) {
    if (node.properties !== undefined || node.additional !== undefined) {
      for (const key of Object.keys(value)) {
        const sub = node.properties?.get(key) ?? node.additional;
        if (sub === false) return `${keyPath(path, key)}: unexpected property`;
        if (sub !== undefined) {
          const error = validateSchema(sub, value[key], keyPath(path, key));
          if (error !== undefined) return error;
        }
      }
    }
    if (node.required !== undefined) {
      for (const key of node.required) {
        if (!Object.hasOwn(value, key)) return `${keyPath(path, key)}: missing required property`;
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading the JSON out of an output

/** Most starting brackets tried when looking for JSON inside prose. */
export const MAX_CANDIDATES = 64;

/** A whole-output fence: ```json … ``` or ``` … ```, nothing else around it. */
const WHOLE_FENCE = /^```(?:json)?[ \t]*(?:\r?\n)?([\s\S]*?)```$/i;
/** Fenced blocks anywhere, with their language tag (the opening line must end the tag). */
const ANY_FENCE = /```([\w+.-]*)[ \t]*\r?\n([\s\S]*?)```/g;

type Parsed = { ok: true; value: unknown } | { ok: false };
const FAILED: Parsed = { ok: false };

function tryParse(text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return FAILED;
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown };
  } catch {
    return FAILED;
  }
}

/** The index just past the bracket matching the one at `start`, or -1. Strings are skipped. */
function balancedEnd(text: string, start: number): number {
  const closers: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '{') {
      closers.push('}');
    } else if (c === '[') {
      closers.push(']');
    } else if (c === '}' || c === ']') {
      if (closers.pop() !== c) return -1;
      if (closers.length === 0) return i + 1;
    }
  }
  return -1;
}

const OPENER = /[{[]/g;

/** The first balanced `{…}` or `[…]` in `text` that parses. */
function firstBalanced(text: string): Parsed {
  OPENER.lastIndex = 0;
  let tries = 0;
  for (let m = OPENER.exec(text); m !== null && tries < MAX_CANDIDATES; m = OPENER.exec(text)) {
    tries++;
    const end = balancedEnd(text, m.index);
    if (end < 0) continue;
    const parsed = tryParse(text.slice(m.index, end));
    if (parsed.ok) return parsed;
  }
  return FAILED;
}

/** The JSON value an output holds, read as described at the top of this file. */
export function extractJson(output: string, requireOnlyJson = false): Parsed {
  const text = output.trim();
  const whole = tryParse(text);
  if (whole.ok) return whole;
  if (requireOnlyJson) {
    const fence = WHOLE_FENCE.exec(text);
    return fence !== null && !fence[1]!.includes('```') ? tryParse(fence[1]!) : FAILED;
  }
  for (const m of text.matchAll(ANY_FENCE)) {
    const tag = m[1]!.toLowerCase();
    if (tag !== '' && tag !== 'json') continue;
    const parsed = tryParse(m[2]!);
    if (parsed.ok) return parsed;
  }
  return firstBalanced(text);
}

// ---------------------------------------------------------------------------------------------
// The scorer

export const jsonOptions = z
  .strictObject({
    schema: z.looseObject({}).optional(),
    require_only_json: z.boolean().optional(),
  })
  .superRefine((options, ctx) => {
    if (options.schema === undefined) return;
    try {
      compileSchema(options.schema);
    } catch (error) {
      if (!(error instanceof SchemaError)) throw error;
      ctx.addIssue({ code: 'custom', path: ['schema', ...error.path], message: error.message });
    }
  });

export type JsonOptions = z.output<typeof jsonOptions>;

/** Options are expected to be validated already (see `jsonOptions`); a bad schema throws here. */
export function createJson(options: JsonOptions = {}): ScoreFn {
  const schema = options.schema === undefined ? undefined : compileSchema(options.schema);
  const requireOnlyJson = options.require_only_json ?? false;
  return (item, output) => {
    const parsed = extractJson(output, requireOnlyJson);
    if (!parsed.ok) {
      const what = requireOnlyJson ? 'output is not only JSON' : 'no JSON found in';
      return score(0, `${what} ${quote(output)}`);
    }
    const value = parsed.value;
    try {
      const answer = canonicalJson(value);
      const error = schema === undefined ? undefined : validateSchema(schema, value);
      if (error !== undefined) return { ...score(0, error), answer };
      const expected = expectedList(item.expected);
      if (expected === undefined) return { ...score(1, schema ? 'valid JSON, matches schema' : 'valid JSON'), answer };
      let firstDiff: string | undefined;
      for (const want of expected) {
        const target = tryParse(want);
        if (!target.ok) return { ...score(0, `expected answer is not valid JSON: ${quote(want, 30)}`), answer };
        if (canonicalJson(target.value) === answer) {
          return { ...score(1, schema ? 'valid JSON, matches schema, equals expected' : 'valid JSON, equals expected'), answer };
        }
        firstDiff ??= firstDifference(value, target.value);
      }
      return { ...score(0, `differs from expected: ${firstDiff ?? '$'}`), answer };
    } catch (error) {
      // Only a pathologically deep value can make the recursive helpers overflow the stack.
      if (error instanceof RangeError) return score(0, 'JSON nested too deeply to score');
      throw error;
    }
  };
}
