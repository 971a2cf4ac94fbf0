import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readItems } from '../datasets/read-items.js';
import { RicegradeError } from '../errors.js';
import type { Constraint } from '../types.js';
import {
  CONSTRAINT_KINDS,
  compileConstraints,
  countBullets,
  countHighlights,
  countKeyword,
  countParagraphs,
  countPlaceholders,
  countSentences,
  countWords,
  followed,
  instructionText,
  parseConstraints,
  responseVariants,
} from './ifeval-constraints.js';

/** Whether `response` follows `constraint`, strict and loose. */
function verdict(constraint: Constraint, response: string): { strict: boolean; loose: boolean } {
  const compiled = compileConstraints([constraint]);
  assert.ok(typeof compiled !== 'string', `${JSON.stringify(constraint)}: ${String(compiled)}`);
  return { strict: followed(compiled, response, 'strict')[0]!, loose: followed(compiled, response, 'loose')[0]! };
}

test('countWords: runs of letters, digits, marks and _ (IFEval\'s \\w+)', () => {
  const cases: [string, number][] = [
    ['', 0],
    ['   \n ', 0],
    ['one two  three', 3],
    ["don't stop", 3],
    ['e-mail me at ada@example.com', 7],
    ['42 is 6×7', 4],
    ['東京タワー is tall', 3],
    ['café naïve', 2],
    ['cafe\u0301 ok', 2],
    ['**bold** and *it*', 3],
    ['snake_case_word', 1],
  ];
  for (const [text, n] of cases) assert.equal(countWords(text), n, JSON.stringify(text));
});

test('countSentences: terminal punctuation, abbreviations, initials, list numbers, no line-break splits', () => {
  const cases: [string, number][] = [
    ['', 0],
    ['One sentence without a stop', 1],
    ['One. Two! Three? Four', 4],
    ['Wait... what?! Yes.', 3],
    ['Dr. Smith met Mr. Jones at St. Mary. They talked.', 2],
    ['J. R. R. Tolkien wrote it. E.g. this one.', 2],
    ['Signed, Ada.\nP.S. Call me back.', 2],
    ['Pi is 3.14 exactly. Visit example.com today.', 2],
    ['He said "stop." Then left.', 2],
    ['**Done.** Next one.', 2],
    ['1. Buy milk.\n2. Buy bread.', 2],
    ['I have 3. You have 4.', 2],
    ['- first tip\n- second tip\n- third tip', 1],
    ['Title line\nBody sentence here.', 1],
    ['...', 0],
    ['Ende gut. Alles gut… Oder?', 3],
  ];
  for (const [text, n] of cases) assert.equal(countSentences(text), n, JSON.stringify(text));
});

test('countBullets: "* " and "- " at line start (indented too); not •, +, numbers, bold or rules', () => {
  const cases: [string, number][] = [
    ['* a\n* b\n* c', 3],
    ['- a\n- b', 2],
    ['Intro:\n  - nested\n\t* tabbed', 2],
    ['• a\n• b\n• c', 0],
    ['+ a\n+ b', 0],
    ['1. a\n2. b', 0],
    ['**Bold** start\n*emphasis* start', 0],
    ['- a\n---\n* * *\n- - -\n***', 1],
    ['-no space\n*no space', 0],
    ['- \n*  ', 0],
    ['text - not a bullet\nmore * text', 0],
    ['- a\r\n- b\r\n', 2],
  ];
  for (const [text, n] of cases) assert.equal(countBullets(text), n, JSON.stringify(text));
});

test('countParagraphs: *** on a line of its own; empty ends ignored, empty middle fails', () => {
  const cases: [string, number][] = [
    ['just one', 1],
    ['One.\n\n***\n\nTwo.', 2],
    ['One.\n***\nTwo.\n***\nThree.', 3],
    ['***\nOne.\n***\nTwo.\n***\n', 2],
    ['One.\n***\n***\nTwo.', -1],
    ['One.\n  ***  \nTwo.', 2],
    ['***bold italic*** one\n***\ntwo', 2],
    ['One *** two', 1],
    ['One.\n---\nTwo.', 1],
    ['One.\n****\nTwo.', 1],
    ['One.\r\n***\r\nTwo.', 2],
    ['', 0],
  ];
  for (const [text, n] of cases) assert.equal(countParagraphs(text), n, JSON.stringify(text));
});

