import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli, workspace } from '../helpers/cli.js';

const MODEL = fileURLToPath(new URL('../../../shared/models/stories260K.gguf', import.meta.url));
const skip = existsSync(MODEL) ? false : 'needs ../shared/models (absent in a fresh clone)';

test('provider llamacpp: multiple choice by log-likelihood and generation in-process; a broken GGUF stops only its model', { skip }, async () => {
  const dir = workspace({
    'story.jsonl': [
      { id: 's1', input: 'Once upon a time, there was a little', choices: ['girl', 'dog', 'car', 'computer', 'banana'], expected: 'A' },
      { id: 's2', input: 'Once upon a time, there was a little girl named', choices: ['Lily', 'Table', 'Seven', 'Quickly'], expected: 'Lily' },
    ]
      .map((x) => JSON.stringify(x))
      .join('\n'),
    'gen.jsonl': JSON.stringify({ id: 'g1', input: 'Once upon a time', expected: 'the' }) + '\n',
    'broken.gguf': 'hello',
    'ricegrade.yaml': `models:
  - { name: stories, provider: llamacpp, path: "${MODEL}", price: { per_hour: 0.10 }, max_tokens: 24 }
  - { name: broken, provider: llamacpp, path: broken.gguf }
suites:
  - { name: story, path: story.jsonl, scorer: { name: choice, method: loglikelihood } }
  - { name: gen, path: gen.jsonl, scorer: includes }
`,
  });
  writeFileSync(join(dir, 'unused.txt'), '');
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 1, 'the run is incomplete: one model could not start');
  assert.match(r.stderr, /error: model "broken": .*broken\.gguf: not a GGUF file; its 3 items were not sent \(the other models ran\)/);
  const rows = JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout) as Array<{ model: string; suite: string; n: number; score: number; acc_norm: number | null; cost_usd: number; output_tokens: number; ttft_p50_ms: number | null }>;
  const story = rows.find((x) => x.model === 'stories' && x.suite === 'story')!;
  assert.deepEqual([story.n, story.score, story.acc_norm], [2, 1, 1], '" girl" out-scores " dog", " car", " computer" and " banana"');
  assert.ok(story.cost_usd > 0, 'priced per hour of wall time');
  const gen = rows.find((x) => x.model === 'stories' && x.suite === 'gen')!;
  assert.equal(gen.n, 1);
  assert.ok(gen.output_tokens > 0 && gen.ttft_p50_ms !== null);
  assert.equal(rows.find((x) => x.model === 'broken')!.n, 0);
});
