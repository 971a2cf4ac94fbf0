/**
 * Log-likelihood scoring throughput: ricegrade's llama.cpp provider against the same scoring written directly with
 * node-llama-cpp (tokenize, controlledEvaluate with probabilities, sum the logs), same model, same threads, same run.
 *
 *   node --import tsx -e "import('./bench/llamacpp.ts').then(async m => console.log(await m.benchLoglikelihood()))"
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Token } from 'node-llama-cpp';
import { getLlamaCppBackend, loadLlamaCppModel } from '../src/providers/llamacpp.js';

const MODEL = fileURLToPath(new URL('../../shared/models/stories260K.gguf', import.meta.url));
const THREADS = 1;
const ITEMS = 200;
const ROUNDS = 10;

const OPENINGS = [
  'Once upon a time, there was a little',
  'One day, Tom went to the park with his',
  'Lily saw a big red ball. She wanted to',
  'The sun was shining and the birds were',
  'Once upon a time, in a small house, there lived a',
  'Tim and Sue were best friends. They liked to play with',
  'The little dog was very hungry. He looked for',
  'Mom said, "Be careful!" But Ben did not',
];
const CHOICES = [' girl', ' dog', ' car', ' computer', ' ball', ' friend', ' banana', ' tree', ' sing', ' play', ' food', ' listen'];

function items(): Array<{ context: string; continuations: string[] }> {
  return Array.from({ length: ITEMS }, (_, i) => ({
    context: OPENINGS[i % OPENINGS.length]!,
    continuations: [0, 1, 2, 3].map((k) => CHOICES[(i * 5 + k * 3) % CHOICES.length]!),
  }));
}

export async function benchLoglikelihood(): Promise<{ choicesPerSecond: number; directChoicesPerSecond: number; sharedChoicesPerSecond: number; overheadPercent: number } | undefined> {
  if (!existsSync(MODEL)) return undefined;
  const all = items();
  const ours = await loadLlamaCppModel('stories260K', { path: MODEL, threads: THREADS, contextSize: 512, maxTokens: 16, temperature: 0 });

  const llama = await getLlamaCppBackend();
  const model = await llama.loadModel({ modelPath: MODEL });
  const context = await model.createContext({ contextSize: 512, threads: THREADS, sequences: 1 });
  const sequence = context.getSequence();
  const bos = model.tokens.bos!;

  /** The direct way: each choice evaluated in full, probabilities requested where the continuation is predicted. */
  async function direct(contextText: string, continuations: string[]): Promise<number[]> {
    const contextLength = model.tokenize(contextText).length + 1;
    const sums: number[] = [];
    for (const continuation of continuations) {
      const tokens: Token[] = [bos, ...model.tokenize(contextText + continuation)];
      await sequence.clearHistory();
      const out = await sequence.controlledEvaluate(
        tokens.slice(0, -1).map((t, i) => (i >= contextLength - 1 ? [t, { generateNext: { probabilities: true } }] : t)),
      );
      let sum = 0;
      for (let pos = contextLength; pos < tokens.length; pos++) sum += Math.log(out[pos - 1]!.next.probabilities!.get(tokens[pos]!)!);
      sums.push(sum);
    }
    return sums;
  }

  /** The direct way with ricegrade's method: the context evaluated once, then each continuation after it. */
  async function directShared(contextText: string, continuations: string[]): Promise<number[]> {
    const contextTokens: Token[] = [bos, ...model.tokenize(contextText)];
    if (sequence.nextTokenIndex > 0) await sequence.clearHistory();
    const first = await sequence.controlledEvaluate(contextTokens.map((t, i) => (i === contextTokens.length - 1 ? [t, { generateNext: { probabilities: true } }] : t)));
    const firstDist = first[contextTokens.length - 1]!.next.probabilities!;
    const sums: number[] = [];
    for (const continuation of continuations) {
      const tokens = model.tokenize(contextText + continuation).slice(contextTokens.length - 1);
      let sum = Math.log(firstDist.get(tokens[0]!)!);
      if (tokens.length > 1) {
        if (sequence.nextTokenIndex > contextTokens.length) await sequence.eraseContextTokenRanges([{ start: contextTokens.length, end: sequence.nextTokenIndex }]);
        const out = await sequence.controlledEvaluate(tokens.slice(0, -1).map((t) => [t, { generateNext: { probabilities: true } }]));
        for (let i = 1; i < tokens.length; i++) sum += Math.log(out[i - 1]!.next.probabilities!.get(tokens[i]!)!);
      }
      sums.push(sum);
    }
    return sums;
  }

  let oursMs = 0;
  let directMs = 0;
  let sharedMs = 0;
  let maxDiff = 0;
  try {
    // Warm-up, and a check that both ways agree.
    for (const item of all.slice(0, 8)) {
      const a = await ours.loglikelihood(item.context, item.continuations);
      const b = await direct(item.context, item.continuations);
      a.forEach((r, i) => (maxDiff = Math.max(maxDiff, Math.abs(r.logLikelihood - b[i]!))));
    }
    const perRound = ITEMS / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      const slice = all.slice(round * perRound, (round + 1) * perRound);
      const runOurs = async () => {
        const t = performance.now();
        for (const item of slice) await ours.loglikelihood(item.context, item.continuations);
        oursMs += performance.now() - t;
      };
      const runDirect = async () => {
        const t = performance.now();
        for (const item of slice) await direct(item.context, item.continuations);
        directMs += performance.now() - t;
      };
      const runShared = async () => {
        const t = performance.now();
        for (const item of slice) await directShared(item.context, item.continuations);
        sharedMs += performance.now() - t;
      };
      const order = [runOurs, runShared, runDirect];
      for (let k = 0; k < order.length; k++) await order[(k + round) % order.length]!();
    }
  } finally {
    await ours.dispose();
    await context.dispose();
    await model.dispose();
  }
  if (maxDiff > 1e-3) throw new Error(`ricegrade and the direct computation disagree by ${maxDiff}`);
  const choices = ITEMS * 4;
  const choicesPerSecond = choices / (oursMs / 1000);
  const directChoicesPerSecond = choices / (directMs / 1000);
  const sharedChoicesPerSecond = choices / (sharedMs / 1000);
  return {
    choicesPerSecond: Math.round(choicesPerSecond),
    directChoicesPerSecond: Math.round(directChoicesPerSecond),
    sharedChoicesPerSecond: Math.round(sharedChoicesPerSecond),
    // Overhead against the direct code that uses the same method (context once): the fair comparison.
    overheadPercent: Math.round((sharedChoicesPerSecond / choicesPerSecond - 1) * 1000) / 10,
  };
}
