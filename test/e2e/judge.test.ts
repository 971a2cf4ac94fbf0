import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { arithJsonl, runCli, workspace } from '../helpers/cli.js';
import { startFakeServer, type FakeRequest, type FakeServer } from '../helpers/fake-llm-server.js';

/** The text between `[Title]` and `[End of title]` in a judge prompt. */
function section(prompt: string, title: string): string | undefined {
  const start = prompt.indexOf(`[${title}]\n`);
  if (start < 0) return undefined;
  const from = start + title.length + 3;
  return prompt.slice(from, prompt.indexOf(`\n[End of ${title.toLowerCase()}]`, from));
}

/** An answer is right when it contains the reference answer, or the sum the question asks for. */
function isRight(prompt: string, answer: string): boolean {
  const reference = section(prompt, 'Reference answer');
  if (reference !== undefined) return answer.trim() === reference.trim();
  const m = /What is (-?\d+) \+ (-?\d+)\?/.exec(section(prompt, 'Question') ?? '');
  return m !== null && answer.trim() === String(Number(m[1]) + Number(m[2]));
}

let failJudge = 0;
/** A program standing in for judge models: `fair-judge` judges by correctness, `first-judge` always prefers answer A. */
function judgeReply(req: FakeRequest): { text: string; status?: number } | undefined {
  if (!req.model.endsWith('-judge')) return undefined;
  if (failJudge > 0) {
    failJudge--;
    return { status: 500, text: 'judge overloaded' };
  }
  const prompt = req.prompt;
  const question = section(prompt, 'Question') ?? '';
  if (question.includes('What is 18 + ')) return { text: 'This answer is fine, I suppose.' }; // no verdict: a judge error
  if (prompt.includes('[Answer A]')) {
    if (req.model === 'first-judge') return { text: 'A is shown first, so A.\nVerdict: [[A]]' };
    const a = isRight(prompt, section(prompt, 'Answer A')!);
    const b = isRight(prompt, section(prompt, 'Answer B')!);
    return { text: `Comparing both.\nVerdict: [[${a === b ? 'C' : a ? 'A' : 'B'}]]` };
  }
  const right = isRight(prompt, section(prompt, 'Answer')!);
  if (prompt.includes('[[PASS]]')) return { text: `Checked.\nVerdict: [[${right ? 'PASS' : 'FAIL'}]]` };
  return { text: `The answer is ${right ? 'correct' : 'wrong'}.\nRating: [[${right ? 9 : 2}]]` };
}

let server: FakeServer;
before(async () => {
  server = await startFakeServer({ answer: judgeReply });
});
after(() => server.close());

const model = (name: string, extra = '') => `  - { name: ${name}, provider: openai, model: ${name}, base_url: "${server.url}", price: { input: 1, output: 2 }${extra} }`;

type Row = { model: string; suite: string; n: number; score: number | null; errors: number; judge_errors: number };
async function results(dir: string): Promise<Row[]> {
  const r = await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Row[];
}

// arithJsonl(10): items "What is A + B?"; item q1 ("What is 18 + 4?") gets no readable verdict from the judge.
test('pointwise judge: ratings become scores, an unreadable verdict is a counted judge error, judge calls are cached and costed', async () => {
  const dir = workspace({
    'arith.jsonl': arithJsonl(10),
    'ricegrade.yaml': `models:
${model('perfect-model')}
${model('wrong-model')}
${model('fair-judge', ', role: judge')}
suites:
  - name: graded
    path: arith.jsonl
    scorer: { name: judge, judge_model: fair-judge, rubric: "The answer must be the exact number." }
`,
  });
  const first = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /judged graded with fair-judge: 20 calls \(20 sent, 0 from the cache\), \$[\d.]+, 2 judge errors/);
  const rows = await results(dir);
  assert.deepEqual(rows.map((r) => r.model).sort(), ['perfect-model', 'wrong-model'], 'the judge is not evaluated');
  const perfect = rows.find((r) => r.model === 'perfect-model')!;
  const wrong = rows.find((r) => r.model === 'wrong-model')!;
  assert.deepEqual([perfect.n, perfect.judge_errors, perfect.errors], [9, 1, 0]);
  assert.equal(perfect.score, Number(((9 - 1) / 9).toFixed(6)));
  assert.equal(wrong.score, Number(((2 - 1) / 9).toFixed(6)));
  // The judge saw the rubric and the reference answer; it was asked at temperature 0 like any model.
  const judged = server.requests.filter((r) => r.model === 'fair-judge');
  assert.equal(judged.length, 20);
  assert.ok(judged.every((r) => r.prompt.includes('The answer must be the exact number.') && r.prompt.includes('[Reference answer]')));

  // A second run of the same config: answers and verdicts come from the cache, nothing is sent.
  const before = server.requests.length;
  const second = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(second.code, 0, second.stderr);
  assert.equal(server.requests.length, before, 'nothing sent again');
  assert.match(second.stdout, /20 calls \(0 sent, 20 from the cache\), \$0,/);
});

