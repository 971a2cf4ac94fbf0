import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli, workspace } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-llm-server.js';

let server: FakeServer;
before(async () => {
  server = await startFakeServer();
});
after(() => server.close());

/** Where lm_eval --output_path results --log_samples puts a model's samples. */
const FOLDER = 'results/EleutherAI__pythia-160m';
const ARC = `${FOLDER}/samples_arc_easy_2024-05-13T12-34-56.123456.jsonl`;
const GSM = `${FOLDER}/samples_gsm8k_2024-05-13T12-34-56.123456.jsonl`;
/** Docs the recorded harness model got wrong. */
const ARC_MISSED = new Set([3, 7]);

interface ArcDoc {
  context: string;
  continuations: string[];
}
const arcDocs: ArcDoc[] = [];

/** 12 ARC-Easy-shaped samples (recent layout) asking "What is A + B?", the right number at a varying position. */
function arcSamples(): string {
  const lines: string[] = [];
  arcDocs.length = 0;
  for (let i = 0; i < 12; i++) {
    const a = 10 + i;
    const b = 3 + (i % 5);
    const right = a + b;
    const options = [right + 1, right + 2, right + 3].map(String);
    const gold = i % 4;
    options.splice(gold, 0, String(right));
    const context = `Question: What is ${a} + ${b}?\nAnswer:`;
    arcDocs.push({ context, continuations: options.map((o) => ` ${o}`) });
    const picked = ARC_MISSED.has(i) ? (gold + 1) % 4 : gold;
    const lls = options.map((_, k) => (k === picked ? -0.4 : -3.1 - k / 10));
    lines.push(
      JSON.stringify({
        doc_id: i,
        doc: { id: `Synthetic_${i}`, question: `What is ${a} + ${b}?`, choices: { text: options, label: ['A', 'B', 'C', 'D'] }, answerKey: 'ABCD'[gold] },
        target: String(gold),
        arguments: Object.fromEntries(options.map((o, k) => [`gen_args_${k}`, { arg_0: context, arg_1: ` ${o}` }])),
        resps: lls.map((ll, k) => [[String(ll), String(k === picked)]]),
        filtered_resps: lls.map((ll, k) => [String(ll), String(k === picked)]),
        filter: 'none',
        metrics: ['acc', 'acc_norm'],
        doc_hash: `d${i}`,
        prompt_hash: `p${i}`,
        target_hash: `t${i}`,
        acc: ARC_MISSED.has(i) ? 0.0 : 1.0,
        acc_norm: ARC_MISSED.has(i) ? 0.0 : 1.0,
      }),
    );
  }
  return lines.join('\n') + '\n';
}

/** 6 GSM8K-shaped generate_until samples, one-shot, logged under two filters (strict-match first). */
function gsmSamples(): string {
  const shot = 'Question: Tom has 3 apples and buys 4 more. How many apples does he have now?\nAnswer: Tom has 3 + 4 = 7 apples. #### 7\n\n';
  const lines: string[] = [];
  for (const filter of ['strict-match', 'flexible-extract']) {
    for (let i = 0; i < 6; i++) {
      const a = 12 + i * 3;
      const b = 30 - i;
      const answer = `${a} + ${b} = <<${a}+${b}=${a + b}>>${a + b}.\n#### ${a + b}`;
      // The strict regex misses the answer of docs 4 and 5; the flexible one finds every answer.
      const extracted = filter === 'strict-match' && i >= 4 ? '[invalid]' : String(a + b);
      lines.push(
        JSON.stringify({
          doc_id: i,
          doc: { question: `What is ${a} + ${b}?`, answer },
          target: answer,
          arguments: { gen_args_0: { arg_0: `${shot}Question: What is ${a} + ${b}?\nAnswer:`, arg_1: { until: ['Question:', '</s>', '<|im_end|>'], do_sample: false, temperature: 0.0 } } },
          resps: [[`${a} + ${b} is ${a + b}. The answer is ${a + b}.`]],
          filtered_resps: [extracted],
          filter,
          metrics: ['exact_match'],
          doc_hash: `d${i}`,
          prompt_hash: `p${i}`,
          target_hash: `t${i}`,
          exact_match: extracted === '[invalid]' ? 0.0 : 1.0,
        }),
      );
    }
  }
  return lines.join('\n') + '\n';
}

/** A workspace holding the harness output folder and a ricegrade.yaml. */
function harnessWorkspace(config: string): string {
  const dir = workspace({ 'ricegrade.yaml': config });
  mkdirSync(join(dir, FOLDER), { recursive: true });
  writeFileSync(join(dir, ARC), arcSamples());
  writeFileSync(join(dir, GSM), gsmSamples());
  return dir;
}

