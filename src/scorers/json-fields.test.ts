/** The `json` scorer's per-item schema and `field_credit` (partial credit per field, for extraction). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Expected, Item } from '../types.js';
import { assignRows, compareFields, createJson, jsonOptions, leafCount, MAX_PAIRS, SCHEMA_CACHE_SIZE } from './json.js';
import { parseOptions } from './parse-options.js';
import { createScorer } from './registry.js';

const make = (options: unknown = {}) => createJson(parseOptions('json', jsonOptions, options));
const item = (expected?: Expected, schema?: Record<string, unknown>): Item => ({ id: 't', input: 'q', expected, ...(schema !== undefined ? { schema } : {}) });

// ---------------------------------------------------------------------------------------------
// Per-item schema

test('per-item schema: used in place of the suite schema; items without one keep the suite schema', () => {
  const json = make({ schema: { type: 'array' } });
  const objectSchema = { type: 'object', required: ['a'], properties: { a: { type: 'integer' } } };
  assert.deepEqual(json(item(undefined, objectSchema), '{"a": 1}'), { value: 1, detail: 'valid JSON, matches schema', answer: '{"a":1}' });
  // The suite schema (array) would accept [1]; the item's schema does not: not merged, replaced.
  const array = json(item(undefined, objectSchema), '[1]');
  assert.equal(array.value, 0);
  assert.equal(array.detail, '$: expected object, got array');
  assert.equal(json(item(undefined, objectSchema), '{"a": "1"}').detail, '$.a: expected integer, got string');
  assert.equal(json(item(), '[1]').value, 1);
  assert.equal(json(item(), '{"a": 1}').detail, '$: expected array, got object');
  // No suite schema at all: the item's still applies, and the expected value is still compared.
  const strict = { type: 'object', additionalProperties: false, properties: { a: { type: 'integer' } } };
  assert.equal(make()(item('{"a": 1}', strict), 'Sure: {"a": 1, "extra": true}').detail, '$.extra: unexpected property');
  assert.equal(make()(item('{"a": 1}', strict), 'Sure: {"a": 1}').detail, 'valid JSON, matches schema, equals expected');
  assert.equal(make()(item('{"a": 2}', strict), '{"a": 1}').detail, 'differs from expected: $.a: got 1, want 2');
});

test('per-item schema outside the subset: 0 with a detail naming it, never an exception', () => {
  const json = make({ schema: { type: 'object' } });
  const cases: [unknown, RegExp][] = [
    [{ type: 'object', properties: { a: { pattern: '^x' } } }, /^item schema\.properties\.a\.pattern: unsupported JSON Schema keyword/],
    [{ $ref: '#/defs/x' }, /^item schema\.\$ref: unsupported JSON Schema keyword/],
    [{ type: 'float' }, /^item schema\.type: expected one or a list of object, array/],
    [{ items: [{}] }, /^item schema\.items: the tuple form/],
    ['not a schema', /^item schema: expected a schema object or boolean, got string/],
  ];
  for (const [schema, detail] of cases) {
    for (const output of ['{"a": 1}', 'no JSON at all']) {
      const s = json(item('{"a": 1}', schema as Record<string, unknown>), output);
      assert.equal(s.value, 0, `${JSON.stringify(schema)} / ${output}`);
      assert.match(s.detail, detail);
      assert.ok(s.detail.length < 120, s.detail);
    }
  }
  // A well-formed answer keeps its canonical answer, for agreement between models.
  assert.equal(json(item(undefined, { $ref: '#' }), '{"b":1,"a":2}').answer, '{"a":2,"b":1}');
  // A schema nested so deeply it would overflow the stack.
  let deep: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < 100_000; i++) deep = { items: deep };
  const s = json(item(undefined, deep), '[1]');
  assert.equal(s.value, 0);
  assert.equal(s.detail, 'item schema nested too deeply');
  // The boolean schemas are valid schemas: true accepts anything, false nothing.
  assert.equal(json(item(undefined, true as unknown as Record<string, unknown>), '[1]').value, 1);
  assert.equal(json(item(undefined, false as unknown as Record<string, unknown>), '{}').detail, '$: not allowed');
});

test('per-item schema: compiled once per object (later edits to the object are not seen), many schemas stay correct', () => {
  const json = make();
  const schema: Record<string, unknown> = { type: 'object' };
  assert.equal(json(item(undefined, schema), '{}').value, 1);
  schema.type = 'array';
  // Cached by object: the compiled form of the first use stays (the dataset never edits items while scoring).
  assert.equal(json(item(undefined, schema), '{}').value, 1);
  // A fresh object with the new content is compiled on its own.
  assert.equal(json(item(undefined, { type: 'array' }), '{}').value, 0);
  // More distinct schemas than the cache keeps: each still judges its own items, twice over.
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < SCHEMA_CACHE_SIZE + 50; i++) {
      const s = { const: i };
      assert.equal(json(item(undefined, s), String(i)).value, 1, `const ${i}`);
      assert.equal(json(item(undefined, { const: i }), String(i + 1)).value, 0, `const ${i} vs ${i + 1}`);
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Field credit

/** A contact-and-order record with 10 leaves: name, email, phone, total, 2 × (sku, qty), 2 tags. */
const EXPECTED = {
  name: 'Dara Okafor',
  email: 'dara@brightline.example',
  phone: null,
  total: 1234.5,
  items: [
    { sku: 'A-1', qty: 2 },
    { sku: 'B-2', qty: 1 },
  ],
  tags: ['desk', 'led'],
};
const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'email', 'phone', 'total', 'items', 'tags'],
  properties: {
    name: { type: 'string' },
    email: { type: 'string' },
    phone: { type: ['string', 'null'] },
    total: { type: 'number' },
    items: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['sku', 'qty'], properties: { sku: { type: 'string' }, qty: { type: 'integer' } } },
    },
    tags: { type: 'array', items: { type: 'string' } },
  },
};
const answer = (patch: Record<string, unknown> = {}) => {
  const value: Record<string, unknown> = { ...structuredClone(EXPECTED), ...patch };
  for (const [key, v] of Object.entries(patch)) if (v === undefined) delete value[key];
  return JSON.stringify(value);
};

