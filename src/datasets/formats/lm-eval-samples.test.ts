import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readLmEvalSamples } from '../../importers/lm-eval-samples.js';
import { collectImport } from '../../../test/helpers/shared-data.js';
import { createChoice, scoreByLikelihood } from '../../scorers/choice.js';
import { createNumeric } from '../../scorers/numeric.js';
import { readItems } from '../read-items.js';
import { readBenchmark, SUGGESTED_SCORER } from './index.js';
import { readLmEvalSampleItems } from './lm-eval-samples.js';
import { collect, parseFailure } from './testing.js';

/** A samples file named and placed as the harness writes it (`<output>/<org>__<model>/samples_<task>_<time>.jsonl`). */
function samplesFile(name: string, lines: unknown[]): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'rg-lmeval-items-')), 'EleutherAI__pythia-160m');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

// ARC-Easy, as a recent harness (0.4.3+) writes it: keyed arguments, stringified responses and target.
const ARC = [
  {
    question: 'Which factor will most likely cause a person to develop a fever?',
    choices: ['a leg muscle relaxing after exercise', 'a bacterial population in the bloodstream', 'several viral particles on the skin', 'carbohydrates being digested in the stomach'],
    answerKey: 'B',
  },
  {
    question: 'Lichens are symbiotic organisms made of green algae and fungi. What do the green algae supply to the fungi in this symbiotic relationship?',
    choices: ['carbon dioxide', 'food', 'protection', 'water'],
    answerKey: 'B',
  },
  {
    question: 'When a switch is used in an electrical circuit, the switch can',
    choices: ['cause the charge to build.', 'increase and decrease the voltage.', 'cause the current to change direction.', 'stop and start the flow of current.'],
    answerKey: 'D',
  },
];

function arcSample(docId: number): Record<string, unknown> {
  const d = ARC[docId]!;
  const gold = 'ABCD'.indexOf(d.answerKey);
  const context = `Question: ${d.question}\nAnswer:`;
  const lls = d.choices.map((_, k) => (k === gold ? -2.5 : -6 - k));
  return {
    doc_id: docId,
    doc: { id: `Mercury_${7000 + docId}`, question: d.question, choices: { text: d.choices, label: ['A', 'B', 'C', 'D'] }, answerKey: d.answerKey },
    target: String(gold),
    arguments: Object.fromEntries(d.choices.map((c, k) => [`gen_args_${k}`, { arg_0: context, arg_1: ` ${c}` }])),
    resps: lls.map((ll) => [[String(ll), 'False']]),
    filtered_resps: lls.map((ll) => [String(ll), 'False']),
    filter: 'none',
    metrics: ['acc', 'acc_norm'],
    doc_hash: 'a3f1',
    prompt_hash: '9bc2',
    target_hash: 'd4e5',
    acc: 1.0,
    acc_norm: 1.0,
  };
}

// HellaSwag, as harness 0.4.0–0.4.2 wrote it: argument lists, numeric responses, an integer target.
const HELLASWAG = {
  query: 'Roof shingle removal: A man is sitting on a roof. He',
  endings: ['is using wrap to wrap a pair of skis.', 'is ripping level tiles off.', "is holding a rubik's cube.", 'starts pulling up roofing on a roof.'],
  gold: 3,
};

function hellaswagSample(docId: number, target: unknown = HELLASWAG.gold): Record<string, unknown> {
  const lls = [-40.1, -35.7, -38.2, -31.9];
  return {
    doc_id: docId,
    doc: { ind: 4, activity_label: 'Roof shingle removal', ctx: 'A man is sitting on a roof. he', query: HELLASWAG.query, choices: HELLASWAG.endings, gold: HELLASWAG.gold },
    target,
    arguments: HELLASWAG.endings.map((e) => [HELLASWAG.query, ` ${e}`]),
    resps: lls.map((ll) => [[ll, false]]),
    filtered_resps: lls.map((ll) => [ll, false]),
    acc: 1.0,
    acc_norm: 1.0,
  };
}

// GSM8K (generate_until, 5-shot shortened to one shot here), logged once per filter.
const GSM8K = [
  {
    question:
      "Janet’s ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes muffins for her friends every day with four. She sells the remainder at the farmers' market daily for $2 per fresh duck egg. How much in dollars does she make every day at the farmers' market?",
    answer: 'Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day at the farmer’s market.\n#### 18',
  },
  {
    question: 'A robe takes 2 bolts of blue fiber and half that much white fiber.  How many bolts in total does it take?',
    answer: 'It takes 2/2=<<2/2=1>>1 bolt of white fiber\nSo the total amount of fabric is 2+1=<<2+1=3>>3 bolts of fabric\n#### 3',
  },
];
const SHOT = 'Question: There are 15 trees in the grove. Grove workers will plant trees in the grove today. After they are done, there will be 21 trees. How many trees did the grove workers plant today?\nAnswer: There are 15 trees originally. Then there were 21 trees after some more were planted. So there must have been 21 - 15 = 6. #### 6\n\n';

