import { open } from 'node:fs/promises';
import type { Llama, LlamaContext, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import { RicegradeError } from '../errors.js';
import type { ChatMessage, CompletionRequest, CompletionResult } from '../types.js';

/**
 * In-process GGUF inference with node-llama-cpp (prebuilt CPU binaries only: nothing is built or downloaded).
 * node-llama-cpp is imported lazily so that commands which never touch a local model do not load it.
 */

export interface LlamaCppOptions {
  path: string;
  threads: number;
  contextSize: number;
  maxTokens: number;
  temperature: number;
}

export interface LoglikelihoodResult {
  logLikelihood: number;
  tokens: number;
  isGreedy: boolean;
}

export interface LlamaCppModel {
  /** Generate a completion for chat messages (the model's chat template if it has one, else the contents as plain text). */
  complete(request: CompletionRequest): Promise<CompletionResult>;
  /**
   * Log-likelihood of each continuation after the context, as lm-evaluation-harness computes it:
   * the continuation's tokens are those of tokenize(context + continuation) after tokenize(context)
   * (or, when the joint tokenization does not start with the context's tokens, the continuation tokenized alone).
   */
  loglikelihood(context: string, continuations: string[]): Promise<LoglikelihoodResult[]>;
  dispose(): Promise<void>;
}

type NodeLlamaCpp = typeof import('node-llama-cpp');
type Distribution = Map<Token, number>;

/** Smallest positive float32: a probability that underflowed to 0 in the float32 softmax is clamped here. */
const MIN_PROB = 1.401298464324817e-45;

let modulePromise: Promise<NodeLlamaCpp> | undefined;
let llamaPromise: Promise<Llama> | undefined;
/** Recent llama.cpp log lines, to explain a load failure. */
const recentLogs: string[] = [];

function loadModule(): Promise<NodeLlamaCpp> {
  modulePromise ??= import('node-llama-cpp');
  return modulePromise;
}

/** One llama.cpp backend per process. */
function getBackend(nlc: NodeLlamaCpp): Promise<Llama> {
  llamaPromise ??= nlc
    .getLlama({
      build: 'never',
      gpu: false,
      usePrebuiltBinaries: true,
      skipDownload: true,
      progressLogs: false,
      // 0: a context's `threads` is the exact number used, not a hint capped by the backend.
      maxThreads: 0,
      logLevel: nlc.LlamaLogLevel.warn,
      logger(level, message) {
        const line = message.trim();
        if (line === '') return;
        recentLogs.push(line);
        if (recentLogs.length > 20) recentLogs.shift();
        if (level === nlc.LlamaLogLevel.error || level === nlc.LlamaLogLevel.fatal) process.stderr.write(`llama.cpp: ${line}\n`);
      },
    })
    .catch((err: unknown) => {
      llamaPromise = undefined;
      throw err;
    });
  return llamaPromise;
}

/** The process's llama.cpp backend (for tests and benchmarks that call node-llama-cpp directly). */
export async function getLlamaCppBackend(): Promise<Llama> {
  return getBackend(await loadModule());
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Checks the file exists and starts with the GGUF magic; throws a one-line CONFIG_INVALID error otherwise. */
async function checkGguf(name: string, path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RicegradeError('CONFIG_INVALID', `model "${name}": ${path}: file not found`);
    throw new RicegradeError('CONFIG_INVALID', `model "${name}": ${path}: cannot read: ${oneLine((err as Error).message)}`, { cause: err });
  }
  try {
    const magic = Buffer.alloc(4);
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(magic, 0, 4, 0));
    } catch (err) {
      throw new RicegradeError('CONFIG_INVALID', `model "${name}": ${path}: cannot read: ${oneLine((err as Error).message)}`, { cause: err });
    }
    if (bytesRead < 4 || magic.toString('latin1') !== 'GGUF') throw new RicegradeError('CONFIG_INVALID', `model "${name}": ${path}: not a GGUF file`);
  } finally {
    await handle.close();
  }
}

function startsWith(tokens: readonly Token[], prefix: readonly Token[]): boolean {
  if (prefix.length > tokens.length) return false;
  for (let i = 0; i < prefix.length; i++) if (tokens[i] !== prefix[i]) return false;
  return true;
}

/** The first key of the map: node-llama-cpp sorts the distribution from the most to the least probable token. */
function argmax(dist: Distribution): Token | undefined {
  for (const token of dist.keys()) return token;
  return undefined;
}

function logProb(dist: Distribution, token: Token): number {
  return Math.log(Math.max(dist.get(token) ?? 0, MIN_PROB));
}

