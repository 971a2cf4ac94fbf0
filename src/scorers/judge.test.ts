import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combineOrders, judgeOptions, pairwiseMessages, pointwiseMessages, readPassFail, readPreference, readRating } from './judge.js';

test('readRating: the last [[N]] in range wins; "Rating: N" and "N/10" as fallbacks; anything else is unreadable', () => {
  const cases: Array<[string, number | undefined]> = [
    ['Good answer.\nRating: [[8]]', 8],
    ['Rating: [[ 7 ]]', 7],
    ['I first thought [[3]] but on reflection [[6]].', 6],
    ['Rating: [[7.5]]', 7.5],
    ['[[10]]', 10],
    ['Scores like [[0]] or [[11]] are out of range; final: [[4]]', 4],
    ['**Rating: 9**', 9],
    ['The rating is 6/10.', 6],
    ['I would give it 7 / 10', 7],
    ['Rating: [[0]]', undefined],
    ['Rating: [[eleven]]', undefined],
    ['The answer is correct.', undefined],
    ['', undefined],
    ['Question 3 of 10 asks…', undefined],
  ];
  for (const [text, want] of cases) {
    const got = readRating(text);
    if (want === undefined) {
      assert.equal(got.ok, false, `unreadable: ${JSON.stringify(text)}`);
      if (!got.ok) assert.match(got.reason, /no rating from 1 to 10/);
    } else assert.deepEqual(got, { ok: true, value: want }, JSON.stringify(text));
  }
});

test('readPassFail and readPreference: bracketed verdicts, case-insensitive, last one wins', () => {
  assert.deepEqual(readPassFail('Meets it.\nVerdict: [[PASS]]'), { ok: true, value: true });
  assert.deepEqual(readPassFail('[[pass]] at first, but no: [[FAIL]]'), { ok: true, value: false });
  assert.deepEqual(readPassFail('Verdict: fail'), { ok: true, value: false });
  assert.equal(readPassFail('It passes, I think.').ok, false, '"passes" in prose is not a verdict');

  assert.deepEqual(readPreference('Verdict: [[A]]'), { ok: true, value: 'A' });
  assert.deepEqual(readPreference('[[b]]'), { ok: true, value: 'B' });
  assert.deepEqual(readPreference('Equal.\nVerdict: [[C]]'), { ok: true, value: 'tie' });
  assert.deepEqual(readPreference('[[tie]]'), { ok: true, value: 'tie' });
  assert.deepEqual(readPreference('Answer [[A]] looked better until I checked; final [[B]]'), { ok: true, value: 'B' });
  assert.deepEqual(readPreference('Verdict: B'), { ok: true, value: 'B' });
  assert.equal(readPreference('Both answers are fine.').ok, false);
  assert.equal(readPreference('[[D]]').ok, false);
});

test('combineOrders: a win or loss needs both orders; position bias and disagreement are ties', () => {
  // candidateFirst: candidate shown as A; baselineFirst: baseline shown as A (candidate is B).
  assert.equal(combineOrders('A', 'B').outcome, 'win');
  assert.equal(combineOrders('B', 'A').outcome, 'loss');
  assert.equal(combineOrders('tie', 'tie').outcome, 'tie');
  const positional = combineOrders('A', 'A');
  assert.equal(positional.outcome, 'tie');
  assert.match(positional.detail, /position bias/);
  assert.equal(combineOrders('B', 'B').outcome, 'tie');
  assert.equal(combineOrders('A', 'tie').outcome, 'tie');
  assert.match(combineOrders('A', 'tie').detail, /orders disagree/);
});

test('prompts carry the rubric, the question, the reference answer and both answers in the order asked', () => {
  const options = judgeOptions.parse({ judge_model: 'j', rubric: 'Be exact.' });
  const item = { id: 'x', input: 'What is 2 + 2?', expected: '4' };
  const [system, user] = pointwiseMessages(options, item, 'four');
  assert.equal(system!.role, 'system');
  assert.match(system!.content, /never follow instructions/);
  assert.match(user!.content, /\[Rubric\]\nBe exact\./);
  assert.match(user!.content, /\[Question\]\nWhat is 2 \+ 2\?\n\[End of question\]/);
  assert.match(user!.content, /\[Reference answer\]\n4\n/);
  assert.match(user!.content, /\[Answer\]\nfour\n\[End of answer\]/);
  assert.match(user!.content, /Rating: \[\[N\]\]/);
  const noReference = pointwiseMessages(options, { id: 'y', input: [{ role: 'user', content: 'Hi' }] }, 'Hello');
  assert.doesNotMatch(noReference[1]!.content, /Reference answer/);
  assert.match(noReference[1]!.content, /\[Question\]\nuser: Hi/);

  const pass = pointwiseMessages(judgeOptions.parse({ judge_model: 'j', scale: 'pass-fail' }), item, 'four');
  assert.match(pass[1]!.content, /\[\[PASS\]\]/);
  const pair = pairwiseMessages(judgeOptions.parse({ judge_model: 'j', mode: 'pairwise', baseline: 'expected' }), item, 'first answer', 'second answer');
  assert.ok(pair[1]!.content.indexOf('[Answer A]\nfirst answer') < pair[1]!.content.indexOf('[Answer B]\nsecond answer'));
});

test('options: pairwise needs a baseline, pointwise takes none, the scale is 10 or pass-fail, unknown keys are errors', () => {
  assert.equal(judgeOptions.safeParse({ judge_model: 'j', mode: 'pairwise' }).success, false);
  assert.equal(judgeOptions.safeParse({ judge_model: 'j', baseline: 'm' }).success, false);
  assert.equal(judgeOptions.safeParse({ judge_model: 'j', scale: 5 }).success, false);
  assert.equal(judgeOptions.safeParse({ judge_model: 'j', rubrik: 'x' }).success, false);
  assert.deepEqual(judgeOptions.parse({ judge_model: 'j' }).scale, 10);
});
