import type { CompletionRequest, CompletionResult, ModelSpec } from '../types.js';
import { ANTHROPIC_VERSION, type AnthropicErrorBody, type MessagesRequest, type MessagesResponse } from './anthropic-api-types.js';
import { badResponse, failedAttempt, httpFailure, timedPost } from './attempt-outcomes.js';
import { postEventStream } from './http.js';
import type { Provider, ProviderContext } from './provider.js';
import { clip, redact } from './redact.js';
import { realSleep, withRetries, type AttemptOutcome, type CallOptions } from './retry.js';

interface Answer {
  text: string;
  finishReason?: string;
  usage: { inputTokens: number; outputTokens: number; estimated: false };
  latencyMs: number;
  ttftMs?: number;
}

/** The streamed events ricegrade reads: message_start (input usage), content_block_delta (text), message_delta (output usage). */
interface StreamEvent {
  type?: string;
  message?: { usage?: { input_tokens?: number; output_tokens?: number } };
  delta?: { type?: string; text?: string; stop_reason?: string | null };
  usage?: { output_tokens?: number; input_tokens?: number };
  error?: { type?: string; message?: string };
}

/** ricegrade's chat messages in the Messages API's shape: system prompts go to `system`. */
export function toMessagesRequest(spec: ModelSpec, request: CompletionRequest): MessagesRequest {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
  return {
    ...request.params,
    model: spec.model,
    max_tokens: request.maxTokens,
    temperature: request.temperature,
    ...(system.length ? { system: system.join('\n\n') } : {}),
    messages: request.messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content })),
  };
}

/**
 * Anthropic's Messages API (`POST {base_url}/v1/messages`). Same retries, Retry-After handling,
 * timeouts and error recording as the OpenAI provider; 529 "overloaded" is retried like a 5xx.
 */
export function createAnthropicProvider(spec: ModelSpec, context: ProviderContext): Provider {
  const url = new URL(`${spec.baseUrl}/v1/messages`);
  const headers: Record<string, string> = { ...spec.headers, 'anthropic-version': ANTHROPIC_VERSION };
  if (context.apiKey) headers['x-api-key'] = context.apiKey;
  const secrets = [context.apiKey];
  const policy = { retries: spec.settings.retries, backoffMs: spec.settings.backoffMs, maxBackoffMs: spec.settings.maxBackoffMs };

  async function attempt(body: string): Promise<AttemptOutcome<Answer>> {
    const res = await timedPost(url, body, headers, spec.settings.timeoutMs, secrets, errorMessage);
    if ('failed' in res) return res.failed;
    const latencyMs = res.latencyMs;
    let json: MessagesResponse;
    try {
      json = JSON.parse(res.body) as MessagesResponse;
    } catch {
      return badResponse(`upstream answered with invalid JSON: ${clip(res.body, 80)}`, secrets);
    }
    const u = json.usage;
    if (!Array.isArray(json.content) || typeof u?.input_tokens !== 'number' || typeof u.output_tokens !== 'number') {
      return badResponse(`upstream answer has no content or usage: ${clip(res.body, 80)}`, secrets);
    }
    const text = json.content.filter((block) => block.type === 'text').map((block) => block.text ?? '').join('');
    return { ok: true, value: { text, finishReason: json.stop_reason ?? undefined, usage: { inputTokens: u.input_tokens, outputTokens: u.output_tokens, estimated: false }, latencyMs } };
  }

  /** A streamed attempt (Server-Sent Events), so the first token can be timed. */
  async function streamedAttempt(body: string): Promise<AttemptOutcome<Answer>> {
    const started = performance.now();
    let ttftMs: number | undefined;
    let text = '';
    let finishReason: string | undefined;
    let inputTokens: number | undefined;
    let outputTokens: number | undefined;
    let streamError: StreamEvent['error'];
    let res;
    try {
      res = await postEventStream(url, body, headers, spec.settings.timeoutMs, (data) => {
        const event = JSON.parse(data) as StreamEvent;
        if (event.type === 'message_start') {
          inputTokens = event.message?.usage?.input_tokens;
          outputTokens = event.message?.usage?.output_tokens;
        } else if (event.type === 'content_block_delta' && event.delta?.type === 'text_delta' && event.delta.text) {
          ttftMs ??= performance.now() - started;
          text += event.delta.text;
        } else if (event.type === 'message_delta') {
          if (event.delta?.stop_reason) finishReason = event.delta.stop_reason;
          if (typeof event.usage?.output_tokens === 'number') outputTokens = event.usage.output_tokens;
          if (typeof event.usage?.input_tokens === 'number') inputTokens = event.usage.input_tokens;
        } else if (event.type === 'error') streamError = event.error;
      });
    } catch (err) {
      return failedAttempt(err, secrets, 'upstream sent a malformed stream event');
    }
    const latencyMs = performance.now() - started;
    if (res.status < 200 || res.status >= 300) return httpFailure(res.status, res.headers, errorMessage(res.body), secrets);
    if (streamError) {
      // An error in the middle of a stream (e.g. overloaded_error): retryable like its HTTP form.
      const overloaded = streamError.type === 'overloaded_error' || streamError.type === 'api_error' || streamError.type === 'rate_limit_error';
      return { ok: false, retryable: overloaded, error: { code: 'PROVIDER_HTTP', message: `stream error: ${streamError.type ?? 'error'}: ${redact(clip(streamError.message ?? ''), secrets)}` } };
    }
    if (inputTokens === undefined || outputTokens === undefined) {
      return badResponse('upstream stream carried no usage (message_start / message_delta)', secrets);
    }
    return { ok: true, value: { text, finishReason, usage: { inputTokens, outputTokens, estimated: false }, latencyMs, ttftMs: ttftMs ?? latencyMs } };
  }

  return {
    async complete(request: CompletionRequest, options: CallOptions = {}): Promise<CompletionResult> {
      const stream = spec.settings.stream;
      const body = JSON.stringify({ ...toMessagesRequest(spec, request), ...(stream ? { stream: true } : {}) });
      const { outcome, attempts } = await withRetries(() => (stream ? streamedAttempt(body) : attempt(body)), policy, realSleep, options);
      if (!outcome.ok) return { text: '', latencyMs: 0, attempts, error: outcome.error };
      return { ...outcome.value, attempts };
    },
  };
}

function errorMessage(body: string): string {
  try {
    const json = JSON.parse(body) as AnthropicErrorBody;
    const message = json.error?.message;
    if (message) return clip(json.error?.type ? `${json.error.type}: ${message}` : message);
  } catch {
    // not JSON: the raw text
  }
  return clip(body) || '(empty body)';
}
