import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RicegradeError } from '../errors.js';
import type { Expected } from '../types.js';
import { canonicalJson, compileSchema, createJson, extractJson, jsonOptions, validateSchema } from './json.js';
import { parseOptions } from './parse-options.js';

const item = (expected?: Expected) => ({ id: 't', input: 'q', expected });
const make = (options: unknown = {}) => createJson(parseOptions('json', jsonOptions, options));

/** The CONFIG_INVALID message parsing `options` gives. */
function optionError(options: unknown): string {
  try {
    parseOptions('json', jsonOptions, options);
  } catch (error) {
    assert.ok(RicegradeError.isInstance(error), String(error));
    assert.equal(error.code, 'CONFIG_INVALID');
    return error.message;
  }
  assert.fail(`expected ${JSON.stringify(options)} to be rejected`);
}

test('extractJson: whole output, fences, and (lenient only) JSON inside prose', () => {
  // [output, lenient result, strict (require_only_json) result]; undefined = no JSON.
  const cases: [string, unknown, unknown][] = [
    ['{"a": 1}', { a: 1 }, { a: 1 }],
    ['  \n[1, 2]\n ', [1, 2], [1, 2]],
    ['42', 42, 42],
    ['"text"', 'text', 'text'],
    ['null', null, null],
    ['```json\n{"a": 1}\n```', { a: 1 }, { a: 1 }],
    ['```JSON\n{"a": 1}\n```', { a: 1 }, { a: 1 }],
    ['\n```\n[true]\n```\n', [true], [true]],
    ['```json {"a": 1} ```', { a: 1 }, { a: 1 }],
    ['Here you go:\n```json\n{"a": 1}\n```\nHope it helps!', { a: 1 }, undefined],
    ['```python\nprint({"a": 1})\n```', { a: 1 }, undefined],
    ['```json\n{"a": 1}\n```\n```json\n{"b": 2}\n```', { a: 1 }, undefined],
    ['Sure! Here is the object: {"a": {"b": [1, 2]}} Let me know.', { a: { b: [1, 2] } }, undefined],
    ['The list is [1, 2, 3].', [1, 2, 3], undefined],
    ['Use {curly} braces: {"ok": true}', { ok: true }, undefined],
    ['{"s": "a } in a string", "t": "esc \\" ]"} trailing', { s: 'a } in a string', t: 'esc " ]' }, undefined],
    ['{"a": 1, oops} then {"b": 2}', { b: 2 }, undefined],
    ['{"a": 1', undefined, undefined],
    ['{a: 1}', undefined, undefined],
    ["{'a': 1}", undefined, undefined],
    ['', undefined, undefined],
    ['no json here', undefined, undefined],
    ['[1, 2}', undefined, undefined],
  ];
  for (const [output, lenient, strict] of cases) {
    for (const [requireOnly, want] of [[false, lenient], [true, strict]] as const) {
      const got = extractJson(output, requireOnly);
      if (want === undefined) assert.equal(got.ok, false, `${JSON.stringify(output)} require_only=${requireOnly}`);
      else assert.deepEqual(got, { ok: true, value: want }, `${JSON.stringify(output)} require_only=${requireOnly}`);
    }
  }
});

test('extractJson stays fast on pathological prose', () => {
  const text = '{'.repeat(50_000) + ' no closing';
  const start = performance.now();
  assert.equal(extractJson(text).ok, false);
  assert.ok(performance.now() - start < 2000);
});

test('canonicalJson sorts keys at every depth and drops whitespace', () => {
  assert.equal(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }, 2.5] }), '{"a":[{"c":"x","d":null},2.5],"b":1}');
  assert.equal(canonicalJson(JSON.parse('{"__proto__": 1, "z": 2}')), '{"__proto__":1,"z":2}');
  assert.equal(canonicalJson('é"'), '"é\\""');
});

test('json scorer: valid JSON scores 1 with the canonical answer; invalid scores 0', () => {
  const json = make();
  assert.deepEqual(json(item(), 'Result: {"b": 2, "a": 1}'), { value: 1, detail: 'valid JSON', answer: '{"a":1,"b":2}' });
  const bad = json(item(), 'I cannot produce JSON');
  assert.equal(bad.value, 0);
  assert.equal(bad.answer, undefined);
  assert.equal(bad.detail, 'no JSON found in "I cannot produce JSON"');
  const strict = make({ require_only_json: true });
  assert.equal(strict(item(), 'Result: {"a": 1}').value, 0);
  assert.equal(strict(item(), 'Result: {"a": 1}').detail, 'output is not only JSON "Result: {"a": 1}"');
  assert.equal(strict(item(), '```json\n{"a": 1}\n```').value, 1);
});