const live = (names: string[]) => names.map((m) => `  - { name: ${m}, provider: openai, model: ${m}, base_url: "${server.url}", price: { input: 1, output: 1 } }`).join('\n');

interface Row {
  model: string;
  suite: string;
  n: number;
  score: number;
  errors: number;
}

async function results(dir: string, extra: string[] = []): Promise<Row[]> {
  const r = await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json', ...extra], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Row[];
}

test('format: lm-eval-samples + scorer: choice (generate): the harness questions asked again; the recorded harness model replays on the same items', async () => {
  const dir = harnessWorkspace(
    `models:\n${live(['perfect-gen', 'wrong-gen'])}\n  - { name: pythia, provider: replay, path: ${ARC}, format: lm-eval-samples }\n` +
      `suites:\n  - { name: arc, path: ${ARC}, format: lm-eval-samples, scorer: choice }\n`,
  );
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const asked = server.requests.filter((q) => q.model === 'perfect-gen');
  assert.equal(asked.length, 12, 'one request per doc');
  assert.ok(
    asked.some((q) => q.prompt === 'Question: What is 10 + 3?\nAnswer:\n\nA. 13\nB. 14\nC. 15\nD. 16'),
    asked.map((q) => JSON.stringify(q.prompt)).join('\n'),
  );
  const rows = new Map((await results(dir)).map((x) => [x.model, x]));
  assert.deepEqual([rows.get('perfect-gen')!.score, rows.get('perfect-gen')!.n], [1, 12]);
  assert.equal(rows.get('wrong-gen')!.score, 0);
  // The harness model, from the same file: its answers scored by ricegrade give its logged accuracy (10 of 12).
  assert.deepEqual([rows.get('pythia')!.n, rows.get('pythia')!.errors], [12, 0]);
  assert.ok(Math.abs(rows.get('pythia')!.score - 10 / 12) < 1e-6, String(rows.get('pythia')!.score));
  const byCategory = await results(dir, ['--by', 'category']);
  assert.deepEqual([...new Set(byCategory.map((x) => (x as Row & { category: string }).category))], ['arc_easy']);
});

test('format: lm-eval-samples + choice by log-likelihood: ricegrade scores exactly the context + continuation the harness scored', async () => {
  const dir = harnessWorkspace(`models:\n${live(['perfect-ll', 'wrong-ll'])}\nsuites:\n  - { name: arc, path: ${ARC}, format: lm-eval-samples, scorer: { name: choice, method: loglikelihood } }\n`);
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const sent = server.requests.filter((q) => q.model === 'perfect-ll').map((q) => q.body.prompt as string);
  const harness = arcDocs.flatMap((d) => d.continuations.map((c) => d.context + c));
  assert.deepEqual([...sent].sort(), [...harness].sort());
  const rows = new Map((await results(dir)).map((x) => [x.model, x]));
  assert.deepEqual([rows.get('perfect-ll')!.score, rows.get('perfect-ll')!.n], [1, 12]);
  assert.equal(rows.get('wrong-ll')!.score, 0);
});

test('format: lm-eval-samples on a generation task (gsm8k, two filters): each doc once, scored against the final answer', async () => {
  const dir = harnessWorkspace(
    `models:\n${live(['perfect-gen', 'wrong-gen'])}\n  - { name: pythia, provider: replay, path: ${GSM}, format: lm-eval-samples }\n` +
      `suites:\n  - { name: gsm, path: ${GSM}, format: lm-eval-samples, scorer: numeric }\n`,
  );
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const rows = new Map((await results(dir)).map((x) => [x.model, x]));
  assert.deepEqual([rows.get('perfect-gen')!.score, rows.get('perfect-gen')!.n], [1, 6], 'the expected answer is the number after ####');
  assert.equal(rows.get('wrong-gen')!.score, 0);
  // The replayed harness answers are those of the file's first filter (strict-match): 4 of 6.
  assert.ok(Math.abs(rows.get('pythia')!.score - 4 / 6) < 1e-6, String(rows.get('pythia')!.score));
});

test('a GSM8K file given as lm-eval-samples is bad input: one line naming file, line and field; nothing sent', async () => {
  const gsm8k = '{"question": "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?", "answer": "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\\n#### 72"}\n';
  const dir = workspace({ 'test.jsonl': gsm8k, 'ricegrade.yaml': `models:\n${live(['fake-model'])}\nsuites:\n  - { name: s, path: test.jsonl, format: lm-eval-samples, scorer: choice }\n` });
  const before = server.totalRequests;
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^error: test\.jsonl:1: doc_id: expected a number \(the doc_id of an lm-evaluation-harness sample with doc_id, doc, target and arguments\), got nothing \(missing\); the record has question, answer$/m);
  assert.equal(server.totalRequests, before);
});
