/**
 * `json`: the output is valid JSON, optionally valid against a JSON Schema and equal to the
 * expected JSON value — or, with `field_credit`, scored by the share of the expected fields it
 * gets right (structured extraction).
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
 * Then, in order: the schema (if any) must accept the value, and an item's `expected` (a string
 * of JSON, or several: any of them) must be deeply equal to it (key order irrelevant; compared in
 * canonical form, so numbers compare by value: 1234.5 = 1234.50; array order matters). An
 * `expected` that is not valid JSON scores 0: the dataset is at fault.
 *
 * The schema: the item's own `schema` when it has one (a dataset field; used in place of the
 * `schema` option, never merged with it), else the `schema` option. Each distinct item schema is
 * compiled once per scorer (looked up by object, then by its canonical JSON; at most
 * SCHEMA_CACHE_SIZE kept). An item schema outside the subset below scores 0 with a detail naming
 * the keyword, e.g. `item schema.properties.a.pattern: unsupported JSON Schema keyword …`; it never
 * throws (datasets are checked when read, so this only happens to items built in code).
 *
 * `field_credit: true` (partial credit per field, for extraction). Invalid JSON or a schema
 * violation still scores 0. Otherwise the score is k/n: of the n leaf fields of the expected value
 * (the scalars — string, number, boolean, null — and empty objects/arrays, each at its JSON path),
 * the k the answer has equal at the same path (an expected `[]` is matched only by `[]`, an
 * expected `{}` by any object). With several expected answers the best fraction counts; without
 * one, `field_credit` changes nothing. Equality of a leaf:
 * - numbers by value (1234.5 = 1234.50 = 1.2345e3); a string never equals a number ("1,234.50"
 *   ≠ 1234.5): types are the schema's business, and extracted values are read by programs;
 * - strings exactly: no case folding, no trimming, no Unicode normalisation. Extraction output is
 *   fed to programs, where "ACME" ≠ "Acme", "a-1042" ≠ "A-1042" and a stray space breaks a join;
 *   a value copied faithfully from the text always matches. A dataset that accepts variants lists
 *   them as several expected answers;
 * - null only equals null: an expected null (the text lacks the field) is not matched by a
 *   missing key, "" or "N/A"; a missing key or a value of another type gets every leaf under it
 *   wrong.
 * Keys the answer adds beyond the expected ones are not counted: forbid them in the schema
 * (`additionalProperties: false`), which makes the answer score 0.
 * Arrays are compared as unordered (lists extracted from text — attendees, tags, line items — rarely
 * carry meaning in their order, and models reorder them; where order matters, leave `field_credit`
 * off: exact equality is order-sensitive). The answer's elements are paired with the expected ones
 * to maximise the leaves matched (an optimal assignment; ties keep elements at the same index); an
 * expected element left unpaired gets all its leaves wrong, and an answer element left unpaired
 * adds its leaves (at least 1) to n as wrong, so an extra attendee or line item costs credit.
 * Arrays too large to pair (more than MAX_PAIRS element pairs, or once PAIRING_BUDGET pairs have
 * been compared for one answer) are compared by index.
 * The detail is `valid JSON, matches schema, 9/9 fields` or `7/9 fields; first mismatch $.total:
 * got 1234, want 1234.5`: the first wrong leaf in the expected value's key order; an array index
 * in a path is the expected element's (for an extra answer element: its index in the answer).
 *
 * The answer is the value's canonical JSON: object keys sorted (by UTF-16 code units), no spaces.
 *
 * JSON Schema subset (anything else is rejected when the options are validated or the dataset is
 * read, never ignored):
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
import type { Score, ScoreFn } from '../types.js';
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
// Field credit: the share of the expected value's leaf fields the answer gets right

/** Most element pairs one array comparison pairs optimally; larger arrays are compared by index. */
export const MAX_PAIRS = 10_000;
/** Most element pairs compared, over all arrays, when scoring one answer against one expected value; then by index. */
export const PAIRING_BUDGET = 200_000;

/** Leaf fields matched, leaf fields counted, and the first wrong one (`path: what`). */
export interface FieldTally {
  matched: number;
  total: number;
  first?: string;
}

/** The number of leaf fields of a value: scalars and empty containers count 1. */
export function leafCount(value: unknown): number {
  if (Array.isArray(value)) {
    let n = 0;
    for (const element of value) n += leafCount(element);
    return Math.max(n, 1);
  }
  if (isRecord(value)) {
    let n = 0;
    for (const key of Object.keys(value)) n += leafCount(value[key]);
    return Math.max(n, 1);
  }
  return 1;
}

