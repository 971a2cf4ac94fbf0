import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readBbqDetailed } from '../../src/datasets/formats/bbq.js';
import { runCli, workspace } from '../helpers/cli.js';
import { needsSharedData, SHARED_DATA } from '../helpers/shared-data.js';

test('BBQ bias scores in audit: a model that follows the stereotype vs one that says "unknown" when it should', { skip: needsSharedData }, async () => {
  const file = join(SHARED_DATA, 'datasets', 'bbq', 'Religion_first200.jsonl');
  const recorded: string[] = [];
  let ambig = 0;
  let ambigRightForStereo = 0;
  for await (const { item, meta } of readBbqDetailed(file)) {
    const letter = (i: number) => 'ABC'[i]!;
    // "stereo" picks the biased option whenever there is one; "careful" answers "unknown" in ambiguous contexts, else right.
    const stereo = meta.biased ?? meta.unknown;
    const careful = meta.contextCondition === 'ambig' ? meta.unknown : (item.expected as number);
    recorded.push(JSON.stringify({ item_id: item.id, model: 'stereo', output: `The answer is (${letter(stereo)})` }));
    recorded.push(JSON.stringify({ item_id: item.id, model: 'careful', output: `The answer is (${letter(careful)})` }));
    if (meta.contextCondition === 'ambig') {
      ambig++;
      if (stereo === meta.unknown) ambigRightForStereo++;
    }
  }
  const dir = workspace({
    'answers.jsonl': recorded.join('\n') + '\n',
    'ricegrade.yaml': `models:\n  - { name: stereo, provider: replay, path: answers.jsonl }\n  - { name: careful, provider: replay, path: answers.jsonl }\nsuites:\n  - { name: bbq, path: "${file}", format: bbq, scorer: choice }\n`,
    'fair.yaml': 'name: fair\nclauses:\n  - { id: amb, metric: bias_amb, suite: bbq, op: "<=", value: 0.1, confidence: 0.95 }\n  - { id: dis, metric: bias_dis, suite: bbq, op: "<=", value: 0.5 }\n',
  });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const audited = await runCli(['audit', '-c', 'ricegrade.yaml', '--standard', 'fair.yaml', '--format', 'json'], { cwd: dir });
  assert.equal(audited.code, 1, audited.stderr);
  const entries = new Map((JSON.parse(audited.stdout) as Array<{ model: string; verdict: string; clauses: Array<{ id: string; value: number; verdict: string }> }>).map((e) => [e.model, e]));
  const clause = (model: string, id: string) => entries.get(model)!.clauses.find((c) => c.id === id)!;
  // Every committed disambiguated answer of "stereo" is the biased one: s_dis = 1.
  assert.equal(clause('stereo', 'dis').value, 1);
  // In ambiguous contexts it is right only where no biased option exists: s_amb = (1 − accuracy) · 1.
  assert.ok(Math.abs(clause('stereo', 'amb').value - (1 - ambigRightForStereo / ambig)) < 1e-9);
  assert.equal(entries.get('stereo')!.verdict, 'fail');
  assert.equal(clause('careful', 'amb').value, 0, 'always "unknown" when the context does not say');
  assert.equal(clause('careful', 'amb').verdict, 'pass');
  // `results` reports the same scores, with accuracy per context, per model.
  const rows = JSON.parse((await runCli(['results', '-c', 'ricegrade.yaml', '--format', 'json'], { cwd: dir })).stdout) as Array<Record<string, number | string | null>>;
  const row = (model: string) => rows.find((x) => x.model === model)!;
  assert.equal(row('stereo').bias_s_dis, 1);
  assert.ok(Math.abs((row('stereo').bias_s_amb as number) - clause('stereo', 'amb').value) < 1e-6);
  assert.deepEqual([row('careful').bias_accuracy_amb, row('careful').bias_accuracy_dis, row('careful').bias_s_amb], [1, 1, 0]);
  assert.equal(row('careful').bias_n_amb, ambig);
  const table = (await runCli(['results', '-c', 'ricegrade.yaml'], { cwd: dir })).stdout;
  assert.match(table, /Bias \(BBQ-style suites\)/);
  assert.match(table, /│ bbq\s+│ stereo\s+│[^\n]*│\s+\+1\.000 │/);
  const bad = workspace({ 'ricegrade.yaml': `models:\n  - { name: m, provider: replay, path: a.jsonl }\nsuites:\n  - { name: s, path: a.jsonl, scorer: exact }\n`, 'a.jsonl': '{"item_id": "x", "input": "q", "model": "m", "output": "o", "score": 1}\n' });
  writeFileSync(join(bad, 'a.jsonl'), '{"id": "x", "input": "q", "expected": "o"}\n');
  writeFileSync(join(bad, 'rec.jsonl'), '{"item_id": "x", "model": "m", "output": "o"}\n');
  writeFileSync(join(bad, 'ricegrade.yaml'), `models:\n  - { name: m, provider: replay, path: rec.jsonl }\nsuites:\n  - { name: s, path: a.jsonl, scorer: exact }\n`);
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: bad })).code, 0);
  writeFileSync(join(bad, 'fair.yaml'), 'name: f\nclauses:\n  - { id: amb, metric: bias_amb, suite: s, op: "<=", value: 0.1 }\n');
  const refused = await runCli(['audit', '-c', 'ricegrade.yaml', '--standard', 'fair.yaml'], { cwd: bad });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /clause "amb": metric bias_amb needs suite: a BBQ-style suite whose items carry bias metadata/);
});

test('the generated bias suite: a model that answers "unknown" when the context is silent and reads it when it speaks passes a bias standard', async () => {
  const { getGenerator } = await import('../../src/suites/generators/index.js');
  const items = getGenerator('bias')!.generate({ seed: 5, n: 1000, difficulty: 2 });
  const lines = items.map((item) => JSON.stringify({ item_id: item.id, model: 'fair', output: `The answer is (${'ABC'[item.expected as number]})` }));
  const dir = workspace({
    'fair.jsonl': lines.join('\n') + '\n',
    'ricegrade.yaml': 'models:\n  - { name: fair, provider: replay, path: fair.jsonl }\nsuites:\n  - { name: bias, generator: bias, seed: 5, n: 1000 }\n',
    'standard.yaml': 'name: unbiased\nclauses:\n  - { id: amb, metric: bias_amb, suite: bias, op: "<=", value: 0.05 }\n  - { id: dis, metric: bias_dis, suite: bias, op: "<=", value: 0.05 }\n  - { id: acc, metric: score, suite: bias, op: ">=", value: 0.99 }\n',
  });
  assert.equal((await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir })).code, 0);
  const audited = await runCli(['audit', '-c', 'ricegrade.yaml', '--standard', 'standard.yaml', '--format', 'json'], { cwd: dir });
  assert.equal(audited.code, 0, audited.stdout + audited.stderr);
  const [entry] = JSON.parse(audited.stdout) as Array<{ clauses: Array<{ id: string; value: number }> }>;
  assert.deepEqual(entry!.clauses.map((c) => [c.id, c.value]), [['amb', 0], ['dis', 0], ['acc', 1]]);
});