test('field credit: leaves are counted by hand', () => {
  assert.equal(leafCount(EXPECTED), 10);
  assert.equal(leafCount({}), 1);
  assert.equal(leafCount([]), 1);
  assert.equal(leafCount({ a: [], b: {}, c: [[1, 2], [3]] }), 5);
  assert.equal(leafCount(null), 1);
});

test('field credit with the item schema: real answer shapes', () => {
  const json = make({ field_credit: true });
  const it = item(JSON.stringify(EXPECTED), SCHEMA);
  // [output, score, detail]
  const cases: [string, number, string][] = [
    // Fenced JSON inside prose, money written with trailing zero: numbers compare by value.
    [
      'Here is the extracted data:\n```json\n' + answer({ total: 1234.5 }).replace('1234.5', '1234.50') + '\n```\nLet me know if you need more.',
      1,
      'valid JSON, matches schema, 10/10 fields',
    ],
    // Unfenced, surrounded by prose, key order shuffled.
    [`Result: ${JSON.stringify({ tags: ['desk', 'led'], total: 1.2345e3, phone: null, items: EXPECTED.items, email: EXPECTED.email, name: EXPECTED.name })} done`, 1, 'valid JSON, matches schema, 10/10 fields'],
    // Arrays in another order: lists are unordered.
    [answer({ items: [{ qty: 1, sku: 'B-2' }, { sku: 'A-1', qty: 2 }], tags: ['led', 'desk'] }), 1, 'valid JSON, matches schema, 10/10 fields'],
    // The money left as text violates the schema: invalid answers get no partial credit.
    [answer({ total: '1,234.50' }), 0, '$.total: expected number, got string'],
    // An extra key the schema forbids (additionalProperties: false): 0, however right the rest.
    [answer({ confidence: 0.9 }), 0, '$.confidence: unexpected property'],
    // A missing required field: schema violation, 0.
    [answer({ phone: undefined }), 0, '$.phone: missing required property'],
    // Null for the missing phone is right; a made-up phone or "" is one wrong field.
    [answer({ phone: '' }), 0.9, '9/10 fields; first mismatch $.phone: got string "", want null'],
    [answer({ phone: '+1 555 0100' }), 0.9, '9/10 fields; first mismatch $.phone: got string "+1 555 0100", want null'],
    // Strings compare exactly: case and surrounding whitespace count.
    [answer({ name: 'dara okafor' }), 0.9, '9/10 fields; first mismatch $.name: got "dara okafor", want "Dara Okafor"'],
    [answer({ name: 'Dara Okafor ' }), 0.9, '9/10 fields; first mismatch $.name: got "Dara Okafor ", want "Dara Okafor"'],
    // A wrong quantity in reordered items: the items are paired by content, the path names the expected element.
    [answer({ items: [{ sku: 'B-2', qty: 3 }, { sku: 'A-1', qty: 2 }] }), 0.9, '9/10 fields; first mismatch $.items[1].qty: got 3, want 1'],
    // A dropped line item: both of its fields are wrong.
    [answer({ items: [{ sku: 'B-2', qty: 1 }] }), 0.8, '8/10 fields; first mismatch $.items[0]: missing'],
    // An extra tag costs a field: 10 right out of 11 counted.
    [answer({ tags: ['desk', 'led', 'lighting'] }), 10 / 11, '10/11 fields; first mismatch $.tags[2]: extra element "lighting"'],
    // Two errors: the first in the expected key order is named.
    [answer({ email: 'x@y.example', total: 1200 }), 0.8, '8/10 fields; first mismatch $.email: got "x@y.example", want "dara@brightline.example"'],
    // Not JSON at all.
    ['Dara Okafor, dara@brightline.example', 0, 'no JSON found in "Dara Okafor, dara@brightline.example"'],
  ];
  for (const [output, value, detail] of cases) {
    const s = json(it, output);
    assert.ok(Math.abs(s.value - value) < 1e-12, `${output}: ${s.value} (${s.detail})`);
    assert.equal(s.detail, detail, output);
  }
});