function numberParam(params: Record<string, unknown>, key: string): number | undefined {
  const v = params[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export async function loadLlamaCppModel(name: string, options: LlamaCppOptions): Promise<LlamaCppModel> {
  const path = options.path;
  await checkGguf(name, path);

  let nlc: NodeLlamaCpp;
  let llama: Llama;
  try {
    nlc = await loadModule();
    llama = await getBackend(nlc);
  } catch (err) {
    throw new RicegradeError('CONFIG_INVALID', `model "${name}": cannot load ${path}: node-llama-cpp is unavailable: ${oneLine((err as Error).message)}`, { cause: err });
  }

  let model: LlamaModel;
  let context: LlamaContext;
  recentLogs.length = 0;
  try {
    model = await llama.loadModel({ modelPath: path, gpuLayers: 0 });
  } catch (err) {
    let reason = oneLine((err as Error).message) || recentLogs.at(-1) || 'unknown error';
    // node-llama-cpp's GGUF reader fails with a bare TypeError on a truncated or damaged file.
    if (err instanceof TypeError) reason = `truncated or corrupt GGUF file (${reason})`;
    throw new RicegradeError('CONFIG_INVALID', `model "${name}": cannot load ${path}: ${reason}`, { cause: err });
  }
  try {
    context = await model.createContext({ contextSize: options.contextSize, threads: options.threads, sequences: 1 });
  } catch (err) {
    await model.dispose().catch(() => undefined);
    throw new RicegradeError('CONFIG_INVALID', `model "${name}": cannot load ${path}: cannot create a context of ${options.contextSize} tokens: ${oneLine((err as Error).message)}`, { cause: err });
  }
  const sequence: LlamaContextSequence = context.getSequence();
  const contextSize = sequence.contextSize;
  const bos = model.tokens.bos;
  const prefixTokens: Token[] = model.tokens.shouldPrependBosToken && bos !== null ? [bos] : [];
  const chatTemplate = model.fileInfo.metadata.tokenizer?.chat_template;
  const chatWrapper = typeof chatTemplate === 'string' && chatTemplate !== '' ? nlc.resolveChatWrapper(model) : undefined;

  // One request at a time: the model has one context sequence.
  let tail: Promise<unknown> = Promise.resolve();
  function serialise<T>(fn: () => Promise<T>): Promise<T> {
    const result = tail.then(fn);
    tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Evaluates `tokens` from an empty sequence and returns the next-token distribution after the last one.
   * No reuse of a previous call's cache: llama.cpp's numbers depend (at ~1e-5) on how tokens were batched,
   * so reusing a prefix from whatever ran before would make a score depend on the order of the calls.
   */
  async function evaluatePrefix(tokens: Token[]): Promise<Distribution> {
    if (sequence.nextTokenIndex > 0) await sequence.clearHistory();
    const out = await sequence.controlledEvaluate(tokens.map((t, i) => (i === tokens.length - 1 ? [t, { generateNext: { probabilities: true } }] : t)));
    const dist = out[tokens.length - 1]?.next.probabilities;
    if (!dist) throw new Error('node-llama-cpp returned no next-token probabilities');
    return dist;
  }

  async function loglikelihood(contextText: string, continuations: string[]): Promise<LoglikelihoodResult[]> {
    let contextTokens = model.tokenize(contextText);
    const continuationTokens = continuations.map((continuation) => {
      if (continuation === '') return [];
      const joint = model.tokenize(contextText + continuation);
      if (startsWith(joint, contextTokens) && joint.length > contextTokens.length) return joint.slice(contextTokens.length);
      // Tokenized alone, without the SentencePiece dummy space a tokenizer puts at the start of a text.
      return model.tokenize(continuation, false, 'trimLeadingSpace');
    });
    let prefix = prefixTokens;
    if (prefix.length === 0 && contextTokens.length === 0) {
      const start = model.tokens.bos ?? model.tokens.eos;
      if (start === null) throw new Error('empty context and the model has neither a BOS nor an EOS token to condition on');
      prefix = [start];
    }
    // Too long for the context window: drop the context's oldest tokens, as lm-evaluation-harness does.
    const longest = Math.max(0, ...continuationTokens.map((t) => t.length));
    const room = contextSize - prefix.length - longest;
    if (room < 0 || (room === 0 && prefix.length === 0)) {
      throw new RicegradeError('ARGUMENT_INVALID', `a continuation of ${longest} tokens does not fit the model's context of ${contextSize} tokens`);
    }
    if (contextTokens.length > room) contextTokens = contextTokens.slice(contextTokens.length - room);
    const conditioning = [...prefix, ...contextTokens];

    const firstDist = await evaluatePrefix(conditioning);
    const results: LoglikelihoodResult[] = [];
    for (const tokens of continuationTokens) {
      if (tokens.length === 0) {
        results.push({ logLikelihood: 0, tokens: 0, isGreedy: true });
        continue;
      }
      const dists: Distribution[] = [firstDist];
      if (tokens.length > 1) {
        if (sequence.nextTokenIndex > conditioning.length) await sequence.eraseContextTokenRanges([{ start: conditioning.length, end: sequence.nextTokenIndex }]);
        const input = tokens.slice(0, -1).map((t) => [t, { generateNext: { probabilities: true } }] as [Token, { generateNext: { probabilities: true } }]);
        const out = await sequence.controlledEvaluate(input);
        for (let i = 0; i < input.length; i++) {
          const dist = out[i]?.next.probabilities;
          if (!dist) throw new Error('node-llama-cpp returned no next-token probabilities');
          dists.push(dist);
        }
      }
      let sum = 0;
      let isGreedy = true;
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i]!;
        const dist = dists[i]!;
        sum += logProb(dist, token);
        if (argmax(dist) !== token) isGreedy = false;
      }
      results.push({ logLikelihood: sum, tokens: tokens.length, isGreedy });
    }
    return results;
  }

  function promptTokens(messages: ChatMessage[]): Token[] {
    if (chatWrapper) {
      const chatHistory = messages.map((m) =>
        m.role === 'system'
          ? { type: 'system' as const, text: m.content }
          : m.role === 'assistant'
            ? { type: 'model' as const, response: [m.content] }
            : { type: 'user' as const, text: m.content },
      );
      // An empty model turn at the end: the template then ends with the assistant's generation prompt.
      const { contextText } = chatWrapper.generateContextState({ chatHistory: [...chatHistory, { type: 'model', response: [] }] });
      return contextText.tokenize(model.tokenizer);
    }
    // No chat template: the contents as plain text, the user's content last.
    const ordered = [...messages.filter((m) => m.role !== 'user'), ...messages.filter((m) => m.role === 'user')];
    return [...prefixTokens, ...model.tokenize(ordered.map((m) => m.content).join('\n\n'))];
  }

  async function complete(request: CompletionRequest): Promise<CompletionResult> {
    const started = performance.now();
    try {
      const prompt = promptTokens(request.messages);
      if (prompt.length === 0) throw new Error('empty prompt');
      if (prompt.length >= contextSize) {
        return { text: '', latencyMs: performance.now() - started, attempts: 1, error: { code: 'PROVIDER_CONTEXT_LENGTH', message: `prompt of ${prompt.length} tokens does not fit the model's context of ${contextSize} tokens` } };
      }
      const wanted = request.maxTokens > 0 ? request.maxTokens : options.maxTokens;
      const maxTokens = Math.min(wanted, contextSize - prompt.length);
      const temperature = Number.isFinite(request.temperature) ? request.temperature : options.temperature;
      const params = request.params ?? {};
      const seed = numberParam(params, 'seed');

      // A fresh sequence for every request, for the reason given at evaluatePrefix.
      if (sequence.nextTokenIndex > 0) await sequence.clearHistory();
      const generated: Token[] = [];
      let ttftMs: number | undefined;
      let finishReason = 'length';
      if (maxTokens > 0) {
        // OpenAI semantics: no top-k / top-p truncation unless asked for (node-llama-cpp defaults to 40 / 0.95).
        const iterator = sequence.evaluate(prompt, {
          temperature: Math.max(0, temperature),
          topK: numberParam(params, 'top_k') ?? 0,
          topP: numberParam(params, 'top_p') ?? 1,
          minP: numberParam(params, 'min_p') ?? 0,
          ...(seed !== undefined ? { seed } : {}),
        });
        for await (const token of iterator) {
          ttftMs ??= performance.now() - started;
          if (model.isEogToken(token)) {
            finishReason = 'stop';
            break;
          }
          generated.push(token);
          if (generated.length >= maxTokens) break;
        }
      }
      const latencyMs = performance.now() - started;
      return {
        text: model.detokenize(generated),
        finishReason,
        usage: { inputTokens: prompt.length, outputTokens: generated.length, estimated: false },
        latencyMs,
        ttftMs: ttftMs ?? latencyMs,
        attempts: 1,
      };
    } catch (err) {
      return { text: '', latencyMs: performance.now() - started, attempts: 1, error: { code: 'PROVIDER_LOCAL', message: `model "${name}": ${oneLine((err as Error).message)}` } };
    }
  }

  let disposed = false;
  return {
    complete: (request) => serialise(() => complete(request)),
    loglikelihood: (contextText, continuations) => serialise(() => loglikelihood(contextText, continuations)),
    dispose: () =>
      serialise(async () => {
        if (disposed) return;
        disposed = true;
        await context.dispose();
        await model.dispose();
      }),
  };
}