test('pairwise judge: a win needs both orders; a position-biased judge gives only ties; the baseline scores 0.5', async () => {
  const dir = workspace({
    'arith.jsonl': arithJsonl(6, 100),
    'ricegrade.yaml': `models:
${model('perfect-model')}
${model('wrong-model')}
${model('fair-judge', ', role: judge')}
${model('first-judge', ', role: judge')}
suites:
  - { name: vs-wrong, path: arith.jsonl, scorer: { name: judge, judge_model: fair-judge, mode: pairwise, baseline: wrong-model } }
  - { name: vs-reference, path: arith.jsonl, scorer: { name: judge, judge_model: fair-judge, mode: pairwise, baseline: expected } }
  - { name: biased, path: arith.jsonl, scorer: { name: judge, judge_model: first-judge, mode: pairwise, baseline: wrong-model } }
`,
  });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const rows = await results(dir);
  const at = (m: string, s: string) => rows.find((x) => x.model === m && x.suite === s)!;
  assert.equal(at('perfect-model', 'vs-wrong').score, 1, 'preferred in both orders');
  assert.equal(at('wrong-model', 'vs-wrong').score, 0.5, 'the baseline itself');
  assert.equal(at('perfect-model', 'vs-reference').score, 0.5, 'as good as the reference: a tie');
  assert.equal(at('wrong-model', 'vs-reference').score, 0, 'worse than the reference in both orders');
  assert.equal(at('perfect-model', 'biased').score, 0.5, 'always-A judge: the orders disagree, so ties');
  // Both orders were asked: the candidate shown first, then the baseline shown first.
  const pairs = server.requests.filter((q) => q.model === 'first-judge');
  assert.equal(pairs.length, 12, '6 items × 2 orders for the one judged model');
});

test('a judge that keeps failing is stopped; the answers are judged on the next run without asking the models again', async () => {
  const dir = workspace({
    'arith.jsonl': arithJsonl(6, 200),
    'ricegrade.yaml': `models:
${model('perfect-model')}
${model('fair-judge', ', role: judge, stop_after_errors: 2, retries: 0, concurrency: 1')}
suites:
  - { name: graded, path: arith.jsonl, scorer: { name: judge, judge_model: fair-judge, scale: pass-fail } }
`,
  });
  failJudge = 2;
  const first = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(first.code, 1, first.stdout + first.stderr);
  assert.match(first.stderr, /model "fair-judge" was stopped after 2 consecutive failures/);
  assert.match(first.stderr, /answers are not judged yet/);
  const asked = server.countFor('perfect-model');
  const second = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(second.code, 0, second.stderr);
  assert.equal(server.countFor('perfect-model'), asked, 'the answers were stored, not asked again');
  const [row] = await results(dir);
  assert.deepEqual([row!.n, row!.score, row!.judge_errors], [6, 1, 0], 'pass/fail: every right answer passes');
});

test('judge wiring errors name the file, line and field', async () => {
  const sent = server.requests.length;
  const dir = workspace({
    'arith.jsonl': arithJsonl(2),
    'ricegrade.yaml': `models:
${model('perfect-model')}
${model('fair-judge', ', role: judge')}
suites:
  - name: graded
    path: arith.jsonl
    scorer: { name: judge, judge_model: fair-judg }
`,
  });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /ricegrade\.yaml:7: suites\[0\]\.scorer\.judge_model: no model named "fair-judg" in models: \(did you mean "fair-judge"\?\)/);
  assert.equal(r.stderr.trim().split('\n').length, 1);

  const pairwise = workspace({
    'arith.jsonl': arithJsonl(2),
    'ricegrade.yaml': `models:\n${model('perfect-model')}\n${model('fair-judge', ', role: judge')}\nsuites:\n  - { name: g, path: arith.jsonl, scorer: { name: judge, judge_model: fair-judge, mode: pairwise } }\n`,
  });
  const p = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: pairwise });
  assert.equal(p.code, 2);
  assert.match(p.stderr, /baseline: pairwise needs baseline: a model name or "expected"/);
  assert.equal(server.requests.length, sent, 'nothing was sent');
});

test('judge–human agreement: items with human labels report how often the judge agreed, per model', async () => {
  const lines = arithJsonl(5, 300)
    .trim()
    .split('\n')
    .map((line, i) => JSON.stringify({ ...JSON.parse(line), human: { 'perfect-model': i === 0 ? 'fail' : 'pass', 'wrong-model': i < 2 ? 'pass' : 'fail' } }));
  const dir = workspace({
    'arith.jsonl': `${lines.join('\n')}\n`,
    'ricegrade.yaml': `models:
${model('perfect-model')}
${model('wrong-model')}
${model('fair-judge', ', role: judge')}
suites:
  - { name: graded, path: arith.jsonl, scorer: { name: judge, judge_model: fair-judge, scale: pass-fail } }
`,
  });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const rows = (await results(dir)) as Array<Row & Record<string, number | null>>;
  const perfect = rows.find((x) => x.model === 'perfect-model')!;
  const wrong = rows.find((x) => x.model === 'wrong-model')!;
  // The judge passes every right answer and fails every wrong one; humans failed one right answer and passed two wrong ones.
  assert.deepEqual([perfect.judge_human_n, perfect.judge_human_agreement, perfect.judge_human_kappa], [5, 0.8, 0], 'judge says pass to all: po = pe = 0.8, κ = 0');
  assert.equal(wrong.judge_human_agreement, 0.6);
  assert.equal(wrong.judge_human_kappa, 0, 'judge all fail, humans 2 of 5 pass: po = pe = 0.6');
  const table = await runCli(['results', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.match(table.stdout, /judge–human agreement on graded for perfect-model \(5 labelled answers\): agreement 80\.0%, Cohen's κ 0\.00/);
  const csv = await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'csv'], { cwd: dir });
  assert.match(csv.stdout.split('\n')[0]!, /,judge_human_n,judge_human_agreement,judge_human_within_one,judge_human_kappa,judge_human_spearman$/);
});
