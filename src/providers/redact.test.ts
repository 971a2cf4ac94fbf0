import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clip, redact } from './redact.js';

test('redact removes the exact secret anywhere in the text', () => {
  const secret = 'Xy9!secret_token.42';
  const text = `Incorrect API key provided: ${secret}. Retry with "${secret}"${secret}`;
  const out = redact(text, [secret]);
  assert.ok(!out.includes(secret), out);
  assert.ok(!out.includes('secret_token'), out);
  assert.equal(out, 'Incorrect API key provided: ***. Retry with "***"***');
});

test('redact handles several secrets and ignores undefined ones', () => {
  const out = redact('a=abcd1234 b=zzzz9999 c=ok', [undefined, 'abcd1234', 'zzzz9999']);
  assert.equal(out, 'a=*** b=*** c=ok');
  assert.equal(redact('nothing to hide', [undefined]), 'nothing to hide');
});

test('redact masks sk-… shaped keys even when they are not ours', () => {
  const out = redact('Incorrect API key provided: sk-proj-AbC123_def456-XYZ. See docs.', []);
  assert.equal(out, 'Incorrect API key provided: sk-***. See docs.');
  assert.equal(redact('Bearer sk-abcdefgh12345678', []), 'Bearer sk-***');
  assert.equal(redact('pk-ABCDEFGHIJ and rk-1234567890', []), 'pk-*** and rk-***');
  assert.ok(!redact('{"key":"key-0123456789abcdef"}', []).includes('0123456789abcdef'));
});

test('redact leaves ordinary text alone', () => {
  const text = 'rate limit exceeded for model gpt-4o-mini; task-force sk-8 risk-free';
  assert.equal(redact(text, []), text);
});

test('clip flattens whitespace', () => {
  assert.equal(clip('  a \n\n b\t\tc  '), 'a b c');
  assert.equal(clip('line1\r\nline2'), 'line1 line2');
});

test('clip shortens long text and marks the cut', () => {
  const long = 'x'.repeat(500);
  const out = clip(long);
  assert.ok(out.length < long.length);
  assert.ok(out.startsWith('x'.repeat(200)));
  assert.ok(out.endsWith('…'));
  assert.ok(out.length <= 201);
  assert.equal(clip('abcdefghij', 4), 'abcd…');
  assert.equal(clip('short', 10), 'short');
  assert.equal(clip('exact', 5), 'exact');
});
