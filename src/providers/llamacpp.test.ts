import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Token } from 'node-llama-cpp';
import { RicegradeError } from '../errors.js';
import { getLlamaCppBackend, loadLlamaCppModel, type LlamaCppModel, type LlamaCppOptions } from './llamacpp.js';

const MODEL = fileURLToPath(new URL('../../../shared/models/stories260K.gguf', import.meta.url));
const skip = existsSync(MODEL) ? false : 'needs ../shared/models (absent in a fresh clone)';
const options = (path: string): LlamaCppOptions => ({ path, threads: 1, contextSize: 512, maxTokens: 32, temperature: 0 });
const CONTEXT = 'Once upon a time, there was a little';

let model: LlamaCppModel | undefined;
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ricegrade-llamacpp-'));
  if (!skip) model = await loadLlamaCppModel('stories', options(MODEL));
});
after(async () => {
  await model?.dispose();
  await rm(dir, { recursive: true, force: true });
});

test('a likely continuation out-scores unlikely ones; sums are finite, ≤ 0, over ≥ 1 token', { skip }, async () => {
  const choices = [' girl', ' dog', ' car', ' computer', ' banana'];
  const results = await model!.loglikelihood(CONTEXT, choices);
  assert.equal(results.length, choices.length);
  for (const r of results) {
    assert.ok(Number.isFinite(r.logLikelihood) && r.logLikelihood <= 0, `finite and ≤ 0: ${r.logLikelihood}`);
    assert.ok(r.tokens >= 1);
  }
  const [girl, ...others] = results;
  for (const [i, other] of others.entries()) assert.ok(girl!.logLikelihood > other.logLikelihood, `" girl" (${girl!.logLikelihood}) beats "${choices[i + 1]}" (${other.logLikelihood})`);
  assert.equal(girl!.isGreedy, true, 'the model writes " girl" greedily here');
  assert.equal(results[4]!.isGreedy, false);
});

test('a longer continuation has a lower sum than its prefix; the same call gives the same numbers', { skip }, async () => {
  const first = await model!.loglikelihood(CONTEXT, [' girl', ' girl named']);
  assert.ok(first[1]!.tokens > first[0]!.tokens);
  assert.ok(first[1]!.logLikelihood < first[0]!.logLikelihood);
  const again = await model!.loglikelihood(CONTEXT, [' girl', ' girl named']);
  assert.deepEqual(again, first);
  // Order and neighbours do not matter (the shared context's cache is reused correctly).
  const reordered = await model!.loglikelihood(CONTEXT, [' banana', ' girl named', ' dog', ' girl']);
  assert.deepEqual([reordered[3], reordered[1]], first);
});

test('concurrent calls are serialised and give the same numbers as sequential ones', { skip }, async () => {
  const sequential = [await model!.loglikelihood(CONTEXT, [' girl', ' dog']), await model!.loglikelihood('One day, Tom saw a big', [' dog', ' tree'])];
  const concurrent = await Promise.all([model!.loglikelihood(CONTEXT, [' girl', ' dog']), model!.loglikelihood('One day, Tom saw a big', [' dog', ' tree'])]);
  assert.deepEqual(concurrent, sequential);
});

test('log-likelihoods match an independent full evaluation with node-llama-cpp, from raw (unsampled) probabilities', { skip }, async () => {
  const llama = await getLlamaCppBackend();
  const raw = await llama.loadModel({ modelPath: MODEL });
  const context = await raw.createContext({ contextSize: 512, threads: 1 });
  try {
    const sequence = context.getSequence();
    const continuations = [' girl', ' girl named Lily', ' dog', ' banana', ' computer'];
    const ours = await model!.loglikelihood(CONTEXT, continuations);
    const contextTokens = raw.tokenize(CONTEXT);
    for (const [i, continuation] of continuations.entries()) {
      await sequence.clearHistory();
      const all: Token[] = [raw.tokens.bos!, ...raw.tokenize(CONTEXT + continuation)];
      const out = await sequence.controlledEvaluate(all.map((t): [Token, { generateNext: { probabilities: true } }] => [t, { generateNext: { probabilities: true } }]));
      let sum = 0;
      for (let pos = 1 + contextTokens.length; pos < all.length; pos++) {
        const dist = out[pos - 1]!.next.probabilities!;
        // The raw distribution: it covers the whole vocabulary, sums to 1 and is not one-hot.
        assert.equal(dist.size, 512, 'the whole vocabulary of stories260K');
        const total = [...dist.values()].reduce((a, b) => a + b, 0);
        assert.ok(Math.abs(total - 1) < 1e-4, `probabilities sum to ${total}`);
        assert.ok(Math.max(...dist.values()) < 0.9999, 'not one-hot');
        sum += Math.log(dist.get(all[pos]!)!);
      }
      assert.equal(ours[i]!.tokens, all.length - 1 - contextTokens.length);
      assert.ok(Math.abs(ours[i]!.logLikelihood - sum) < 1e-4, `${continuation}: ${ours[i]!.logLikelihood} vs ${sum}`);
    }
  } finally {
    await context.dispose();
    await raw.dispose();
  }
});

test('generation returns text with usage and ttft ≤ latency', { skip }, async () => {
  const result = await model!.complete({ messages: [{ role: 'user', content: 'Once upon a time' }], temperature: 0, maxTokens: 24, params: {} });
  assert.equal(result.error, undefined);
  assert.ok(result.text.trim().length > 0, 'non-empty text');
  assert.match(result.text, /little girl/);
  assert.equal(result.attempts, 1);
  assert.equal(result.usage?.estimated, false);
  assert.ok(result.usage!.inputTokens >= 1 && result.usage!.outputTokens >= 1 && result.usage!.outputTokens <= 24);
  assert.ok(result.ttftMs !== undefined && result.ttftMs <= result.latencyMs);
  // Generation then scoring on the same sequence: the numbers do not change.
  const before = await model!.loglikelihood(CONTEXT, [' girl']);
  await model!.complete({ messages: [{ role: 'user', content: 'Tom had a red ball.' }], temperature: 0.8, maxTokens: 8, params: { seed: 1 } });
  assert.deepEqual(await model!.loglikelihood(CONTEXT, [' girl']), before);
});

async function loadError(path: string): Promise<RicegradeError> {
  try {
    await loadLlamaCppModel('x', options(path));
  } catch (err) {
    assert.ok(err instanceof RicegradeError, String(err));
    assert.equal(err.code, 'CONFIG_INVALID');
    assert.equal(err.exitCode, 2);
    assert.doesNotMatch(err.message, /\n/, 'one line');
    return err;
  }
  assert.fail('expected a load error');
}

test('a missing file is a one-line config error', async () => {
  const path = join(dir, 'missing.gguf');
  assert.equal((await loadError(path)).message, `model "x": ${path}: file not found`);
});

test('a file that is not GGUF is a one-line config error', async () => {
  const path = join(dir, 'hello.gguf');
  await writeFile(path, 'hello');
  assert.equal((await loadError(path)).message, `model "x": ${path}: not a GGUF file`);
});

test('a truncated GGUF is a one-line config error naming the cause', { skip }, async () => {
  const path = join(dir, 'truncated.gguf');
  await writeFile(path, (await readFile(MODEL)).subarray(0, 1000));
  const message = (await loadError(path)).message;
  assert.ok(message.startsWith(`model "x": cannot load ${path}: `), message);
  assert.ok(message.length > `model "x": cannot load ${path}: `.length + 3, message);
});
