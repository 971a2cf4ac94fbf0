import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoCategory, DemoItem } from './demo-suite.js';

/** A simulated model: its price, speed and how often it answers each category right. */
export interface SimulatedModel {
  id: string;
  price: { input: number; output: number };
  latencyMs: number;
  accuracy: Record<DemoCategory, number>;
  /** Share of first attempts answered with HTTP 429, to show retries. */
  rateLimitShare: number;
  /** How it phrases an answer. */
  style: 'terse' | 'chatty';
  /** A relabelled copy: it gives exactly the answers of this other model (same right and wrong answers). */
  copyOf?: string;
}

/** A clearly fictional market: an honest price ladder, plus a look-alike that resells sim-small at four times its price. */
export const SIMULATED_MODELS: SimulatedModel[] = [
  { id: 'sim-nano', price: { input: 0.05, output: 0.2 }, latencyMs: 8, accuracy: { addition: 0.85, multiplication: 0.45, 'multi-step': 0.3, 'word-problem': 0.35 }, rateLimitShare: 0.05, style: 'terse' },
  { id: 'sim-small', price: { input: 0.15, output: 0.6 }, latencyMs: 14, accuracy: { addition: 0.96, multiplication: 0.72, 'multi-step': 0.55, 'word-problem': 0.62 }, rateLimitShare: 0, style: 'terse' },
  { id: 'sim-lookalike', price: { input: 0.6, output: 2.4 }, latencyMs: 16, accuracy: { addition: 0.96, multiplication: 0.72, 'multi-step': 0.55, 'word-problem': 0.62 }, rateLimitShare: 0, style: 'chatty', copyOf: 'sim-small' },
  { id: 'sim-medium', price: { input: 1, output: 4 }, latencyMs: 24, accuracy: { addition: 0.99, multiplication: 0.9, 'multi-step': 0.82, 'word-problem': 0.86 }, rateLimitShare: 0, style: 'chatty' },
  { id: 'sim-large', price: { input: 5, output: 15 }, latencyMs: 40, accuracy: { addition: 1, multiplication: 0.97, 'multi-step': 0.93, 'word-problem': 0.94 }, rateLimitShare: 0, style: 'chatty' },
];

function unit(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

export interface RunningMarket {
  url: string;
  close(): Promise<void>;
}

/**
 * Serve the simulated market as an OpenAI-compatible `/v1/chat/completions` endpoint on loopback.
 * Each model answers each demo item right with its category's probability, decided by a hash, so
 * the market is the same on every machine.
 */
export async function startSimulatedMarket(items: DemoItem[], port = 0): Promise<RunningMarket> {
  const byPrompt = new Map(items.map((item) => [item.input, item]));
  const models = new Map(SIMULATED_MODELS.map((m) => [m.id, m]));
  const attempts = new Map<string, number>();

  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/v1/models') {
      return send(200, { object: 'list', data: SIMULATED_MODELS.map((m) => ({ id: m.id, object: 'model', owned_by: 'ricegrade-simulation' })) });
    }
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(404, { error: { message: 'not found' } });
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      let body: { model?: string; stream?: boolean; messages?: Array<{ role: string; content: string }> };
      try {
        body = JSON.parse(raw) as typeof body;
      } catch {
        return send(400, { error: { message: 'invalid JSON' } });
      }
      const model = models.get(body.model ?? '');
      if (!model) return send(404, { error: { message: `model ${body.model} does not exist in the simulated market` } });
      const prompt = (body.messages ?? []).filter((m) => m.role === 'user').map((m) => m.content).join('\n');
      const key = `${model.id}\u0000${prompt}`;
      const answerKey = `${model.copyOf ?? model.id}\u0000${prompt}`;
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      if (attempt === 1 && unit(`429${key}`) < model.rateLimitShare) {
        return send(429, { error: { message: 'simulated rate limit', type: 'rate_limit_error' } }, { 'retry-after': '0' });
      }
      const item = byPrompt.get(prompt);
      let text: string;
      if (!item) text = 'I am a simulated model and only know the demo suite.';
      else {
        const right = unit(answerKey) < model.accuracy[item.category];
        const value = right ? item.expected : item.expected + 1 + Math.floor(unit(`off${answerKey}`) * 20);
        text = model.style === 'terse' ? String(value) : `Let me work it out. The answer is ${value}.`;
      }
      const usage = { prompt_tokens: tokens(prompt) + 8, completion_tokens: tokens(text), total_tokens: tokens(prompt) + 8 + tokens(text) };
      if (body.stream) {
        // Server-Sent Events: the first token after the model's latency, the rest a little later, usage last.
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const chunk = (delta: object, extra: object = {}) =>
          res.write(`data: ${JSON.stringify({ id: `sim-${attempt}`, object: 'chat.completion.chunk', model: model.id, choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`);
        setTimeout(() => {
          const words = text.split(/(?<= )/);
          chunk({ role: 'assistant', content: words[0] ?? '' });
          setTimeout(() => {
            for (const word of words.slice(1)) chunk({ content: word });
            res.write(`data: ${JSON.stringify({ id: `sim-${attempt}`, object: 'chat.completion.chunk', model: model.id, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage })}\n\n`);
            res.end('data: [DONE]\n\n');
          }, Math.ceil(model.latencyMs / 4));
        }, model.latencyMs);
        return;
      }
      setTimeout(() => {
        send(200, {
          id: `sim-${attempt}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: model.id,
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
          usage,
        });
      }, model.latencyMs);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
