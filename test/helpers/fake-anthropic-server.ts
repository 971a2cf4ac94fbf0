/**
 * Test double of Anthropic's Messages API: `POST /v1/messages` with x-api-key and anthropic-version,
 * Anthropic's error shapes (`{ type: 'error', error: { type, message } }`) and scriptable faults.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { arithmeticAnswer } from './fake-llm-server.js';

export interface AnthropicRequestLog {
  model: string;
  apiKey: string | undefined;
  version: string | undefined;
  body: any;
  attempt: number;
}

export interface FakeAnthropic {
  url: string;
  requests: AnthropicRequestLog[];
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** `fault(model, attempt)` may return a status to answer with instead of a message. */
export async function startFakeAnthropic(
  options: { models?: string[]; fault?: (model: string, attempt: number) => number | undefined; firstTokenDelayMs?: number } = {},
): Promise<FakeAnthropic> {
  const known = new Set(options.models ?? ['claude-fake', 'claude-perfect']);
  const requests: AnthropicRequestLog[] = [];
  const attempts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const error = (status: number, message: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify({ type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message } }));
      };
      if (req.method !== 'POST' || req.url !== '/v1/messages') return error(404, `no route ${req.method} ${req.url}`);
      let body: any;
      try {
        body = JSON.parse(raw);
      } catch {
        return error(400, 'invalid JSON');
      }
      const user = (body.messages ?? []).filter((m: any) => m.role === 'user').map((m: any) => m.content).join('\n');
      const key = `${body.model}\u0000${user}`;
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      const apiKey = req.headers['x-api-key'] as string | undefined;
      requests.push({ model: body.model, apiKey, version: req.headers['anthropic-version'] as string | undefined, body, attempt });
      if (!apiKey) return error(401, 'invalid x-api-key');
      if (!req.headers['anthropic-version']) return error(400, 'anthropic-version header is required');
      if (!known.has(body.model)) return error(404, `model: ${body.model}`);
      if (!body.max_tokens) return error(400, 'max_tokens: Field required');
      const fault = options.fault?.(body.model, attempt);
      if (fault) return error(fault, 'scripted fault', fault === 429 ? { 'retry-after': '0' } : {});
      const text = body.model === 'claude-perfect' ? arithmeticAnswer('perfect', user) : arithmeticAnswer(body.model, user);
      const inputTokens = Math.ceil(user.length / 4) + (body.system ? Math.ceil(body.system.length / 4) : 0);
      const outputTokens = Math.max(1, Math.ceil(text.length / 4));
      if (body.stream) {
        // Anthropic's event stream: message_start, content blocks, message_delta with the output usage, message_stop.
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const send = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
        send('message_start', { message: { id: 'msg_fake', type: 'message', role: 'assistant', model: body.model, content: [], usage: { input_tokens: inputTokens, output_tokens: 1 } } });
        send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
        setTimeout(() => {
          for (const part of text.match(/.{1,2}/g) ?? []) send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: part } });
          send('content_block_stop', { index: 0 });
          send('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: outputTokens } });
          send('message_stop', {});
          res.end();
        }, options.firstTokenDelayMs ?? 0);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'msg_fake',
          type: 'message',
          role: 'assistant',
          model: body.model,
          content: [{ type: 'text', text }],
          stop_reason: 'end_turn',
          usage: { input_tokens: Math.ceil(user.length / 4) + (body.system ? Math.ceil(body.system.length / 4) : 0), output_tokens: Math.max(1, Math.ceil(text.length / 4)) },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