test('json scorer: expected JSON must be deeply equal, key order irrelevant', () => {
  const json = make();
  const cases: [string, Expected, number, string][] = [
    ['{"b": [1, {"y": 2, "x": 1}], "a": "s"}', '{"a":"s","b":[1,{"x":1,"y":2}]}', 1, 'valid JSON, equals expected'],
    ['{"a": 1.0}', '{"a": 1}', 1, 'valid JSON, equals expected'],
    ['[1, 2]', ['[2, 1]', ' [1,2] '], 1, 'valid JSON, equals expected'],
    ['42', 42, 1, 'valid JSON, equals expected'],
    ['[1, 2]', '[2, 1]', 0, 'differs from expected: $[0]: got 1, want 2'],
    ['[1, 2]', '[1, 2, 3]', 0, 'differs from expected: $: got 2 elements, want 3'],
    ['{"a": {"b": 1}}', '{"a": {"b": "1"}}', 0, 'differs from expected: $.a.b: got number 1, want string'],
    ['{"a": 1}', '{"a": 1, "my key": 2}', 0, 'differs from expected: $["my key"]: missing'],
    ['{"a": 1, "b": 2}', '{"a": 1}', 0, 'differs from expected: $.b: unexpected key'],
    ['{"a": null}', '{"a": false}', 0, 'differs from expected: $.a: got null null, want boolean'],
    ['{"a": 1}', 'not json', 0, 'expected answer is not valid JSON: "not json"'],
  ];
  for (const [output, expected, value, detail] of cases) {
    const s = json(item(expected), output);
    assert.equal(s.value, value, `${output} vs ${JSON.stringify(expected)}: ${s.detail}`);
    assert.equal(s.detail, detail);
  }
});

const productSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'order',
  type: 'object',
  required: ['id', 'items'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer', minimum: 1 },
    status: { enum: ['open', 'paid'] },
    version: { const: 2 },
    note: { type: ['string', 'null'], maxLength: 5 },
    code: { type: 'string', minLength: 2 },
    items: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['price'],
        properties: { price: { type: 'number', minimum: 0, maximum: 1000 }, 'odd key': { type: 'boolean' } },
      },
    },
  },
};

test('json schema subset: the first error is named with its JSON path', () => {
  const node = compileSchema(productSchema);
  const order = (patch: Record<string, unknown>) => ({ id: 1, items: [{ price: 1 }], ...patch });
  const cases: [unknown, string | undefined][] = [
    [order({}), undefined],
    [order({ status: 'paid', version: 2, note: null, code: 'ab', items: [{ price: 0 }, { price: 1000, extra: 1 }] }), undefined],
    [order({ note: '😀😀😀😀😀' }), undefined], // 5 code points, 10 UTF-16 units
    [order({ items: [{ price: 1 }, { price: 2 }, { price: '3' }] }), '$.items[2].price: expected number, got string'],
    [[], '$: expected object, got array'],
    [order({ id: 1.5 }), '$.id: expected integer, got number'],
    [order({ id: 0 }), '$.id: expected >= 1, got 0'],
    [order({ items: [{ price: 1000.5 }] }), '$.items[0].price: expected <= 1000, got 1000.5'],
    [order({ status: 'void' }), '$.status: expected one of "open", "paid", got "void"'],
    [order({ version: 3 }), '$.version: expected 2, got 3'],
    [order({ note: 'toolong' }), '$.note: expected length <= 5, got 7'],
    [order({ note: 5 }), '$.note: expected string or null, got number'],
    [order({ code: 'a' }), '$.code: expected length >= 2, got 1'],
    [order({ items: [] }), '$.items: expected >= 1 items, got 0'],
    [order({ items: [{}] }), '$.items[0].price: missing required property'],
    [order({ items: [{ price: 1, 'odd key': 'yes' }] }), '$.items[0]["odd key"]: expected boolean, got string'],
    [order({ extra: true }), '$.extra: unexpected property'],
    [{ items: [{ price: 1 }] }, '$.id: missing required property'],
  ];
  for (const [value, want] of cases) assert.equal(validateSchema(node, value), want, JSON.stringify(value));
});