function gsm8kSample(docId: number, filter: string, extracted: string): Record<string, unknown> {
  const d = GSM8K[docId]!;
  return {
    doc_id: docId,
    doc: d,
    target: d.answer,
    arguments: { gen_args_0: { arg_0: `${SHOT}Question: ${d.question}\nAnswer:`, arg_1: { until: ['Question:', '</s>', '<|im_end|>'], do_sample: false, temperature: 0.0 } } },
    resps: [[`She sells 9 eggs for $2 each. #### ${extracted}`]],
    filtered_resps: [extracted],
    filter,
    metrics: ['exact_match'],
    doc_hash: 'h',
    prompt_hash: 'p',
    target_hash: 't',
    exact_match: extracted === d.answer.split('#### ')[1] ? 1.0 : 0.0,
  };
}

test('arc_easy (recent layout): input = the context, choices = the continuations, expected = the target letter, id = doc_id', async () => {
  const path = samplesFile('samples_arc_easy_2024-05-13T12-34-56.123456.jsonl', [arcSample(0), arcSample(1), arcSample(2)]);
  const items = await collect(readLmEvalSampleItems(path));
  assert.deepEqual(items[0], {
    id: '0',
    category: 'arc_easy',
    input: 'Question: Which factor will most likely cause a person to develop a fever?\nAnswer:',
    choices: ARC[0]!.choices,
    expected: 'B',
  });
  assert.deepEqual(items.map((i) => [i.id, i.expected]), [['0', 'B'], ['1', 'B'], ['2', 'D']]);
  // Through the benchmark registry and readItems, the same items.
  assert.deepEqual(await collect(readBenchmark('lm-eval-samples', path)), items);
  assert.deepEqual(await collect(readItems(path, 'lm-eval-samples')), items);
  assert.equal(SUGGESTED_SCORER['lm-eval-samples'], 'choice');
  // scorer: choice, both methods: generate reads the letter or the choice text; loglikelihood picks the gold option.
  const choice = createChoice();
  assert.equal(choice(items[2]!, 'The answer is (D)').value, 1);
  assert.equal(choice(items[1]!, 'food').value, 1);
  assert.equal(choice(items[2]!, 'C').value, 0);
  assert.equal(scoreByLikelihood(items[1]!, [-5, -1, -3, -4]).value, 1);
  assert.equal(scoreByLikelihood(items[1]!, [-1, -5, -3, -4]).value, 0);
});

test('hellaswag (older layout): argument lists, integer target; " " + choice is exactly the continuation the harness scored', async () => {
  const path = samplesFile('samples_hellaswag.jsonl', [hellaswagSample(0), hellaswagSample(1, '0'), hellaswagSample(2, 'is ripping level tiles off.')]);
  const items = await collect(readLmEvalSampleItems(path));
  assert.deepEqual(items[0], { id: '0', category: 'hellaswag', input: HELLASWAG.query, choices: HELLASWAG.endings, expected: 'D' });
  assert.equal(items[1]!.expected, 'A', 'a stringified index');
  assert.equal(items[2]!.expected, 'B', 'the text of a choice');
  // The engine's log-likelihood request is input + " " + choice: the harness's context + continuation.
  const harness = (hellaswagSample(0).arguments as string[][]).map(([ctx, cont]) => ctx! + cont!);
  assert.deepEqual(items[0]!.choices!.map((c) => `${items[0]!.input as string} ${c}`), harness);
});

test('a digit target is an index even when the choices are numbers (the harness stringifies integer targets)', async () => {
  const context = 'Question: How many legs does a spider have?\nAnswer:';
  const path = samplesFile('samples_legs.jsonl', [
    { doc_id: 0, doc: {}, target: '1', arguments: { gen_args_0: { arg_0: context, arg_1: ' 1' }, gen_args_1: { arg_0: context, arg_1: ' 8' }, gen_args_2: { arg_0: context, arg_1: ' 6' } } },
    { doc_id: 1, doc: {}, target: '8', arguments: { gen_args_0: { arg_0: context, arg_1: ' 1' }, gen_args_1: { arg_0: context, arg_1: ' 8' }, gen_args_2: { arg_0: context, arg_1: ' 6' } } },
  ]);
  const items = await collect(readLmEvalSampleItems(path));
  assert.equal(items[0]!.expected, 'B', '"1" is index 1, not the choice "1"');
  assert.equal(items[1]!.expected, 'B', '"8" is out of range as an index: the choice "8"');
});

