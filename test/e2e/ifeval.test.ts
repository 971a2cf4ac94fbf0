import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli, workspace } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-llm-server.js';

let server: FakeServer;
before(async () => {
  // A chatty model: a preamble line, then an all-lowercase answer. Strict lowercase fails on "Sure", loose forgives the first line.
  server = await startFakeServer({ answer: () => ({ text: 'Sure! Here it is:\nthe quick brown fox jumps over the lazy dog.' }) });
});
after(() => server.close());

test('ifeval strict and loose on the same generated items: each prompt is sent once, loose forgives a preamble line', async () => {
  const dir = workspace({
    'ricegrade.yaml': `models:
  - { name: chatty, provider: openai, model: chatty, base_url: "${server.url}" }
suites:
  - { name: if-strict, generator: ifeval, seed: 3, n: 40, difficulty: 1 }
  - { name: if-loose, generator: ifeval, seed: 3, n: 40, difficulty: 1, scorer: { name: ifeval, mode: loose } }
`,
  });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(server.requests.length, 40, 'identical requests of the two suites are sent once, even within the first run');
  const by = await runCli(['results', '-c', 'ricegrade.yaml', '--by', 'category', '--format', 'json'], { cwd: dir });
  const rows = JSON.parse(by.stdout) as Array<{ suite: string; category: string; score: number; n: number }>;
  const at = (suite: string, category: string) => rows.find((x) => x.suite === suite && x.category === category)!;
  assert.equal(at('if-strict', 'lowercase').score, 0, '"Sure! Here it is:" is not lowercase');
  assert.equal(at('if-loose', 'lowercase').score, 1, 'without its first line the answer is lowercase');
  assert.equal(at('if-strict', 'uppercase').score, 0);
  assert.equal(at('if-loose', 'uppercase').score, 0, 'no variant is uppercase');
  const overall = JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout) as Array<{ suite: string; score: number; n: number }>;
  const strict = overall.find((x) => x.suite === 'if-strict')!;
  const loose = overall.find((x) => x.suite === 'if-loose')!;
  assert.equal(strict.n, 40);
  assert.ok(loose.score >= strict.score, 'loose never scores below strict');
});