test('json schema subset: boolean sub-schemas, additionalProperties as a schema, integer accepts 2.0', () => {
  const node = compileSchema({ properties: { never: false, any: true }, additionalProperties: { type: 'integer' } });
  assert.equal(validateSchema(node, { any: [1], n: 2.0 }), undefined);
  assert.equal(validateSchema(node, { never: 1 }), '$.never: not allowed');
  assert.equal(validateSchema(node, { n: 'x' }), '$.n: expected integer, got string');
  // Keywords that do not apply to the value's type are ignored, as in JSON Schema.
  assert.equal(validateSchema(compileSchema({ minLength: 3, minimum: 5 }), 1), '$: expected >= 5, got 1');
  assert.equal(validateSchema(compileSchema({ minLength: 3 }), 1), undefined);
});

test('json scorer with a schema and an expected value', () => {
  const json = make({ schema: productSchema });
  const ok = '```json\n{"items": [{"price": 9.5}], "id": 7}\n```';
  assert.deepEqual(json(item(), ok), { value: 1, detail: 'valid JSON, matches schema', answer: '{"id":7,"items":[{"price":9.5}]}' });
  assert.equal(json(item('{"id": 7, "items": [{"price": 9.5}]}'), ok).detail, 'valid JSON, matches schema, equals expected');
  const bad = json(item(), '{"id": 7, "items": [{"price": "9.5"}]}');
  assert.equal(bad.value, 0);
  assert.equal(bad.detail, '$.items[0].price: expected number, got string');
  assert.equal(bad.answer, '{"id":7,"items":[{"price":"9.5"}]}');
});

test('json options: strict, schema checked against the supported subset at option time', () => {
  assert.match(optionError({ scheme: {} }), /^scorer json: unknown option "scheme" \(expected one of schema, require_only_json, field_credit\)$/);
  assert.equal(optionError({ require_only_json: 'yes' }), 'scorer json: require_only_json: expected boolean, got string');
  assert.equal(optionError({ field_credit: 1 }), 'scorer json: field_credit: expected boolean, got number');
  assert.equal(optionError({ schema: [] }), 'scorer json: schema: expected object, got array');
  assert.match(optionError({ schema: { type: 'object', properties: { a: { pattern: '^x' } } } }), /^scorer json: schema\.properties\.a\.pattern: unsupported JSON Schema keyword \(supported: type, enum/);
  assert.match(optionError({ schema: { $ref: '#/x' } }), /schema\.\$ref: unsupported JSON Schema keyword/);
  assert.match(optionError({ schema: { type: 'float' } }), /schema\.type: expected one or a list of object, array/);
  assert.match(optionError({ schema: { enum: [] } }), /schema\.enum: expected a non-empty list/);
  assert.match(optionError({ schema: { minLength: -1 } }), /schema\.minLength: expected a non-negative integer, got number -1/);
  assert.match(optionError({ schema: { items: [{}] } }), /schema\.items: the tuple form/);
  assert.match(optionError({ schema: { required: 'a' } }), /schema\.required: expected a list of property names/);
  assert.match(optionError({ schema: { properties: { a: 3 } } }), /schema\.properties\.a: expected a schema object or boolean, got number/);
  assert.doesNotThrow(() => parseOptions('json', jsonOptions, {}));
  assert.doesNotThrow(() => parseOptions('json', jsonOptions, { schema: productSchema, require_only_json: true }));
});

test('json scorer: details stay short; pathological nesting scores 0 without throwing', () => {
  const json = make({ schema: { type: 'object', properties: { ['k'.repeat(300)]: { type: 'string' } } } });
  const s = json(item(), JSON.stringify({ ['k'.repeat(300)]: 1 }));
  assert.equal(s.value, 0);
  assert.ok(s.detail.length < 120, s.detail);
  assert.ok(make()(item(), 'x'.repeat(10_000)).detail.length < 120);
  assert.ok(make()(item('{"a":"' + 'y'.repeat(500) + '"}'), '{"a":"' + 'z'.repeat(500) + '"}').detail.length < 120);
  const deep = '['.repeat(200_000) + ']'.repeat(200_000);
  let result;
  try {
    result = make()(item(), deep);
  } catch (error) {
    assert.fail(`threw ${String(error)}`);
  }
  assert.ok(result.value === 0 || result.value === 1);
});
