import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RicegradeError } from '../errors.js';
import type { Constraint, Item } from '../types.js';
import { createIfeval, ifevalOptions } from './ifeval.js';
import { parseOptions } from './parse-options.js';
import { createScorer, getScorer } from './registry.js';

const item = (constraints?: Constraint[]): Item => ({ id: 't', input: 'Write something.', constraints });
const make = (options: unknown = {}) => createIfeval(parseOptions('ifeval', ifevalOptions, options));
const strict = make();
const loose = make({ mode: 'loose' });

test('ifeval: prompt level is all-or-nothing; the detail lists each verdict in order; the answer is the bits', () => {
  const constraints: Constraint[] = [{ kind: 'word_count', max: 10 }, { kind: 'lowercase' }, { kind: 'end_phrase', phrase: 'Any other questions?' }];
  const output = 'Here is a Short reply. Any other questions?';
  assert.deepEqual(strict(item(constraints), output), {
    value: 0,
    detail: 'strict 2/3: word_count ✓ lowercase ✗ end_phrase ✓',
    answer: '101',
  });
  const instruction = make({ level: 'instruction' })(item(constraints), output);
  assert.equal(instruction.value, 2 / 3);
  assert.equal(instruction.answer, '101');
  assert.deepEqual(strict(item(constraints), 'here is a short reply. any other questions?'), {
    value: 1,
    detail: 'strict 3/3: word_count ✓ lowercase ✓ end_phrase ✓',
    answer: '111',
  });
});

test('ifeval: tricky real-world answers, strict and loose', () => {
  // [what, constraints, answer, strict bits, loose bits]
  const cases: [string, Constraint[], string, string, string][] = [
    ['"*" bullets', [{ kind: 'bullet_count', count: 3 }], 'Tips:\n* Drink water.\n* Sleep.\n* Walk.', '1', '1'],
    ['"-" bullets', [{ kind: 'bullet_count', count: 3 }], 'Tips:\n- Drink water.\n- Sleep.\n- Walk.', '1', '1'],
    ['"•" is not a markdown bullet', [{ kind: 'bullet_count', count: 3 }], 'Tips:\n• Drink water.\n• Sleep.\n• Walk.', '0', '0'],
    ['a "---" rule is not a bullet', [{ kind: 'bullet_count', count: 2 }], '- one\n- two\n---\nThat is it.', '1', '1'],
    ['numbered items are not bullets', [{ kind: 'bullet_count', count: 2 }], '1. one\n2. two', '0', '0'],
    ['bold heading over a lowercase text', [{ kind: 'lowercase' }], '**Summary**\nthe meeting moves to thursday.', '0', '1'],
    ['bold capitals stay capitals', [{ kind: 'lowercase' }], 'the meeting moves to **Thursday**.', '0', '0'],
    ['bold uppercase text is uppercase', [{ kind: 'uppercase' }], '**GOOD NEWS:** THE MEETING MOVES.', '1', '1'],
    ['JSON in a fence', [{ kind: 'json_only' }], '```json\n{"title": "Rain", "lines": 4}\n```', '1', '1'],
    ['"Sure! Here is…" before the JSON', [{ kind: 'json_only' }], 'Sure! Here is the JSON you asked for:\n```json\n{"a": 1}\n```', '0', '1'],
    ['"Sure! Here is…" before the text', [{ kind: 'start_phrase', phrase: 'My answer is' }, { kind: 'no_commas' }], 'Sure, happy to help!\nMy answer is yes.', '00', '11'],
    ['a polite sign-off after the ending phrase', [{ kind: 'end_phrase', phrase: 'Is there anything else I can help with?' }], 'Done. Is there anything else I can help with?\nBest wishes!', '0', '1'],
    ['a two-line sign-off is not forgiven', [{ kind: 'end_phrase', phrase: 'Any other questions?' }], 'Done. Any other questions?\n\nBest,\nAda', '0', '0'],
    ['the ending phrase in bold', [{ kind: 'end_phrase', phrase: 'Any other questions?' }], 'Done.\n**Any other questions?**', '0', '1'],
    ['the ending phrase inside quotes', [{ kind: 'quotation' }, { kind: 'end_phrase', phrase: 'Any other questions?' }], '"Done. Any other questions?"', '11', '11'],
    ['keywords inside other words do not count', [{ kind: 'include_keywords', keywords: ['cat', 'art'] }], 'The category of this party started.', '0', '0'],
    ['keywords in any case and next to punctuation', [{ kind: 'include_keywords', keywords: ['cat', 'art'] }], 'ART, said the Cat.', '1', '1'],
    ['a forbidden word inside another word is allowed', [{ kind: 'forbidden_words', words: ['sea'] }], 'A season by the seaside.', '1', '1'],
    ['a forbidden word in a heading line', [{ kind: 'forbidden_words', words: ['sea'] }], 'Sea Poem\nwaves and salt.', '0', '1'],
    ['unicode lowercase', [{ kind: 'lowercase' }, { kind: 'word_count', min: 5 }], 'ça va très bien, straße und 東京', '11', '11'],
    ['unicode uppercase', [{ kind: 'uppercase' }], 'ÇA VA TRÈS BIEN, ΑΒΓ', '1', '1'],
    ['curly apostrophes match keywords', [{ kind: 'include_keywords', keywords: ["don't"] }], 'Don’t panic.', '1', '1'],
    ['a fullwidth comma is not a comma', [{ kind: 'no_commas' }], '你好，世界', '1', '1'],
    ['placeholders', [{ kind: 'placeholders', min: 2 }], 'Dear [name],\nWe meet at [address] on [ ].', '1', '1'],
    ['a postscript then a signature line', [{ kind: 'postscript' }], 'See you soon.\n\nP.S. Bring the map.\n\nAda', '0', '1'],
    ['paragraphs with *** lost when * are removed still pass as is', [{ kind: 'paragraphs', count: 2 }], 'First.\n\n***\n\nSecond.', '1', '1'],
    ['a title line and a highlight', [{ kind: 'title' }, { kind: 'highlights', min: 1 }], '<<Rain>>\nThe *rain* falls.', '11', '11'],
  ];
  for (const [what, constraints, answer, strictBits, looseBits] of cases) {
    const s = strict(item(constraints), answer);
    const l = loose(item(constraints), answer);
    assert.equal(s.answer, strictBits, `strict: ${what}: ${s.detail}`);
    assert.equal(l.answer, looseBits, `loose: ${what}: ${l.detail}`);
    assert.equal(s.value, strictBits.includes('0') ? 0 : 1, what);
    assert.equal(l.value, looseBits.includes('0') ? 0 : 1, what);
    assert.ok(l.value >= s.value, `${what}: loose never scores below strict`);
  }
});

