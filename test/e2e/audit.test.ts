import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { digestOf, type AuditEntry } from '../../src/policy/audit.js';
import { arithJsonl, runCli, workspace } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-llm-server.js';

let server: FakeServer;
let dir: string;
before(async () => {
  server = await startFakeServer({ latencyMs: 2 });
  const model = (name: string, price: number) => `  - { name: ${name}, provider: openai, model: ${name}-a, base_url: "${server.url}", price: { input: ${price}, output: ${price} } }`;
  dir = workspace({
    'arith.jsonl': arithJsonl(120),
    'ricegrade.yaml': ['models:', model('perfect', 5), model('mid', 1), model('perfect-cheap', 2), model('wrong', 0.1), 'suites:', '  - { name: tasks, path: arith.jsonl, scorer: exact }'].join('\n') + '\n',
    'standard.yaml': `name: test-bar
clauses:
  - { id: accuracy, metric: score, suite: tasks, op: ">=", value: 0.9, confidence: 0.95, min_n: 100 }
  - { id: reliability, metric: error_rate, op: "<=", value: 0.05, confidence: 0.95 }
  - { id: cost, metric: cost_per_1k, op: "<=", value: 0.04 }
  - { id: speed, metric: latency_p95_ms, op: "<=", value: 5000, confidence: 0.9 }
`,
  });
  const r = await runCli(['run', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
});
after(() => server.close());

async function auditJson(args: string[] = []): Promise<{ code: number | null; entries: AuditEntry[]; stderr: string }> {
  const r = await runCli(['audit', '-c', 'ricegrade.yaml', '--standard', 'standard.yaml', '--format', 'json', ...args], { cwd: dir });
  return { code: r.code, entries: r.stdout ? (JSON.parse(r.stdout) as AuditEntry[]) : [], stderr: r.stderr };
}

test('audit: verdicts per clause from confidence bounds, exit 1 when any model fails', async () => {
  const { code, entries, stderr } = await auditJson();
  assert.equal(code, 1, stderr);
  const by = new Map(entries.map((e) => [e.model, e]));
  assert.equal(by.get('perfect-cheap')!.verdict, 'pass');
  assert.equal(by.get('wrong')!.verdict, 'fail');
  assert.equal(by.get('mid')!.verdict, 'fail', 'about 70% correct: the lower bound is far below 0.9');
  // perfect scores 100%, but at $5/1M (13 tokens an item: $0.065 per 1,000 items) it is above the $0.04 cap.
  const perfect = by.get('perfect')!;
  assert.equal(perfect.clauses.find((c) => c.id === 'accuracy')!.verdict, 'pass');
  const cost = perfect.clauses.find((c) => c.id === 'cost')!;
  assert.equal(cost.verdict, 'fail');
  assert.equal(cost.compared, 'value', 'no confidence: the point estimate is compared');
  const accuracy = by.get('perfect-cheap')!.clauses.find((c) => c.id === 'accuracy')!;
  assert.deepEqual([accuracy.value, accuracy.compared, accuracy.threshold, accuracy.op, accuracy.n], [1, 'ci_low', 0.9, '>=', 120]);
  assert.ok(accuracy.ci_low! > 0.9 && accuracy.ci_low! < 1, `Wilson lower bound at 95%: ${accuracy.ci_low}`);
  for (const e of entries) {
    assert.equal(e.digest, digestOf(e));
    assert.equal(e.evidence.run, 1);
    assert.equal(e.evidence.suites[0]!.name, 'tasks');
    for (const c of e.clauses) for (const key of ['id', 'verdict', 'value', 'ci_low', 'ci_high', 'threshold', 'op', 'n'] as const) assert.ok(key in c, key);
  }
  assert.match(stderr, /1 of 4 models pass/);
  const only = await auditJson(['--model', 'perfect-cheap']);
  assert.equal(only.code, 0);
  assert.deepEqual(only.entries.map((e) => e.model), ['perfect-cheap']);
});

test('audit: too few items is inconclusive, never a pass', async () => {
  writeFileSync(join(dir, 'strict.yaml'), 'name: strict\nclauses:\n  - { id: big-sample, metric: score, op: ">=", value: 0.5, min_n: 1000 }\n');
  const r = await runCli(['audit', '-c', 'ricegrade.yaml', '--standard', 'strict.yaml', '--model', 'perfect', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 1);
  const [e] = JSON.parse(r.stdout) as AuditEntry[];
  assert.equal(e!.verdict, 'inconclusive');
  assert.match(e!.clauses[0]!.reason!, /only 120 items, the clause needs 1000/);
});

test('audit --suggest names the cheapest models that pass; junit and markdown outputs', async () => {
  const { entries } = await auditJson(['--suggest']);
  const wrong = entries.find((e) => e.model === 'wrong')!;
  assert.deepEqual(wrong.suggestions!.map((s) => s.model), ['perfect-cheap']);
  assert.equal(entries.find((e) => e.model === 'perfect-cheap')!.suggestions, undefined);
  const junit = await runCli(['audit', '-c', 'ricegrade.yaml', '--standard', 'standard.yaml', '--format', 'junit', '--out', 'audit.xml'], { cwd: dir });
  assert.equal(junit.code, 1);
  const xml = readFileSync(join(dir, 'audit.xml'), 'utf8');
  assert.equal((xml.match(/<testcase /g) ?? []).length, 16, '4 models × 4 clauses');
  assert.match(xml, /<testcase classname="wrong" name="accuracy"><failure type="fail"/);
  const md = await runCli(['audit', '-c', 'ricegrade.yaml', '--standard', 'standard.yaml', '--format', 'md'], { cwd: dir });
  assert.match(md.stdout, /\| perfect-cheap \| ✅ pass \|/);
  const table = await runCli(['audit', '-c', 'ricegrade.yaml', '--standard', 'standard.yaml', '--suggest'], { cwd: dir });
  assert.match(table.stdout, /wrong does not pass; cheapest models that do: perfect-cheap/);
});

test('audit --verify: an intact record passes; an edited value or verdict is caught', async () => {
  const r = await runCli(['audit', '-c', 'ricegrade.yaml', '--standard', 'standard.yaml', '--format', 'json', '--out', 'record.json'], { cwd: dir });
  assert.equal(r.code, 1);
  const ok = await runCli(['audit', '--verify', 'record.json', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(ok.code, 0, ok.stdout);
  assert.match(ok.stdout, /intact .* and the store still gives the same values/);

  const record = JSON.parse(readFileSync(join(dir, 'record.json'), 'utf8')) as AuditEntry[];
  const mid = record.find((e) => e.model === 'mid')!;
  mid.clauses[0]!.value = 0.95;
  writeFileSync(join(dir, 'edited.json'), JSON.stringify(record));
  const edited = await runCli(['audit', '--verify', 'edited.json'], { cwd: dir });
  assert.equal(edited.code, 1);
  assert.match(edited.stdout, /mid\): digest does not match the content/);

  // A forger who also recomputes the digest is caught by the verdict check and by the store.
  mid.clauses[0]!.verdict = 'pass';
  mid.verdict = 'pass';
  mid.digest = digestOf(mid);
  writeFileSync(join(dir, 'forged.json'), JSON.stringify(record));
  const forged = await runCli(['audit', '--verify', 'forged.json', '-c', 'ricegrade.yaml'], { cwd: dir });
  assert.equal(forged.code, 1);
  assert.match(forged.stdout, /clause "accuracy" says pass but its numbers give fail/);
  assert.match(forged.stdout, /clause "accuracy" records 0\.95 .* but the store now gives/);
});

test('audit: bad clauses are bad input naming the clause, never a silent pass', async () => {
  const bad = async (yaml: string, pattern: RegExp) => {
    writeFileSync(join(dir, 'bad.yaml'), yaml);
    const r = await runCli(['audit', '-c', 'ricegrade.yaml', '--standard', 'bad.yaml'], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, pattern);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  };
  await bad('name: x\nclauses:\n  - { id: a, metric: scroe, op: ">=", value: 1 }\n', /bad\.yaml:3: clauses\[0\]\.metric: expected one of score, refusal_rate/);
  await bad('name: x\nclauses:\n  - { id: a, metric: score, suite: nope, op: ">=", value: 1 }\n', /bad\.yaml:3: clause "a": run 1 has no suite "nope"/);
  await bad('name: x\nclauses:\n  - { id: a, metric: score, category: nope, op: ">=", value: 1 }\n', /clause "a": no category "nope"/);
  await bad('name: x\nclauses:\n  - { id: safe, metric: refusal_rate, op: ">=", value: 0.9 }\n', /clause "safe": metric refusal_rate needs suite:/);
  await bad('name: x\nclauses:\n  - { id: safe, metric: refusal_rate, suite: tasks, op: ">=", value: 0.9 }\n', /clause "safe": metric refusal_rate needs a suite scored with the refusal scorer; suite tasks uses exact/);
  await bad('name: x\nclauses:\n  - { id: fair, metric: bias_amb, op: "<=", value: 0.1 }\n', /clause "fair": metric bias_amb needs suite: a BBQ-style suite/);
  await bad('name: x\nclauses:\n  - { id: a, metric: score, op: ">=", value: 1 }\n  - { id: a, metric: score, op: "<=", value: 1 }\n', /clauses\[1\]\.id: duplicate id "a"/);
  const general = await runCli(['audit', '-c', 'ricegrade.yaml', '--standard', 'general-assistant'], { cwd: dir });
  assert.equal(general.code, 2, 'a shipped template loads by name and refuses what this run cannot measure');
  assert.match(general.stderr, /general-assistant\.yaml:\d+: clause "no-misuse": run 1 has no suite "safety"/);
  const batch = await runCli(['audit', '-c', 'ricegrade.yaml', '--standard', 'cost-capped-batch', '--format', 'json'], { cwd: dir });
  assert.equal(batch.code, 1, batch.stderr);
  assert.equal((JSON.parse(batch.stdout) as AuditEntry[]).length, 4);
});