test('countPlaceholders, countHighlights', () => {
  assert.equal(countPlaceholders('Dear [name], see you at [address] on [ date ].'), 3);
  assert.equal(countPlaceholders('[] and [ ] are empty; [a\nb] spans lines; [[x]] nests'), 1);
  // As IFEval counts: ***three*** is both a *…* and a **…** highlight.
  assert.equal(countHighlights('*one* and **two** and ***three***'), 4);
  assert.equal(countHighlights('** ** and * * and a*b'), 0);
  assert.equal(countHighlights('*across\nlines*'), 0);
});

test('countKeyword: whole words and phrases, case-insensitive, apostrophes folded', () => {
  const cases: [string, string, number][] = [
    ['The cat sat. CAT! cat-like.', 'cat', 3],
    ['category concatenate cats scat', 'cat', 0],
    ['Don’t panic, don\'t.', "don't", 2],
    ['New   York and new\nyork', 'New York', 2],
    ['C++ and c++', 'C++', 2],
    ['price (USD) and (usd)', '(USD)', 2],
    ['Ça va? ça va.', 'ça', 2],
    ['riverriver river', 'river', 1],
  ];
  for (const [text, keyword, n] of cases) assert.equal(countKeyword(text, keyword), n, `${keyword} in ${JSON.stringify(text)}`);
});