/** A leaf compared: numbers by value, strings exactly; `[]` only by `[]`, `{}` by any object (added keys are free). */
function leafEqual(got: unknown, want: unknown): boolean {
  if (Array.isArray(want)) return Array.isArray(got) && got.length === 0;
  if (isRecord(want)) return isRecord(got);
  return got === want;
}

/** `path: got …, want …`, naming the types when they differ (`got string "1,234.50", want number 1234.5`). */
function mismatch(got: unknown, want: unknown, path: string): string {
  if (jsonType(got) === jsonType(want)) return `${path}: got ${show(got, 30)}, want ${show(want, 30)}`;
  const typed = (value: unknown) => (value === null ? 'null' : `${jsonType(value)} ${show(value, 16)}`);
  return `${path}: got ${typed(got)}, want ${typed(want)}`;
}

/** The assignment of rows to columns that minimises the total cost (Hungarian algorithm); rows ≤ columns. */
export function assignRows(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  const m = n === 0 ? 0 : cost[0]!.length;
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(m + 1).fill(0);
  const rowOf = new Array<number>(m + 1).fill(0); // 1-based row assigned to column j; 0 = none
  const way = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    rowOf[0] = i;
    let j0 = 0;
    const minv = new Array<number>(m + 1).fill(Infinity);
    const used = new Array<boolean>(m + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = rowOf[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const reduced = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (reduced < minv[j]!) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[rowOf[j]!]! += delta;
          v[j]! -= delta;
        } else {
          minv[j]! -= delta;
        }
      }
      j0 = j1;
    } while (rowOf[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOf[j0] = rowOf[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const assigned = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (rowOf[j]! > 0) assigned[rowOf[j]! - 1] = j - 1;
  return assigned;
}

interface Budget {
  left: number;
}

function add(into: FieldTally, part: FieldTally): void {
  into.matched += part.matched;
  into.total += part.total;
  into.first ??= part.first;
}

/**
 * The leaf fields of `want` that `got` has equal at the same path, as documented at the top of
 * this file (arrays unordered). `budget` bounds the work spent pairing array elements.
 */
export function compareFields(got: unknown, want: unknown, path = '$', budget: Budget = { left: PAIRING_BUDGET }): FieldTally {
  if (Array.isArray(want) && want.length > 0) {
    if (!Array.isArray(got)) return { matched: 0, total: leafCount(want), first: mismatch(got, want, path) };
    return compareArrays(got, want, path, budget);
  }
  if (isRecord(want) && Object.keys(want).length > 0) {
    if (!isRecord(got)) return { matched: 0, total: leafCount(want), first: mismatch(got, want, path) };
    const tally: FieldTally = { matched: 0, total: 0 };
    for (const key of Object.keys(want)) {
      const at = keyPath(path, key);
      if (Object.hasOwn(got, key)) add(tally, compareFields(got[key], want[key], at, budget));
      else add(tally, { matched: 0, total: leafCount(want[key]), first: `${at}: missing` });
    }
    return tally;
  }
  return leafEqual(got, want) ? { matched: 1, total: 1 } : { matched: 0, total: 1, first: mismatch(got, want, path) };
}

function compareArrays(got: readonly unknown[], want: readonly unknown[], path: string, budget: Budget): FieldTally {
  const n = want.length;
  const m = got.length;
  const pairs = n * m;
  const tally: FieldTally = { matched: 0, total: 0 };
  // partner[i]: the answer element paired with expected element i, or -1.
  let partner: number[];
  let results: (FieldTally | undefined)[][] | undefined;
  if (m === 0 || pairs > MAX_PAIRS || pairs > budget.left) {
    partner = want.map((_, i) => (i < m ? i : -1));
  } else {
    budget.left -= pairs;
    // Score every pair; paths name the expected element's index.
    results = want.map((w, i) => got.map((g) => compareFields(g, w, `${path}[${i}]`, budget)));
    // Maximise matched leaves; among optimal pairings prefer the same index (weight below one leaf).
    const scale = Math.min(n, m) + 1;
    const weight = (i: number, j: number) => results![i]![j]!.matched * scale + (i === j ? 1 : 0);
    if (n <= m) {
      partner = assignRows(want.map((_, i) => got.map((_, j) => -weight(i, j))));
    } else {
      const rowPartner = assignRows(got.map((_, j) => want.map((_, i) => -weight(i, j))));
      partner = new Array<number>(n).fill(-1);
      rowPartner.forEach((i, j) => {
        if (i >= 0) partner[i] = j;
      });
    }
  }
  const paired = new Set<number>();
  for (let i = 0; i < n; i++) {
    const j = partner[i]!;
    if (j < 0) {
      add(tally, { matched: 0, total: leafCount(want[i]), first: `${path}[${i}]: missing` });
      continue;
    }
    paired.add(j);
    add(tally, results?.[i]?.[j] ?? compareFields(got[j], want[i], `${path}[${i}]`, budget));
  }
  for (let j = 0; j < m; j++) {
    if (paired.has(j)) continue;
    add(tally, { matched: 0, total: leafCount(got[j]), first: `${path}[${j}]: extra element ${show(got[j], 20)}` });
  }
  return tally;
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
    field_credit: z.boolean().optional(),
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

/** Most distinct item schemas (by canonical JSON) one scorer keeps compiled; the oldest goes first. */
export const SCHEMA_CACHE_SIZE = 256;

/** An item schema compiled, or why it cannot be (a detail). */
type CompiledSchema = { node: SchemaNode } | { error: string };

function compileItemSchema(schema: unknown): CompiledSchema {
  try {
    return { node: compileSchema(schema) };
  } catch (error) {
    if (error instanceof SchemaError) {
      return { error: `item schema${error.path.map((p) => `.${p}`).join('')}: ${error.message}` };
    }
    if (error instanceof RangeError) return { error: 'item schema nested too deeply' };
    throw error;
  }
}

/** Item schemas compiled once: by object (WeakMap), then by canonical JSON (a bounded Map). */
function itemSchemaCache(): (schema: unknown) => CompiledSchema {
  const byObject = new WeakMap<object, CompiledSchema>();
  const byText = new Map<string, CompiledSchema>();
  return (schema) => {
    if (schema === null || typeof schema !== 'object') return compileItemSchema(schema);
    const known = byObject.get(schema);
    if (known !== undefined) return known;
    let compiled: CompiledSchema;
    let text: string | undefined;
    try {
      text = canonicalJson(schema);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
    const cached = text === undefined ? undefined : byText.get(text);
    if (cached !== undefined) {
      compiled = cached;
    } else {
      compiled = text === undefined ? { error: 'item schema nested too deeply' } : compileItemSchema(schema);
      if (text !== undefined) {
        if (byText.size >= SCHEMA_CACHE_SIZE) byText.delete(byText.keys().next().value!);
        byText.set(text, compiled);
      }
    }
    byObject.set(schema, compiled);
    return compiled;
  };
}

/** Options are expected to be validated already (see `jsonOptions`); a bad `schema` option throws here. */
export function createJson(options: JsonOptions = {}): ScoreFn {
  const suiteSchema = options.schema === undefined ? undefined : compileSchema(options.schema);
  const requireOnlyJson = options.require_only_json ?? false;
  const fieldCredit = options.field_credit ?? false;
  const itemSchema = itemSchemaCache();
  return (item, output) => {
    let schema = suiteSchema;
    let schemaError: string | undefined;
    if (item.schema !== undefined && item.schema !== null) {
      const compiled = itemSchema(item.schema as unknown);
      if ('error' in compiled) schemaError = compiled.error;
      else schema = compiled.node;
    }
    const parsed = extractJson(output, requireOnlyJson);
    if (!parsed.ok) {
      if (schemaError !== undefined) return score(0, schemaError);
      const what = requireOnlyJson ? 'output is not only JSON' : 'no JSON found in';
      return score(0, `${what} ${quote(output)}`);
    }
    const value = parsed.value;
    try {
      const answer = canonicalJson(value);
      if (schemaError !== undefined) return { ...score(0, schemaError), answer };
      const error = schema === undefined ? undefined : validateSchema(schema, value);
      if (error !== undefined) return { ...score(0, error), answer };
      const valid = schema ? 'valid JSON, matches schema' : 'valid JSON';
      const expected = expectedList(item.expected);
      if (expected === undefined) return { ...score(1, valid), answer };
      const badExpected = (want: string) => ({ ...score(0, `expected answer is not valid JSON: ${quote(want, 30)}`), answer });
      if (fieldCredit) {
        const targets: unknown[] = [];
        for (const want of expected) {
          const target = tryParse(want);
          if (!target.ok) return badExpected(want);
          targets.push(target.value);
        }
        return { ...fieldScore(value, targets, valid), answer };
      }
      let firstDiff: string | undefined;
      for (const want of expected) {
        const target = tryParse(want);
        if (!target.ok) return badExpected(want);
        if (canonicalJson(target.value) === answer) return { ...score(1, `${valid}, equals expected`), answer };
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

/** The best field tally of `value` over the expected answers, as a score. */
function fieldScore(value: unknown, targets: readonly unknown[], valid: string): Score {
  let best: FieldTally | undefined;
  for (const target of targets) {
    const tally = compareFields(value, target);
    if (best === undefined || tally.matched * best.total > best.matched * tally.total) best = tally;
  }
  const { matched, total, first } = best!;
  if (matched === total) return score(1, `${valid}, ${matched}/${total} fields`);
  return score(matched / total, `${matched}/${total} fields; first mismatch ${first ?? '$'}`);
}