test('gsm8k (generate_until, two filters): each doc_id once, input = the few-shot context, expected = the final answer', async () => {
  const path = samplesFile('samples_gsm8k_2025-01-02T03-04-05.678901.jsonl', [
    gsm8kSample(0, 'strict-match', '18'),
    gsm8kSample(1, 'strict-match', '[invalid]'),
    gsm8kSample(0, 'flexible-extract', '18'),
    gsm8kSample(1, 'flexible-extract', '4'),
  ]);
  const items = await collect(readLmEvalSampleItems(path));
  assert.equal(items.length, 2);
  assert.deepEqual(items[0], { id: '0', category: 'gsm8k', input: `${SHOT}Question: ${GSM8K[0]!.question}\nAnswer:`, expected: '18' });
  assert.equal(items[1]!.expected, '3');
  assert.equal(items[1]!.choices, undefined);
  const numeric = createNumeric();
  assert.equal(numeric(items[0]!, 'She makes 9 * 2 = $18 a day. #### 18').value, 1, 'the first number of the solution (16) is not the answer');
  assert.equal(numeric(items[0]!, '#### 16').value, 0);
  // The importer reads the same ids from the same file, so `provider: replay` answers these items.
  const imported = await collectImport(readLmEvalSamples(path));
  assert.deepEqual(imported.records.map((r) => r.itemId), items.map((i) => i.id));
});

test('generation variants: list targets, lambada-like single loglikelihood, chat-API contexts, no arguments', async () => {
  const until = { until: ['\n', '.', ','], do_sample: false };
  const chat = JSON.stringify([
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: 'Question: What is the capital of France?\nAnswer:' },
  ]);
  const path = samplesFile('samples_mixed.jsonl', [
    // triviaqa: a list of aliases, written by str() as a Python list literal
    { doc_id: 0, doc: {}, target: "['Paris', \"paris, france\", 'the city\\'s name']", arguments: { gen_args_0: { arg_0: 'Q: Capital of France?\nA:', arg_1: until } } },
    // lambada: one loglikelihood request; the target is the last word with its leading space
    { doc_id: 1, doc: {}, target: ' dog', arguments: { gen_args_0: { arg_0: 'He walked his', arg_1: ' dog' } } },
    // an API chat model with --apply_chat_template: the context is JsonChatStr, a one-element tuple
    { doc_id: 2, doc: {}, target: 'Paris', arguments: { gen_args_0: { arg_0: [chat], arg_1: until } } },
    // older files without arguments: the question from the doc
    { doc_id: 3, doc: { question: 'Who wrote Hamlet?' }, target: ['Shakespeare', 'William Shakespeare'], filtered_resps: ['Shakespeare'] },
    // numeric target, older layout
    { doc_id: 4, doc: {}, target: 12, arguments: [['What is 5 + 7?', until]] },
    // no target at all: an item without an expected answer
    { doc_id: 5, doc: {}, target: '', arguments: [['Write a haiku about rice.', until]] },
  ]);
  const items = await collect(readLmEvalSampleItems(path));
  assert.deepEqual(items[0]!.expected, ['Paris', 'paris, france', "the city's name"]);
  assert.deepEqual([items[1]!.input, items[1]!.expected], ['He walked his', 'dog']);
  assert.deepEqual(items[2]!.input, [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: 'Question: What is the capital of France?\nAnswer:' },
  ]);
  assert.deepEqual([items[3]!.input, items[3]!.expected], ['Who wrote Hamlet?', ['Shakespeare', 'William Shakespeare']]);
  assert.equal(items[4]!.expected, 12);
  assert.equal('expected' in items[5]!, false);
  assert.equal(items[0]!.category, 'mixed');
});

test('a file not named samples_<task>…: items without a category', async () => {
  const path = samplesFile('arc.jsonl', [arcSample(0)]);
  const [item] = await collect(readLmEvalSampleItems(path));
  assert.equal(item!.category, undefined);
  assert.equal(item!.id, '0');
});