test('ifeval: an empty answer follows nothing', () => {
  const constraints: Constraint[] = [{ kind: 'no_commas' }, { kind: 'word_count', max: 50 }];
  for (const output of ['', '   \n ']) {
    for (const score of [strict, loose]) {
      const got = score(item(constraints), output);
      assert.equal(got.value, 0);
      assert.equal(got.answer, '00');
      assert.match(got.detail, /^(strict|loose) 0\/2 \(empty answer\): no_commas ✗ word_count ✗$/);
    }
  }
});

test('ifeval: an item without constraints, or with invalid ones, scores 0 and blames the dataset', () => {
  for (const constraints of [undefined, []]) {
    const got = strict(item(constraints), 'anything');
    assert.equal(got.value, 0);
    assert.equal(got.answer, undefined);
    assert.match(got.detail, /no constraints.*dataset is at fault/);
  }
  const bad = strict(item([{ kind: 'lowercas' }]), 'anything');
  assert.equal(bad.value, 0);
  assert.equal(bad.detail, 'item constraints[0].kind: unknown kind "lowercas" (did you mean "lowercase"?) (the dataset is at fault)');
  assert.doesNotThrow(() => strict(item([null as unknown as Constraint]), 'x'));
});

test('ifeval: two models following the same constraints give the same answer', () => {
  const constraints: Constraint[] = [{ kind: 'lowercase' }, { kind: 'include_keywords', keywords: ['river'] }];
  const a = strict(item(constraints), 'a quiet river at dusk.');
  const b = strict(item(constraints), 'the river, the river, and nothing else');
  const c = strict(item(constraints), 'A river.');
  assert.equal(a.answer, b.answer);
  assert.notEqual(a.answer, c.answer);
});

test('ifeval: the detail stays one short line with many constraints', () => {
  const constraints: Constraint[] = Array.from({ length: 12 }, () => ({ kind: 'placeholders', min: 1 }));
  const got = strict(item(constraints), '[x]');
  assert.equal(got.value, 1);
  assert.equal(got.answer, '1'.repeat(12));
  assert.ok(got.detail.length < 120 && got.detail.endsWith('…'), got.detail);
});

test('ifeval: registered, with strict options', () => {
  const definition = getScorer('ifeval');
  assert.ok(definition);
  const score = createScorer({ name: 'ifeval', mode: 'loose', level: 'instruction' });
  assert.equal(score(item([{ kind: 'lowercase' }, { kind: 'uppercase' }]), 'Title\nall lower').value, 0.5);
  for (const [options, message] of [
    [{ mode: 'lenient' }, /^scorer ifeval: mode: /],
    [{ level: 'item' }, /^scorer ifeval: level: /],
    [{ strict: true }, /^scorer ifeval: unknown option "strict" \(expected one of mode, level\)$/],
  ] as const) {
    assert.throws(
      () => createScorer({ name: 'ifeval', ...options }),
      (error: unknown) => RicegradeError.isInstance(error) && error.code === 'CONFIG_INVALID' && message.test(error.message),
      JSON.stringify(options),
    );
  }
});