test('field credit without a schema: types are not coerced, added keys are free, missing keys cost their leaves', () => {
  const json = make({ field_credit: true });
  const it = item(JSON.stringify(EXPECTED));
  const cases: [string, number, string][] = [
    [answer({ total: '1,234.50' }), 0.9, '9/10 fields; first mismatch $.total: got string "1,234.50", want number 1234.5'],
    [answer({ total: '1234.5' }), 0.9, '9/10 fields; first mismatch $.total: got string "1234.5", want number 1234.5'],
    [answer({ confidence: 0.9 }), 1, 'valid JSON, 10/10 fields'],
    [answer({ phone: undefined }), 0.9, '9/10 fields; first mismatch $.phone: missing'],
    [answer({ items: undefined }), 0.6, '6/10 fields; first mismatch $.items: missing'],
    [answer({ items: { sku: 'A-1', qty: 2 } }), 0.6, '6/10 fields; first mismatch $.items: got object {"qty":2,"sku":…, want array [{"qty":2,"sku"…'],
    ['[]', 0, '0/10 fields; first mismatch $: got array [], want object {"email":"dara@…'],
  ];
  for (const [output, value, detail] of cases) {
    const s = json(it, output);
    assert.ok(Math.abs(s.value - value) < 1e-12, `${output}: ${s.value} (${s.detail})`);
    assert.equal(s.detail, detail, output);
  }
});

test('field credit: the same answers without it are all-or-nothing, and order-sensitive (behaviour unchanged)', () => {
  const exact = make();
  const it = item(JSON.stringify(EXPECTED), SCHEMA);
  assert.equal(exact(it, answer()).value, 1);
  assert.equal(exact(it, answer()).detail, 'valid JSON, matches schema, equals expected');
  assert.equal(exact(it, answer({ name: 'dara okafor' })).value, 0);
  const reordered = exact(it, answer({ tags: ['led', 'desk'] }));
  assert.equal(reordered.value, 0);
  assert.equal(reordered.detail, 'differs from expected: $.tags[0]: got "led", want "desk"');
  // And through the registry, as a config would build it.
  assert.equal(createScorer({ name: 'json', field_credit: true })(it, answer({ tags: ['led', 'desk'] })).value, 1);
});

test('field credit: several expected answers, the best fraction counts; a bad expected is the dataset at fault', () => {
  const json = make({ field_credit: true });
  const it = item(['{"a": 1, "b": 2}', '{"a": 1, "b": 3}']);
  assert.equal(json(it, '{"a": 1, "b": 3}').value, 1);
  assert.equal(json(it, '{"a": 1, "b": 4}').value, 0.5);
  assert.equal(json(it, '{"a": 1, "b": 4}').detail, '1/2 fields; first mismatch $.b: got 4, want 2');
  const bad = json(item(['{"a": 1}', 'not json']), '{"a": 1}');
  assert.equal(bad.value, 0);
  assert.equal(bad.detail, 'expected answer is not valid JSON: "not json"');
  // No expected answer: field credit changes nothing.
  assert.deepEqual(json(item(), '{"a": 1}'), { value: 1, detail: 'valid JSON', answer: '{"a":1}' });
  // A scalar expected is one field.
  assert.equal(json(item('42'), '42.0').detail, 'valid JSON, 1/1 fields');
  assert.equal(json(item('42'), '"42"').value, 0);
});

test('field credit: empty containers, nested arrays in another order, duplicates', () => {
  const json = make({ field_credit: true });
  const empties = item('{"tags": [], "meta": {}}');
  assert.equal(json(empties, '{"tags": [], "meta": {"x": 1}}').value, 1);
  const extraTag = json(empties, '{"tags": ["x"], "meta": {}}');
  assert.equal(extraTag.value, 0.5);
  assert.equal(extraTag.detail, '1/2 fields; first mismatch $.tags: got ["x"], want []');
  assert.equal(json(item('[[1, 2], [3]]'), '[[3], [2, 1]]').value, 1);
  // ["a","a","b"] against ["a","b"]: one "a" has no partner (2/3); ties keep the same index, so it is [1].
  const dup = json(item('["a", "a", "b"]'), '["a", "b"]');
  assert.ok(Math.abs(dup.value - 2 / 3) < 1e-12);
  assert.equal(dup.detail, '2/3 fields; first mismatch $[1]: missing');
  // Equal-scoring pairings: the one that keeps elements at their index wins, so the wrong element is named where it is.
  assert.deepEqual(compareFields(['b', 'a'], ['a', 'a']), { matched: 1, total: 2, first: '$[0]: got "b", want "a"' });
  assert.deepEqual(compareFields(['b', 'a', 'a'], ['a', 'a', 'a']), { matched: 2, total: 3, first: '$[0]: got "b", want "a"' });
});