test('each kind: answers that pass and fail, strict and loose', () => {
  // [constraint, response, strict, loose]
  const cases: [Constraint, string, boolean, boolean][] = [
    [{ kind: 'word_count', min: 3 }, 'one two three', true, true],
    [{ kind: 'word_count', min: 3 }, 'one two', false, false],
    [{ kind: 'word_count', max: 3 }, 'Sure! Here it is:\none two three', false, true],
    [{ kind: 'word_count', min: 2, max: 3 }, 'Sure!\none two three', false, true],
    [{ kind: 'word_count', min: 2, max: 3 }, 'one two three four', false, false],
    [{ kind: 'sentence_count', max: 2 }, 'One. Two. Three.', false, false],
    [{ kind: 'sentence_count', min: 2, max: 2 }, 'One. Two.', true, true],
    [{ kind: 'bullet_count', count: 3 }, 'Tips:\n* a\n* b\n* c', true, true],
    [{ kind: 'bullet_count', count: 3 }, 'Tips:\n- a\n- b\n- c', true, true],
    [{ kind: 'bullet_count', count: 3 }, 'Tips:\n• a\n• b\n• c', false, false],
    [{ kind: 'bullet_count', count: 2 }, 'Tips:\n- a\n- b\n- c', false, true],
    [{ kind: 'include_keywords', keywords: ['river', 'Lantern'] }, 'A lantern by the RIVER.', true, true],
    [{ kind: 'include_keywords', keywords: ['river', 'lantern'] }, 'A lantern by the riverbank.', false, false],
    [{ kind: 'forbidden_words', words: ['art'] }, 'The party started early.', true, true],
    [{ kind: 'forbidden_words', words: ['art'] }, 'Start.\nArt is long.', false, true],
    [{ kind: 'keyword_frequency', keyword: 'river', max: 1 }, 'The river met the river.', false, false],
    [{ kind: 'keyword_frequency', keyword: 'river', min: 2 }, 'The river met the River.', true, true],
    [{ kind: 'keyword_frequency', keyword: 'river', max: 0 }, 'No rivers here.', true, true],
    [{ kind: 'lowercase' }, 'all lower, even ça and straße.', true, true],
    [{ kind: 'lowercase' }, '**Summary**\nthe meeting moves to thursday.', false, true],
    [{ kind: 'lowercase' }, 'the meeting moves to **Thursday**.', false, false],
    [{ kind: 'lowercase' }, '12345 !!!', false, false],
    [{ kind: 'lowercase' }, '日本語の文章', false, false],
    [{ kind: 'uppercase' }, '**HELLO WORLD**', true, true],
    [{ kind: 'uppercase' }, 'ΑΒΓ AND STRASSE', true, true],
    [{ kind: 'uppercase' }, 'I LOVE MY iPHONE', false, false],
    [{ kind: 'uppercase' }, 'Sure, here you go:\nALL CAPS NOW', false, true],
    [{ kind: 'json_only' }, '{"a": 1}', true, true],
    [{ kind: 'json_only' }, '```json\n{"a": [1, 2]}\n```', true, true],
    [{ kind: 'json_only' }, '```\n[true]\n```', true, true],
    [{ kind: 'json_only' }, 'Here is the JSON:\n```json\n{"a": 1}\n```', false, true],
    [{ kind: 'json_only' }, '{"a": 1}\nThis object has one key.', false, true],
    // Loose drops the fence lines whatever the language, as IFEval's does.
    [{ kind: 'json_only' }, '```python\n{"a": 1}\n```', false, true],
    [{ kind: 'json_only' }, 'Here:\n{"a": 1}\nDone.\nBye.', false, false],
    [{ kind: 'json_only' }, "{'a': 1}", false, false],
    [{ kind: 'start_phrase', phrase: 'My answer is' }, '  My answer is yes.', true, true],
    [{ kind: 'start_phrase', phrase: 'My answer is' }, '"my answer is yes."', true, true],
    [{ kind: 'start_phrase', phrase: 'My answer is' }, 'Sure!\nMy answer is yes.', false, true],
    [{ kind: 'start_phrase', phrase: 'In short' }, 'In shortly time, yes.', false, false],
    [{ kind: 'start_phrase', phrase: 'My answer is' }, '**My answer is** yes.', false, true],
    [{ kind: 'end_phrase', phrase: 'Any other questions?' }, 'Done. Any other questions?  \n\n', true, true],
    [{ kind: 'end_phrase', phrase: 'Any other questions?' }, 'Done. ANY OTHER QUESTIONS?', true, true],
    [{ kind: 'end_phrase', phrase: 'Any other questions?' }, '"Done. Any other questions?"', true, true],
    [{ kind: 'end_phrase', phrase: 'Any other questions?' }, 'Done. Any other questions?\nBest regards, Ada', false, true],
    [{ kind: 'end_phrase', phrase: 'Any other questions?' }, 'Done. Any other questions?\n\nBest regards,\nAda', false, false],
    [{ kind: 'end_phrase', phrase: 'Any other questions?' }, 'Done. **Any other questions?**', false, true],
    [{ kind: 'end_phrase', phrase: 'Any other questions?' }, 'Done. Many other questions?', false, false],
    [{ kind: 'end_phrase', phrase: "That's all" }, 'Well, that’s all', true, true],
    [{ kind: 'end_phrase', phrase: 'She said "yes"' }, 'And then she said "yes"', true, true],
    [{ kind: 'title' }, '<<A Title>>\nText.', true, true],
    [{ kind: 'title' }, 'Text with <<<nested>>> brackets', true, true],
    [{ kind: 'title' }, '<< >> and <<multi\nline>>', false, false],
    [{ kind: 'title' }, '«A Title» and **A Title**', false, false],
    [{ kind: 'no_commas' }, 'No commas here; none at all.', true, true],
    [{ kind: 'no_commas' }, 'Yes, one.', false, false],
    [{ kind: 'no_commas' }, 'Fullwidth，and ideographic、are other characters', true, true],
    [{ kind: 'paragraphs', count: 2 }, 'One.\n\n***\n\nTwo.', true, true],
    [{ kind: 'paragraphs', count: 2 }, 'One.\n\n---\n\nTwo.', false, false],
    [{ kind: 'paragraphs', count: 1 }, 'One.\n\n***\n\nTwo.', false, true],
    [{ kind: 'placeholders', min: 2 }, 'Dear [name], see you at [address].', true, true],
    [{ kind: 'placeholders', min: 2 }, 'Dear [name], see you at ___.', false, false],
    [{ kind: 'postscript' }, 'Body.\n\nP.S. Call me.', true, true],
    [{ kind: 'postscript' }, 'Body.\n\n**P.S.** Call me.', true, true],
    [{ kind: 'postscript' }, 'Body.\n\np. s. call me.', true, true],
    [{ kind: 'postscript' }, 'Best,\nAda\nP.S. Call me.\nSoon.', true, true],
    [{ kind: 'postscript' }, 'Body.\n\nP.S. Call me.\n\nP.P.S. Bring cake.', true, true],
    [{ kind: 'postscript' }, 'Body.\n\nP.S. Call me.\n\nAda', false, true],
    [{ kind: 'postscript' }, 'Body.\n\nP.S. Call me.\n\nBest,\nAda', false, false],
    [{ kind: 'postscript' }, 'I will add a P.S. later.', false, false],
    [{ kind: 'postscript' }, 'Body.\n\nP.S.', false, false],
    [{ kind: 'postscript', marker: 'P.P.S.' }, 'Body.\n\nP.S. one.\n\nP.P.S. two.', true, true],
    [{ kind: 'postscript', marker: 'P.P.S.' }, 'Body.\n\nP.S. one.', false, false],
    [{ kind: 'quotation' }, '  "Hello there."  ', true, true],
    [{ kind: 'quotation' }, '“Hello there.”', false, false],
    [{ kind: 'quotation' }, '"', false, false],
    [{ kind: 'highlights', min: 2 }, 'A *first* and a **second** part.', true, true],
    [{ kind: 'highlights', min: 2 }, 'Only *one* here.', false, false],
  ];
  for (const [constraint, response, strict, loose] of cases) {
    assert.deepEqual(verdict(constraint, response), { strict, loose }, `${JSON.stringify(constraint)} on ${JSON.stringify(response)}`);
  }
});

