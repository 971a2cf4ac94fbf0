import type { CompletionRequest, CompletionResult, ModelSpec, Usage } from '../types.js';
import { badResponse, failedAttempt, httpFailure, timedPost } from './attempt-outcomes.js';
import { postEventStream } from './http.js';
import type { ChatCompletionResponse, OpenAIErrorBody } from './openai-api-types.js';
import type { LoglikelihoodResult, Provider, ProviderContext } from './provider.js';
import { clip } from './redact.js';
import { realSleep, withRetries, type AttemptOutcome, type CallOptions } from './retry.js';
import { estimateTokens } from './token-estimate.js';

interface Answer {
  text: string;
  finishReason?: string;
  usage?: { inputTokens: number; outputTokens: number };
  latencyMs: number;
  ttftMs?: number;
}

interface StreamChunk {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

/** Any OpenAI-compatible `/v1/chat/completions` server: OpenAI, vLLM, llama.cpp server, Ollama, OpenRouter, … */
export function createOpenAIProvider(spec: ModelSpec, context: ProviderContext): Provider {
  const url = new URL(`${spec.baseUrl}/chat/completions`);
  const headers: Record<string, string> = { ...spec.headers };
  if (context.apiKey) headers.authorization = `Bearer ${context.apiKey}`;
  const secrets = [context.apiKey];
  const policy = { retries: spec.settings.retries, backoffMs: spec.settings.backoffMs, maxBackoffMs: spec.settings.maxBackoffMs };

  /** A streamed attempt: the answer arrives as Server-Sent Events, so the first token can be timed. */
  async function streamedAttempt(body: string): Promise<AttemptOutcome<Answer>> {
    const started = performance.now();
    let ttftMs: number | undefined;
    let text = '';
    let finishReason: string | undefined;
    let usage: Answer['usage'];
    let events = 0;
    let res;
    try {
      res = await postEventStream(url, body, headers, spec.settings.timeoutMs, (data) => {
        events++;
        if (data === '[DONE]') return;
        const chunk = JSON.parse(data) as StreamChunk;
        const choice = chunk.choices?.[0];
        const delta = choice?.delta?.content;
        if (typeof delta === 'string' && delta !== '') {
          ttftMs ??= performance.now() - started;
          text += delta;
        }
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        const u = chunk.usage;
        if (u && typeof u.prompt_tokens === 'number' && typeof u.completion_tokens === 'number') usage = { inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens };
      });
    } catch (err) {
      return failedAttempt(err, secrets, 'upstream sent a malformed stream event');
    }
    const latencyMs = performance.now() - started;
    if (res.status < 200 || res.status >= 300) return httpFailure(res.status, res.headers, upstreamMessage(res.body), secrets);
    // A server that does not stream answered with one JSON body.
    if (res.body !== '') return parseAnswer(res.body, latencyMs, secrets);
    if (events === 0) return badResponse('upstream stream ended without any event', secrets);
    return { ok: true, value: { text, finishReason, usage, latencyMs, ttftMs: ttftMs ?? latencyMs } };
  }

  async function attempt(body: string): Promise<AttemptOutcome<Answer>> {
    const res = await timedPost(url, body, headers, spec.settings.timeoutMs, secrets, upstreamMessage);
    return 'failed' in res ? res.failed : parseAnswer(res.body, res.latencyMs, secrets);
  }

  const completionsUrl = new URL(`${spec.baseUrl}/completions`);

  /** One continuation's log-likelihood from `/v1/completions` with `echo` and `logprobs` (vLLM, llama.cpp server). */
  async function continuationAttempt(context: string, continuation: string): Promise<AttemptOutcome<{ logLikelihood: number; tokens: number; latencyMs: number }>> {
    const body = JSON.stringify({ ...spec.params, model: spec.model, prompt: context + continuation, max_tokens: 0, echo: true, logprobs: 1, temperature: 0 });
    const res = await timedPost(completionsUrl, body, headers, spec.settings.timeoutMs, secrets, upstreamMessage);
    if ('failed' in res) return res.failed;
    try {
      const json = JSON.parse(res.body) as { choices?: Array<{ logprobs?: { token_logprobs?: Array<number | null>; text_offset?: number[] } }> };
      const lp = json.choices?.[0]?.logprobs;
      if (!lp?.token_logprobs || !lp.text_offset) throw new Error('no choices[0].logprobs with token_logprobs and text_offset (does the server support echo?)');
      let sum = 0;
      let tokens = 0;
      // The continuation's tokens are those that start at or after the end of the context.
      lp.text_offset.forEach((offset, i) => {
        if (offset < context.length) return;
        const value = lp.token_logprobs![i];
        if (typeof value !== 'number') throw new Error(`token ${i} has no log-probability`);
        sum += value;
        tokens++;
      });
      if (tokens === 0) throw new Error('the continuation got no tokens');
      return { ok: true, value: { logLikelihood: sum, tokens, latencyMs: res.latencyMs } };
    } catch (err) {
      return badResponse(`log-probabilities: ${(err as Error).message}`, secrets);
    }
  }

  return {
    async loglikelihood(context: string, continuations: string[], options: CallOptions = {}): Promise<LoglikelihoodResult> {
      const logLikelihoods: number[] = [];
      let attempts = 0;
      let latencyMs = 0;
      let tokens = 0;
      for (const continuation of continuations) {
        const r = await withRetries(() => continuationAttempt(context, continuation), policy, realSleep, options);
        attempts += r.attempts;
        if (!r.outcome.ok) return { text: '', latencyMs, attempts, error: r.outcome.error };
        logLikelihoods.push(r.outcome.value.logLikelihood);
        latencyMs += r.outcome.value.latencyMs;
        tokens += r.outcome.value.tokens;
      }
      // Usage: each request reads the context and a continuation (a scoring request generates nothing).
      const contextTokens = Math.ceil(context.length / 4);
      return { text: '', latencyMs, attempts, logLikelihoods, usage: { inputTokens: contextTokens * continuations.length + tokens, outputTokens: 0, estimated: true } };
    },

    async complete(request: CompletionRequest, options: CallOptions = {}): Promise<CompletionResult> {
      const stream = spec.settings.stream;
      const body = JSON.stringify({
        ...request.params,
        model: spec.model,
        messages: request.messages,
        temperature: request.temperature,
        max_tokens: request.maxTokens,
        ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
      });
      const { outcome, attempts } = await withRetries(() => (stream ? streamedAttempt(body) : attempt(body)), policy, realSleep, options);
      if (!outcome.ok) return { text: '', latencyMs: 0, attempts, error: outcome.error };
      const answer = outcome.value;
      return {
        text: answer.text,
        finishReason: answer.finishReason,
        usage: answer.usage ? { ...answer.usage, estimated: false } : await estimateUsage(request, answer.text),
        latencyMs: answer.latencyMs,
        ...(answer.ttftMs !== undefined ? { ttftMs: answer.ttftMs } : {}),
        attempts,
      };
    },
  };
}

function parseAnswer(body: string, latencyMs: number, secrets: Array<string | undefined>): AttemptOutcome<Answer> {
  let json: ChatCompletionResponse;
  try {
    json = JSON.parse(body) as ChatCompletionResponse;
  } catch {
    return badResponse(`upstream answered with invalid JSON: ${clip(body, 80)}`, secrets);
  }
  const choice = json?.choices?.[0];
  const content = choice?.message?.content;
  if (!choice || content === undefined) {
    return badResponse(`upstream answer has no choices[0].message.content: ${clip(body, 80)}`, secrets);
  }
  const text = typeof content === 'string' ? content : content === null ? '' : content.map((part) => part.text ?? '').join('');
  const u = json.usage;
  const usage =
    u && typeof u.prompt_tokens === 'number' && typeof u.completion_tokens === 'number'
      ? { inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens }
      : undefined;
  return { ok: true, value: { text, finishReason: choice.finish_reason ?? undefined, usage, latencyMs } };
}

function upstreamMessage(body: string): string {
  try {
    const json = JSON.parse(body) as OpenAIErrorBody;
    const message = typeof json.error === 'string' ? json.error : (json.error?.message ?? json.message);
    if (message) return clip(message);
  } catch {
    // not JSON: fall through to the raw text
  }
  return clip(body) || '(empty body)';
}

/** Usage from a tokenizer when the upstream reports none; marked estimated. */
async function estimateUsage(request: CompletionRequest, text: string): Promise<Usage> {
  // Chat templates add a few tokens per message; 4 is the usual overhead of OpenAI's format.
  let inputTokens = 0;
  for (const m of request.messages) inputTokens += 4 + (await estimateTokens(m.content));
  return { inputTokens, outputTokens: await estimateTokens(text), estimated: true };
}