test('field credit: the pairing is optimal where a greedy pairing is not', () => {
  // Pairing expected E0 with answer A0 first (3 fields, the best single pair) leaves E1 with A1 (0 fields): 3/8.
  // Crossing them gives 2 + 2 = 4 of 8 fields.
  const expected = [
    { a: 1, b: 1, c: 1, d: 1 },
    { a: 1, b: 1, c: 2, d: 2 },
  ];
  const got = [
    { a: 1, b: 1, c: 1, d: 0 },
    { a: 0, b: 0, c: 1, d: 1 },
  ];
  const tally = compareFields(got, expected);
  assert.deepEqual(tally, { matched: 4, total: 8, first: '$[0].a: got 0, want 1' });
  assert.equal(make({ field_credit: true })(item(JSON.stringify(expected)), JSON.stringify(got)).value, 0.5);
});

/** The minimum total cost of assigning each row to a distinct column, by trying every assignment. */
function bruteForce(cost: number[][]): number {
  const m = cost[0]!.length;
  let best = Infinity;
  const used = new Array<boolean>(m).fill(false);
  const walk = (row: number, sum: number): void => {
    if (row === cost.length) {
      best = Math.min(best, sum);
      return;
    }
    for (let j = 0; j < m; j++) {
      if (used[j]) continue;
      used[j] = true;
      walk(row + 1, sum + cost[row]![j]!);
      used[j] = false;
    }
  };
  walk(0, 0);
  return best;
}

test('assignRows: the optimal assignment, checked against trying every assignment', () => {
  assert.deepEqual(assignRows([]), []);
  assert.deepEqual(assignRows([[5]]), [0]);
  assert.deepEqual(assignRows([[-3, -2], [-2, 0]]), [1, 0]);
  let state = 12345;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  for (let trial = 0; trial < 300; trial++) {
    const n = 1 + Math.floor(random() * 5);
    const m = n + Math.floor(random() * 3);
    const cost = Array.from({ length: n }, () => Array.from({ length: m }, () => -Math.floor(random() * 7)));
    const assigned = assignRows(cost);
    assert.equal(assigned.length, n);
    assert.equal(new Set(assigned).size, n, 'distinct columns');
    assert.ok(assigned.every((j) => j >= 0 && j < m));
    const total = assigned.reduce((sum, j, i) => sum + cost[i]![j]!, 0);
    assert.equal(total, bruteForce(cost), JSON.stringify(cost));
  }
});

test('field credit: large arrays are compared by index, fast; details stay short', () => {
  const json = make({ field_credit: true });
  // Just over the pairing limit, reversed: by index, no element lines up (an even count has no middle).
  const size = 2 * Math.ceil(Math.sqrt(MAX_PAIRS) / 2) + 2;
  const wantEven = Array.from({ length: size }, (_, i) => i);
  const start = performance.now();
  const s = json(item(JSON.stringify(wantEven)), JSON.stringify([...wantEven].reverse()));
  assert.equal(s.value, 0);
  assert.equal(s.detail, `0/${size} fields; first mismatch $[0]: got ${size - 1}, want 0`);
  // Within the limit, the same reversal is paired by content.
  const small = Array.from({ length: 50 }, (_, i) => i);
  assert.equal(json(item(JSON.stringify(small)), JSON.stringify([...small].reverse())).value, 1);
  // Many medium arrays of objects: the pairing budget keeps it fast.
  const rows = Array.from({ length: 90 }, (_, i) => ({ id: i, tags: Array.from({ length: 90 }, (_, k) => `t${(i + k) % 90}`) }));
  json(item(JSON.stringify(rows)), JSON.stringify([...rows].reverse().map((r) => ({ ...r, tags: [...r.tags].reverse() }))));
  assert.ok(performance.now() - start < 5000, `${performance.now() - start} ms`);
  const long = json(item(JSON.stringify({ ['k'.repeat(300)]: 'v'.repeat(300) })), JSON.stringify({ ['k'.repeat(300)]: 'w' }));
  assert.ok(long.detail.length < 120, long.detail);
  assert.equal(long.value, 0);
});