test('an empty or blank answer follows no constraint, not even no_commas, in either mode', () => {
  for (const kind of ['no_commas', 'lowercase', 'word_count', 'forbidden_words']) {
    const constraint: Constraint = kind === 'word_count' ? { kind, max: 10 } : kind === 'forbidden_words' ? { kind, words: ['x'] } : { kind };
    for (const response of ['', '  \n\t ']) assert.deepEqual(verdict(constraint, response), { strict: false, loose: false }, kind);
  }
});

test('responseVariants: strict is the response; loose is IFEval\'s eight variants', () => {
  assert.deepEqual(responseVariants('a*\nb\nc*', 'strict'), ['a*\nb\nc*']);
  assert.deepEqual(responseVariants('a*\nb\nc*', 'loose'), ['a*\nb\nc*', 'b\nc*', 'a*\nb', 'b', 'a\nb\nc', 'b\nc', 'a\nb', 'b']);
  assert.deepEqual(responseVariants('one line', 'loose'), ['one line', '', '', '', 'one line', '', '', '']);
});

test('parseConstraints: valid lists, with defaults filled in', () => {
  assert.deepEqual(parseConstraints([{ kind: 'lowercase' }, { kind: 'word_count', min: 5 }, { kind: 'postscript' }]), [
    { kind: 'lowercase' },
    { kind: 'word_count', min: 5 },
    { kind: 'postscript', marker: 'P.S.' },
  ]);
  assert.deepEqual(parseConstraints([{ kind: 'keyword_frequency', keyword: 'x', min: 1, max: 1 }]), [{ kind: 'keyword_frequency', keyword: 'x', min: 1, max: 1 }]);
});

