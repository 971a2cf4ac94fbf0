/**
 * Test double of an upstream OpenAI-compatible LLM server.
 *
 * Used by end-to-end tests (with request recording) and by the benchmark
 * (with `record: false`, so memory stays bounded to a few counters).
 *
 * Endpoints:
 *   POST /v1/chat/completions   JSON, or SSE when the body has `stream: true`
 *   GET  /v1/models             model list
 *   anything else               404 `{ error: { message, type } }`
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeReply {
  /** Assistant content (for 2xx) or error message (for error statuses). */
  text?: string;
  /** HTTP status, default 200. Statuses >= 400 send `{ error: { message, type } }`. */
  status?: number;
  /** Extra response headers, e.g. `{ 'retry-after': '0' }`. */
  headers?: Record<string, string>;
  /** Sent verbatim as the response body (e.g. malformed JSON). */
  rawBody?: string;
  /** Delay before replying; overrides the server's `latencyMs` for this reply. */
  delayMs?: number;
  /** Token usage to report; `null` omits the `usage` field entirely. */
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
}

export interface FakeRequest {
  model: string;
  prompt: string;
  messages: { role: string; content: string }[];
  body: any;
  /** How many times this exact (model, prompt) pair has been requested, this one included. */
  attempt: number;
  headers: Record<string, string | string[] | undefined>;
}

export interface FakeServerOptions {
  /** Decide the reply for a request; returning undefined falls back to `arithmeticAnswer`. */
  answer?: (req: FakeRequest) => FakeReply | undefined;
  /** Delay before every reply, default 0. */
  latencyMs?: number;
  /** Port to listen on, default 0 (ephemeral). */
  port?: number;
  /** Keep a log of every request in `requests` (default true). When false only counters are kept. */
  record?: boolean;
  /** Model ids listed by GET /v1/models. */
  models?: string[];
}

export interface RequestLog {
  model: string;
  prompt: string;
  attempt: number;
  status: number;
  authorization?: string;
  body: any;
}

export interface FakeServer {
  /** Base URL, like http://127.0.0.1:PORT/v1 */
  url: string;
  port: number;
  /** Every chat-completion request (empty when `record: false`). */
  requests: RequestLog[];
  /** Number of chat-completion requests for a model (optionally for one prompt). Works with `record: false`. */
  countFor(model: string, prompt?: string): number;
  /** Total chat-completion requests handled since start / last reset. */
  readonly totalRequests: number;
  /** Clear the request log and all counters (attempt numbering restarts at 1). */
  reset(): void;
  /** Stop listening and destroy every open (keep-alive) connection. */
  close(): Promise<void>;
}

const DEFAULT_MODELS = ['perfect-model', 'wrong-model', 'fake-model'];
const ARITH_RE = /What is\s+(-?\d+)\s*([-+*])\s*(-?\d+)\s*\?/i;

/**
 * Deterministic default answer. Parses `What is A + B?` (also `-`, `*`) and
 * answers the right number with per-model accuracy:
 *  - model id starting with `perfect`: always right
 *  - model id starting with `wrong`: always wrong (right + 1)
 *  - otherwise right for ~70% of (model, prompt) pairs, decided by
 *    sha256(model + "\n" + prompt).
 * Unparseable prompts get `I don't know`.
 */
export function arithmeticAnswer(model: string, prompt: string): string {
  const m = ARITH_RE.exec(prompt);
  if (!m) return "I don't know";
  const a = BigInt(m[1]!);
  const b = BigInt(m[3]!);
  const right = m[2] === '+' ? a + b : m[2] === '-' ? a - b : a * b;
  let correct: boolean;
  if (model.startsWith('perfect')) correct = true;
  else if (model.startsWith('wrong')) correct = false;
  else {
    const h = createHash('sha256').update(model).update('\n').update(prompt).digest();
    correct = h.readUInt32BE(0) / 0x1_0000_0000 < 0.7;
  }
  return String(correct ? right : right + 1n);
}

function errorType(status: number): string {
  switch (status) {
    case 400: return 'invalid_request_error';
    case 401: return 'authentication_error';
    case 403: return 'permission_error';
    case 404: return 'not_found_error';
    case 408: return 'timeout_error';
    case 429: return 'rate_limit_error';
    default: return status >= 500 ? 'server_error' : 'api_error';
  }
}

