import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { runCli, workspace } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-llm-server.js';

let server: FakeServer;
before(async () => {
  server = await startFakeServer();
});
after(() => server.close());

/** 40 items "What is A + B?" with four numeric choices; the right one at a varying position. */
function mcJsonl(): string {
  const lines: string[] = [];
  for (let i = 0; i < 40; i++) {
    const a = 10 + i;
    const b = 3 + (i % 5);
    const right = a + b;
    const choices = [right + 1, right + 2, right + 3];
    choices.splice(i % 4, 0, right);
    lines.push(JSON.stringify({ id: `m${i}`, input: `What is ${a} + ${b}?`, choices: choices.map(String), expected: 'ABCD'[i % 4] }));
  }
  return lines.join('\n') + '\n';
}

const config = (url: string, scorer: string, models: string[]) =>
  `models:\n${models.map((m) => `  - { name: ${m}, provider: openai, model: ${m}, base_url: "${url}", price: { input: 1, output: 1 } }`).join('\n')}\nsuites:\n  - { name: mc, path: mc.jsonl, scorer: ${scorer} }\n`;

test('choice by log-likelihood over /v1/completions logprobs: acc, acc_norm, stored log-likelihoods and choice probabilities', async () => {
  const dir = workspace({ 'mc.jsonl': mcJsonl(), 'ricegrade.yaml': config(server.url, '{ name: choice, method: loglikelihood }', ['perfect-ll', 'wrong-ll']) });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const sent = server.requests.filter((q) => q.model === 'perfect-ll');
  assert.equal(sent.length, 160, 'one scoring request per choice');
  assert.equal(sent[0]!.body.echo, true);
  assert.equal(sent[0]!.body.max_tokens, 0);
  assert.match(sent[0]!.body.prompt, /^What is 10 \+ 3\? \d+$/, 'context, then " " + the choice; the choices are not listed in the context');
  const rows = new Map((JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout) as Array<{ model: string; score: number; acc_norm: number; n: number }>).map((x) => [x.model, x]));
  assert.deepEqual([rows.get('perfect-ll')!.score, rows.get('perfect-ll')!.acc_norm, rows.get('perfect-ll')!.n], [1, 1, 40]);
  assert.deepEqual([rows.get('wrong-ll')!.score, rows.get('wrong-ll')!.acc_norm], [0, 0]);
  const db = new Database(join(dir, '.ricegrade', 'ricegrade.db'), { readonly: true });
  const stored = db.prepare("SELECT text, probs FROM responses WHERE model = 'perfect-ll' LIMIT 1").get() as { text: string; probs: string };
  db.close();
  const lls = (JSON.parse(stored.text) as { loglikelihoods: number[] }).loglikelihoods;
  assert.equal(lls.length, 4);
  assert.equal(Math.max(...lls), -0.1, 'the right number has log-probability −0.1 in the test server');
  const probs = JSON.parse(stored.probs) as number[];
  assert.ok(Math.abs(probs.reduce((s, p) => s + p, 0) - 1) < 1e-9);
  // With choice probabilities stored, the market reports the probabilistic CAPA too.
  const market = JSON.parse((await runCli(['market', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout);
  assert.ok(market.similarity.capa_probabilistic, Object.keys(market.similarity).join(', '));
  // Re-running sends nothing: the log-likelihoods are stored.
  const before = server.totalRequests;
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  assert.equal(server.totalRequests, before);
});

test('choice by generation reads the answer from text; log-likelihood on a provider without log-probabilities is bad input', async () => {
  const dir = workspace({ 'mc.jsonl': mcJsonl(), 'ricegrade.yaml': config(server.url, 'choice', ['perfect-gen']) });
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  const asked = server.requests.find((q) => q.model === 'perfect-gen')!;
  assert.match(asked.prompt, /What is 10 \+ 3\?\n\nA\. 13\nB\. 14\nC\. 15\nD\. 16/, 'the choices are listed, lettered');
  const [row] = JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout);
  assert.equal(row.score, 1, 'the answer "13" is the text of choice A');

  const anth = workspace({
    'mc.jsonl': mcJsonl(),
    'ricegrade.yaml': `models:\n  - { name: c, provider: anthropic, model: x, base_url: "http://127.0.0.1:1", api_key_env: HOME }\nsuites:\n  - { name: mc, path: mc.jsonl, scorer: { name: choice, method: loglikelihood } }\n`,
  });
  const bad = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: anth });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /suites\[0\]\.scorer: method loglikelihood needs token log-probabilities, which model "c" \(provider anthropic\) does not give/);
  const noChoices = workspace({ 'mc.jsonl': '{"input": "x", "expected": "A"}\n', 'ricegrade.yaml': config(server.url, 'choice', ['m']) });
  const missing = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: noChoices });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /choice needs choices on every item/);
});