test('parseConstraints: one-line reasons starting with the index', () => {
  const cases: [unknown, string][] = [
    ['lowercase', ': expected a non-empty list of { kind, … }'],
    [[], ': expected a non-empty list of { kind, … }'],
    [[{ kind: 'lowercase' }, 3], '[1]: expected an object { kind, … }'],
    [[{ kind: 'lowercas' }], '[0].kind: unknown kind "lowercas" (did you mean "lowercase"?)'],
    [[{ kind: 'word-count', min: 3 }], '[0].kind: unknown kind "word-count" (did you mean "word_count"?)'],
    [[{ kind: 7 }], '[0].kind: expected a string'],
    [[{ kind: 'lowercase' }, { kind: 'word_count', max: 0 }], '[1].max: expected a positive integer'],
    [[{ kind: 'word_count', max: 2.5 }], '[0].max: expected a positive integer'],
    [[{ kind: 'word_count', max: '10' }], '[0].max: expected a positive integer'],
    [[{ kind: 'word_count' }], '[0]: word_count needs min, max or both'],
    [[{ kind: 'sentence_count', min: 5, max: 3 }], '[0].max: must be at least min (5)'],
    [[{ kind: 'word_count', mx: 3 }], '[0].mx: unknown parameter of word_count (did you mean "max"?)'],
    [[{ kind: 'lowercase', strict: true }], '[0].strict: unknown parameter of lowercase (lowercase takes none)'],
    [[{ kind: 'bullet_count' }], '[0].count: missing (a positive integer)'],
    [[{ kind: 'include_keywords', keywords: [] }], '[0].keywords: expected a non-empty list of non-empty strings'],
    [[{ kind: 'include_keywords', keywords: 'river' }], '[0].keywords: expected a non-empty list of non-empty strings'],
    [[{ kind: 'forbidden_words', words: ['a', ' '] }], '[0].words[1]: expected a non-empty string'],
    [[{ kind: 'keyword_frequency', keyword: 'x', max: -1 }], '[0].max: expected a non-negative integer'],
    [[{ kind: 'end_phrase', phrase: '' }], '[0].phrase: expected a non-empty string'],
  ];
  for (const [raw, reason] of cases) assert.equal(parseConstraints(raw), reason, JSON.stringify(raw));
  const unknown = parseConstraints([{ kind: 'zzzzzzzz' }]);
  assert.match(String(unknown), /^\[0\]\.kind: unknown kind "zzzzzzzz" \(expected one of word_count, .*highlights\)$/);
  const missing = parseConstraints([{ min: 3 }]);
  assert.match(String(missing), /^\[0\]\.kind: missing \(one of word_count, /);
  for (const reason of [unknown, missing]) assert.ok(!String(reason).includes('\n'));
});

test('instructionText: plain English for every kind; an invalid constraint is INTERNAL', () => {
  const examples: Constraint[] = [
    { kind: 'word_count', min: 50, max: 80 },
    { kind: 'sentence_count', max: 1 },
    { kind: 'bullet_count', count: 3 },
    { kind: 'include_keywords', keywords: ['a', 'b', 'c'] },
    { kind: 'forbidden_words', words: ['x', 'y'] },
    { kind: 'keyword_frequency', keyword: 'river', min: 2 },
    { kind: 'lowercase' },
    { kind: 'uppercase' },
    { kind: 'json_only' },
    { kind: 'start_phrase', phrase: 'My answer is' },
    { kind: 'end_phrase', phrase: 'Any other questions?' },
    { kind: 'title' },
    { kind: 'no_commas' },
    { kind: 'paragraphs', count: 3 },
    { kind: 'placeholders', min: 1 },
    { kind: 'postscript' },
    { kind: 'quotation' },
    { kind: 'highlights', min: 2 },
  ];
  assert.deepEqual(examples.map((c) => c.kind).sort(), [...CONSTRAINT_KINDS].sort());
  const texts = examples.map(instructionText);
  assert.equal(new Set(texts).size, texts.length);
  assert.equal(texts[0], 'Answer with between 50 and 80 words.');
  assert.equal(texts[1], 'Your response should contain at most 1 sentence.');
  assert.equal(texts[3], 'Include the keywords "a", "b" and "c" in your response.');
  assert.equal(texts[4], 'Do not use the words "x" or "y" anywhere in your response.');
  assert.equal(texts[5], 'In your response, the word "river" should appear at least 2 times.');
  assert.equal(texts[10], 'Finish your response with the exact phrase "Any other questions?", with no other words after it.');
  assert.equal(texts[15], 'At the end of your response, add a postscript starting with P.S.');
  assert.throws(
    () => instructionText({ kind: 'word_count' }),
    (error: unknown) => error instanceof RicegradeError && error.code === 'INTERNAL',
  );
});

test('a JSONL line with a bad constraint is reported as file:line: constraints[i].…', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rg-ifeval-'));
  const path = join(dir, 'if.jsonl');
  const lines = [
    '{"input": "Write a poem.", "constraints": [{"kind": "lowercase"}]}',
    '{"input": "Write a haiku.", "constraints": [{"kind": "lowercase"}, {"kind": "word_count", "max": 0}]}',
  ];
  const read = async (content: string) => {
    writeFileSync(path, content);
    const items = [];
    for await (const item of readItems(path, 'jsonl')) items.push(item);
    return items;
  };
  const failure = async (content: string): Promise<string> => {
    try {
      await read(content);
    } catch (error) {
      assert.ok(RicegradeError.isInstance(error), String(error));
      assert.equal(error.code, 'DATASET_PARSE');
      return error.message;
    }
    assert.fail('expected DATASET_PARSE');
  };
  assert.equal(await failure(lines.join('\n')), 'if.jsonl:2: constraints[1].max: expected a positive integer');
  assert.equal(
    await failure('{"input": "x", "constraints": [{"kind": "lowercas"}]}'),
    'if.jsonl:1: constraints[0].kind: unknown kind "lowercas" (did you mean "lowercase"?)',
  );
  assert.equal(await failure('{"input": "x", "constraints": {"kind": "lowercase"}}'), 'if.jsonl:1: constraints: expected a non-empty list of { kind, … }');
  const [item] = await read(`${lines[0]!}\n`);
  assert.deepEqual(item!.constraints, [{ kind: 'lowercase' }]);
});
