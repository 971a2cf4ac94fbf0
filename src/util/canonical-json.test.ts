import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson } from './canonical-json.js';

test('object key order does not matter', () => {
  assert.equal(canonicalJson({ b: 1, a: 2 }), '{"a":2,"b":1}');
  assert.equal(canonicalJson({ b: 1, a: 2, c: 3 }), canonicalJson({ c: 3, a: 2, b: 1 }));
});

test('keys are sorted at every level of nesting', () => {
  const a = { z: { y: 1, x: [{ q: 1, p: 2 }] }, m: null };
  const b = { m: null, z: { x: [{ p: 2, q: 1 }], y: 1 } };
  assert.equal(canonicalJson(a), '{"m":null,"z":{"x":[{"p":2,"q":1}],"y":1}}');
  assert.equal(canonicalJson(a), canonicalJson(b));
});

test('arrays keep their order', () => {
  assert.equal(canonicalJson([3, 1, 2]), '[3,1,2]');
  assert.notEqual(canonicalJson({ a: [1, 2] }), canonicalJson({ a: [2, 1] }));
});

test('undefined properties are dropped', () => {
  assert.equal(canonicalJson({ a: 1, b: undefined }), '{"a":1}');
  assert.equal(canonicalJson({ a: 1, b: undefined }), canonicalJson({ a: 1 }));
  assert.equal(canonicalJson({ n: { c: undefined, d: 'x' } }), '{"n":{"d":"x"}}');
});

test('primitives and the round trip', () => {
  assert.equal(canonicalJson('a"b'), '"a\\"b"');
  assert.equal(canonicalJson(42), '42');
  assert.equal(canonicalJson(null), 'null');
  assert.equal(canonicalJson(true), 'true');
  const value = { messages: [{ role: 'user', content: 'hi ✓' }], temperature: 0, params: { top_p: 0.9 } };
  assert.deepEqual(JSON.parse(canonicalJson(value)), value);
});

test('different values give different strings', () => {
  assert.notEqual(canonicalJson({ a: 1 }), canonicalJson({ a: '1' }));
  assert.notEqual(canonicalJson({ a: 1 }), canonicalJson({ b: 1 }));
  assert.notEqual(canonicalJson({ a: null }), canonicalJson({}));
});