function contentToString(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((p) => (p && typeof p === 'object' && typeof (p as any).text === 'string' ? (p as any).text : ''))
      .join('');
  }
  return content == null ? '' : String(content);
}

function tokens(s: string): number {
  return Math.max(1, Math.ceil(s.length / 4));
}

export function startFakeServer(opts: FakeServerOptions = {}): Promise<FakeServer> {
  const latencyMs = opts.latencyMs ?? 0;
  const record = opts.record ?? true;
  const models = opts.models ?? DEFAULT_MODELS;

  const requests: RequestLog[] = [];
  const pairCounts = new Map<string, number>(); // model \0 prompt -> count
  const modelCounts = new Map<string, number>();
  let total = 0;
  let idSeq = 0;
  const timers = new Set<NodeJS.Timeout>();

  const pairKey = (model: string, prompt: string) => model + '\u0000' + prompt;

  function sendJson(res: http.ServerResponse, status: number, obj: unknown, extra?: Record<string, string>): void {
    const body = JSON.stringify(obj);
    res.writeHead(status, {
      ...extra,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  }

  function sendError(res: http.ServerResponse, status: number, message: string, extra?: Record<string, string>): void {
    sendJson(res, status, { error: { message, type: errorType(status) } }, extra);
  }

  function later(ms: number, fn: () => void): void {
    if (ms <= 0) return fn();
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  }

  function handleChat(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    const log = (entry: Omit<RequestLog, 'authorization'>): void => {
      if (!record) return;
      const e: RequestLog = { ...entry };
      if (authorization !== undefined) e.authorization = authorization;
      requests.push(e);
    };

    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      log({ model: '', prompt: '', attempt: 0, status: 400, body: raw });
      return sendError(res, 400, 'Request body is not valid JSON');
    }
    if (!body || typeof body !== 'object' || typeof body.model !== 'string' || !Array.isArray(body.messages)) {
      log({ model: typeof body?.model === 'string' ? body.model : '', prompt: '', attempt: 0, status: 400, body });
      return sendError(res, 400, 'Request must have a string "model" and an array "messages"');
    }

    const model: string = body.model;
    const messages = (body.messages as any[]).map((m) => ({
      role: typeof m?.role === 'string' ? m.role : '',
      content: contentToString(m?.content),
    }));
    let prompt = '';
    for (const m of messages) {
      if (m.role === 'user') prompt = prompt ? prompt + '\n' + m.content : m.content;
    }

    const key = pairKey(model, prompt);
    const attempt = (pairCounts.get(key) ?? 0) + 1;
    pairCounts.set(key, attempt);
    modelCounts.set(model, (modelCounts.get(model) ?? 0) + 1);
    total++;

    let reply: FakeReply | undefined;
    try {
      reply = opts.answer?.({ model, prompt, messages, body, attempt, headers: req.headers });
    } catch (err) {
      reply = { status: 500, text: `answer() threw: ${err instanceof Error ? err.message : String(err)}` };
    }
    reply ??= {};
    const status = reply.status ?? 200;
    log({ model, prompt, attempt, status, body });

    const stream = body.stream === true;
    const delay = reply.delayMs ?? latencyMs;
    const r = reply;
    later(delay, () => {
      if (res.destroyed || res.writableEnded) return;
      const extra = r.headers;
      if (r.rawBody !== undefined) {
        res.writeHead(status, {
          ...extra,
          'content-type': stream && status < 400 ? 'text/event-stream' : 'application/json',
          'content-length': Buffer.byteLength(r.rawBody),
        });
        res.end(r.rawBody);
        return;
      }
      if (status >= 400) {
        return sendError(res, status, r.text ?? `Fake upstream error ${status}`, extra);
      }
      const text = r.text ?? arithmeticAnswer(model, prompt);
      let usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | undefined;
      if (r.usage !== null) {
        const pt = r.usage ? r.usage.prompt_tokens : tokens(prompt);
        const ct = r.usage ? r.usage.completion_tokens : tokens(text);
        usage = { prompt_tokens: pt, completion_tokens: ct, total_tokens: pt + ct };
      }
      const id = `chatcmpl-fake-${++idSeq}`;
      const created = Math.floor(Date.now() / 1000);
      if (!stream) {
        const out: Record<string, unknown> = {
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        };
        if (usage) out.usage = usage;
        return sendJson(res, status, out, extra);
      }
      // SSE streaming
      res.writeHead(status, {
        ...extra,
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
      });
      const chunk = (delta: Record<string, unknown>, finish: string | null, u?: typeof usage): string => {
        const c: Record<string, unknown> = {
          id,
          object: 'chat.completion.chunk',
          created,
          model,
          choices: u ? [] : [{ index: 0, delta, finish_reason: finish }],
        };
        if (u) c.usage = u;
        return `data: ${JSON.stringify(c)}\n\n`;
      };
      let out = chunk({ role: 'assistant', content: '' }, null);
      const pieceLen = Math.max(1, Math.ceil(text.length / 3));
      for (let i = 0; i < text.length; i += pieceLen) out += chunk({ content: text.slice(i, i + pieceLen) }, null);
      out += chunk({}, 'stop');
      if (usage) out += chunk({}, null, usage);
      out += 'data: [DONE]\n\n';
      res.end(out);
    });
  }

  /**
   * Legacy completions with `echo` and `logprobs` (as vLLM and llama.cpp server give them): the prompt is
   * split into word tokens; a number token that answers the prompt's "What is A + B?" gets log-probability
   * −0.1 and any other number −3 (a "wrong" model inverts that); other tokens −1.
   */
  function handleCompletion(res: http.ServerResponse, raw: string): void {
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      return sendError(res, 400, 'Request body is not valid JSON');
    }
    const prompt = String(body.prompt ?? '');
    total++;
    modelCounts.set(body.model, (modelCounts.get(body.model) ?? 0) + 1);
    if (record) requests.push({ model: body.model, prompt, attempt: 1, status: 200, body });
    if (!body.echo || !body.logprobs) return sendError(res, 400, 'this fake only answers echo + logprobs requests');
    const truth = arithmeticAnswer('perfect', prompt);
    const wrong = String(body.model).startsWith('wrong');
    const tokensOut: string[] = [];
    const logprobs: Array<number | null> = [];
    const offsets: number[] = [];
    for (const m of prompt.matchAll(/\s*\S+/g)) {
      tokensOut.push(m[0]);
      offsets.push(m.index!);
      const word = m[0].trim();
      const isNumber = /^-?\d+$/.test(word);
      const right = word === truth;
      logprobs.push(tokensOut.length === 1 ? null : isNumber ? (right !== wrong ? -0.1 : -3) : -1);
    }
    sendJson(res, 200, {
      id: `cmpl-fake-${++idSeq}`,
      object: 'text_completion',
      model: body.model,
      choices: [{ index: 0, text: prompt, finish_reason: 'length', logprobs: { tokens: tokensOut, token_logprobs: logprobs, text_offset: offsets } }],
      usage: { prompt_tokens: tokensOut.length, completion_tokens: 0, total_tokens: tokensOut.length },
    });
  }

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);

    if (path === '/v1/completions' && req.method === 'POST') {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (raw += c));
      req.on('end', () => handleCompletion(res, raw));
      return;
    }
    if (path === '/v1/chat/completions') {
      if (req.method !== 'POST') return sendError(res, 405, `Method ${req.method} not allowed on ${path}`);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => handleChat(req, res, chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
      req.on('error', () => res.destroy());
      return;
    }
    // Drain any body so keep-alive connections stay usable.
    req.resume();
    if (path === '/v1/models' && req.method === 'GET') {
      return sendJson(res, 200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake-llm-server' })),
      });
    }
    sendError(res, 404, `Unknown path: ${req.method} ${path}`);
  });
  // Outlive typical client agent idle timeouts, so a reused socket is never closed under the client.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  return new Promise<FakeServer>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      let closing: Promise<void> | undefined;
      resolve({
        url: `http://127.0.0.1:${port}/v1`,
        port,
        requests,
        countFor(model: string, prompt?: string): number {
          return prompt === undefined ? (modelCounts.get(model) ?? 0) : (pairCounts.get(pairKey(model, prompt)) ?? 0);
        },
        get totalRequests() {
          return total;
        },
        reset(): void {
          requests.length = 0;
          pairCounts.clear();
          modelCounts.clear();
          total = 0;
        },
        close(): Promise<void> {
          closing ??= new Promise<void>((res) => {
            for (const t of timers) clearTimeout(t);
            timers.clear();
            server.close(() => res());
            server.closeAllConnections();
          });
          return closing;
        },
      });
    });
  });
}