test('wrong-format files: one line naming file, line and the field expected', async () => {
  // A GSM8K file given as lm-eval-samples.
  const gsm = samplesFile('test.jsonl', GSM8K.map((d) => ({ question: d.question, answer: d.answer })));
  assert.equal(
    await parseFailure(readLmEvalSampleItems(gsm)),
    'test.jsonl:1: doc_id: expected a number (the doc_id of an lm-evaluation-harness sample with doc_id, doc, target and arguments), got nothing (missing); the record has question, answer',
  );
  // ricegrade's own items.
  const own = samplesFile('items.jsonl', [{ id: 'q1', input: 'What is 2 + 2?', expected: '4' }]);
  assert.match(await parseFailure(readLmEvalSampleItems(own)), /^items\.jsonl:1: doc_id: expected a number .*; the record has id, input, expected$/);
  // A harness results_*.json (pretty-printed JSON, not JSONL).
  const results = samplesFile('results_2024-05-13T12-34-56.json', ['{', '  "results": {}', '}']);
  assert.match(await parseFailure(readLmEvalSampleItems(results)), /^results_2024-05-13T12-34-56\.json:1: invalid JSON/);
  const notObject = samplesFile('samples_x.jsonl', ['[0, 1]']);
  assert.equal(await parseFailure(readLmEvalSampleItems(notObject)), 'samples_x.jsonl:1: record: expected a JSON object, got an array');
  assert.equal(await parseFailure(readLmEvalSampleItems(samplesFile('samples_y.jsonl', ['']))), 'samples_y.jsonl: holds no items');
  await assert.rejects(collect(readLmEvalSampleItems('/nonexistent/samples_z.jsonl')), { code: 'DATASET_NOT_FOUND' });
});

test('samples that ask nothing answerable are refused with the line and field', async () => {
  const bad = async (record: Record<string, unknown>) => parseFailure(readLmEvalSampleItems(samplesFile('samples_t.jsonl', [arcSample(0), record])));
  assert.equal(
    await bad({ ...arcSample(1), target: '7' }),
    'samples_t.jsonl:2: target: expected the index or text of one of the 4 choices, got "7"',
  );
  assert.match(
    await bad({
      doc_id: 1,
      doc: { sentence: 'Sarah was a better surgeon than Maria so _ got the hard cases.', option1: 'Sarah', option2: 'Maria', answer: '2' },
      target: 'got the hard cases.',
      arguments: { gen_args_0: { arg_0: 'Sarah was a better surgeon than Maria so Sarah', arg_1: ' got the hard cases.' }, gen_args_1: { arg_0: 'Sarah was a better surgeon than Maria so Maria', arg_1: ' got the hard cases.' } },
    }),
    /^samples_t\.jsonl:2: target: expected the index or text of one of the 2 choices, got "got the hard cases\." \(the options are in the contexts, as in winogrande/,
  );
  assert.equal(
    await bad({ doc_id: 1, doc: { page: 'x' }, target: '', arguments: { gen_args_0: { arg_0: 'A long wiki page.' } } }),
    'samples_t.jsonl:2: arguments: expected a generation or multiple-choice request, got a rolling log-likelihood (perplexity) request, which asks no question',
  );
  assert.equal(
    await bad({ doc_id: 1, doc: { goal: 'Open a jar' }, target: 0, filtered_resps: [[-1, false], [-2, false]] }),
    'samples_t.jsonl:2: arguments: expected the requests of this multiple-choice sample (their continuations are the choices), got nothing (missing)',
  );
  assert.equal(
    await bad({ doc_id: 1, doc: {}, target: '0', arguments: { gen_args_0: { arg_0: 'Q', arg_1: ' a' }, gen_args_1: { arg_0: 'Q', arg_1: 5 } } }),
    'samples_t.jsonl:2: arguments: expected [context, continuation] strings in each of the 2 loglikelihood requests of a multiple-choice sample, got a continuation 5',
  );
  assert.equal(
    await bad({ doc_id: 1, doc: {}, target: 'x', arguments: { gen_args_0: { arg_0: '  ', arg_1: { until: ['\n'] } } } }),
    'samples_t.jsonl:2: arguments: expected the context the harness sent (a non-empty string), got "  "',
  );
  assert.equal(
    await bad({ doc_id: 1, doc: {}, target: 'x', arguments: 'Q' }),
    'samples_t.jsonl:2: arguments: expected the requests the harness sent (gen_args_0, … or a list), got "Q"',
  );
  assert.equal(await bad({ ...arcSample(1), doc_id: -1 }), 'samples_t.jsonl:2: doc_id: expected a number (the doc_id of an lm-evaluation-harness sample with doc_id, doc, target and arguments), got -1');
  // A repeated doc_id is another filter's copy; asking something else under it is an error.
  assert.equal(
    await bad({ ...arcSample(1), doc_id: 0 }),
    'samples_t.jsonl:2: doc_id: expected a repeated doc_id (0, first at line 1) to ask the same question, got a different one',
  );
  assert.equal((await collect(readLmEvalSampleItems(samplesFile('samples_t.jsonl', [arcSample(0), { ...arcSample(0), filter: 'other' }])))).length, 1);
});
