import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { arithmeticAnswer, startFakeServer, type FakeServer } from './fake-llm-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

async function chat(
  server: FakeServer,
  model: string,
  prompt: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      model,
      messages: [
        { role: 'system', content: 'You are a calculator.' },
        { role: 'user', content: prompt },
      ],
      ...extra,
    }),
  });
}

describe('arithmeticAnswer', () => {
  it('is deterministic and respects perfect/wrong prefixes', () => {
    assert.equal(arithmeticAnswer('perfect-x', 'What is 2 + 3?'), '5');
    assert.equal(arithmeticAnswer('perfect-x', 'What is 2 - 3?'), '-1');
    assert.equal(arithmeticAnswer('perfect-x', 'What is 12 * 3?'), '36');
    assert.equal(arithmeticAnswer('wrong-x', 'What is 2 + 3?'), '6');
    assert.equal(arithmeticAnswer('any', 'Tell me a joke'), "I don't know");
    assert.equal(arithmeticAnswer('m', 'What is 7 * 8?'), arithmeticAnswer('m', 'What is 7 * 8?'));
  });

  it('has roughly 70% accuracy for other models', () => {
    let right = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) {
      if (arithmeticAnswer('mid-model', `What is ${i} + 1?`) === String(i + 1)) right++;
    }
    assert.ok(right / n > 0.65 && right / n < 0.75, `accuracy ${right / n}`);
  });
});

describe('fake LLM server', () => {
  let server: FakeServer;
  const script = new Map<string, number>();

  before(async () => {
    server = await startFakeServer({
      answer: ({ model, attempt }) => {
        if (model === 'flaky' && attempt === 1) return { status: 429, headers: { 'retry-after': '0' }, text: 'slow down' };
        if (model === 'malformed') return { rawBody: '{"choices": [' };
        if (model === 'no-usage') return { text: 'hi', usage: null };
        if (model === 'boom') return { status: 500 };
        if (model === 'custom-usage') return { text: 'ok', usage: { prompt_tokens: 11, completion_tokens: 22 } };
        script.set(model, (script.get(model) ?? 0) + 1);
        return undefined;
      },
    });
  });
  after(async () => {
    await server.close();
  });

  it('answers a normal completion with usage in OpenAI shape', async () => {
    server.reset();
    const prompt = 'What is 40 + 2?';
    const res = await chat(server, 'perfect-1', prompt, {}, { authorization: 'Bearer sk-test' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const body = (await res.json()) as any;
    assert.equal(body.object, 'chat.completion');
    assert.equal(body.model, 'perfect-1');
    assert.equal(typeof body.id, 'string');
    assert.equal(typeof body.created, 'number');
    assert.deepEqual(body.choices, [
      { index: 0, message: { role: 'assistant', content: '42' }, finish_reason: 'stop' },
    ]);
    assert.deepEqual(body.usage, {
      prompt_tokens: Math.ceil(prompt.length / 4),
      completion_tokens: 1,
      total_tokens: Math.ceil(prompt.length / 4) + 1,
    });
    assert.equal(server.requests.length, 1);
    const log = server.requests[0]!;
    assert.equal(log.model, 'perfect-1');
    assert.equal(log.prompt, prompt);
    assert.equal(log.attempt, 1);
    assert.equal(log.status, 200);
    assert.equal(log.authorization, 'Bearer sk-test');
    assert.equal(log.body.messages.length, 2);
  });

  it('uses explicit usage overrides', async () => {
    const body = (await (await chat(server, 'custom-usage', 'x')).json()) as any;
    assert.deepEqual(body.usage, { prompt_tokens: 11, completion_tokens: 22, total_tokens: 33 });
  });

  it('counts attempts per (model, prompt) pair', async () => {
    server.reset();
    await chat(server, 'counter', 'What is 1 + 1?');
    await chat(server, 'counter', 'What is 1 + 1?');
    await chat(server, 'counter', 'What is 2 + 2?');
    await chat(server, 'other', 'What is 1 + 1?');
    assert.deepEqual(server.requests.map((r) => [r.model, r.attempt]), [
      ['counter', 1],
      ['counter', 2],
      ['counter', 1],
      ['other', 1],
    ]);
    assert.equal(server.countFor('counter'), 3);
    assert.equal(server.countFor('counter', 'What is 1 + 1?'), 2);
    assert.equal(server.countFor('other', 'What is 2 + 2?'), 0);
    assert.equal(server.totalRequests, 4);
    server.reset();
    assert.equal(server.countFor('counter'), 0);
    assert.equal(server.requests.length, 0);
    await chat(server, 'counter', 'What is 1 + 1?');
    assert.equal(server.requests[0]!.attempt, 1);
  });

  it('scripts a 429 then success', async () => {
    server.reset();
    const first = await chat(server, 'flaky', 'What is 3 * 3?');
    assert.equal(first.status, 429);
    assert.equal(first.headers.get('retry-after'), '0');
    assert.deepEqual(await first.json(), { error: { message: 'slow down', type: 'rate_limit_error' } });
    const second = await chat(server, 'flaky', 'What is 3 * 3?');
    assert.equal(second.status, 200);
    const body = (await second.json()) as any;
    assert.equal(typeof body.choices[0].message.content, 'string');
    assert.deepEqual(server.requests.map((r) => [r.attempt, r.status]), [
      [1, 429],
      [2, 200],
    ]);
  });

  it('sends error JSON for 5xx', async () => {
    const res = await chat(server, 'boom', 'x');
    assert.equal(res.status, 500);
    const body = (await res.json()) as any;
    assert.equal(body.error.type, 'server_error');
    assert.equal(typeof body.error.message, 'string');
  });

  it('sends rawBody verbatim', async () => {
    const res = await chat(server, 'malformed', 'What is 1 + 1?');
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '{"choices": [');
  });

  it('omits usage when usage is null', async () => {
    const body = (await (await chat(server, 'no-usage', 'hello')).json()) as any;
    assert.equal(body.choices[0].message.content, 'hi');
    assert.equal('usage' in body, false);
  });

  it('streams SSE chunks ending with [DONE] and a usage chunk', async () => {
    const prompt = 'What is 123456 + 654321?';
    const res = await chat(server, 'perfect-stream', prompt, { stream: true });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const text = await res.text();
    const events = text
      .split('\n\n')
      .filter((e) => e.trim() !== '')
      .map((e) => {
        assert.ok(e.startsWith('data: '), e);
        return e.slice('data: '.length);
      });
    assert.equal(events.at(-1), '[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as any);
    assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'perfect-stream'));
    const content = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    assert.equal(content, '777777');
    assert.ok(chunks.some((c) => c.choices[0]?.finish_reason === 'stop'));
    const last = chunks.at(-1);
    assert.deepEqual(last.usage, {
      prompt_tokens: Math.ceil(prompt.length / 4),
      completion_tokens: 2,
      total_tokens: Math.ceil(prompt.length / 4) + 2,
    });
  });

  it('lists models and 404s unknown paths', async () => {
    const res = await fetch(`${server.url}/models`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as any;
    assert.equal(body.object, 'list');
    assert.ok(Array.isArray(body.data) && body.data.length > 0);
    assert.equal(body.data[0].object, 'model');

    const missing = await fetch(`${server.url}/nope`);
    assert.equal(missing.status, 404);
    const err = (await missing.json()) as any;
    assert.equal(typeof err.error.message, 'string');
  });

  it('rejects invalid JSON bodies with a 400 error', async () => {
    const res = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: '{nope' });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as any).error.type, 'invalid_request_error');
  });
});

describe('fake LLM server connections', () => {
  function post(agent: http.Agent, port: number, model: string): Promise<{ status: number; socket: unknown; body: string }> {
    return new Promise((resolve, reject) => {
      const payload = JSON.stringify({ model, messages: [{ role: 'user', content: 'What is 1 + 1?' }] });
      const req = http.request(
        { host: '127.0.0.1', port, path: '/v1/chat/completions', method: 'POST', agent, headers: { 'content-type': 'application/json' } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket, body }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  it('reuses keep-alive sockets, honours latency, and close() ends idle sockets', async () => {
    const server = await startFakeServer({ record: false, latencyMs: 20 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const t0 = Date.now();
      const a = await post(agent, server.port, 'perfect-a');
      assert.ok(Date.now() - t0 >= 15);
      const b = await post(agent, server.port, 'perfect-a');
      assert.equal(a.status, 200);
      assert.equal(b.status, 200);
      assert.equal(a.socket, b.socket);
      assert.equal(server.requests.length, 0, 'record:false keeps no log');
      assert.equal(server.countFor('perfect-a'), 2);
      assert.equal(server.countFor('perfect-a', 'What is 1 + 1?'), 2);
    } finally {
      const t = Date.now();
      await server.close();
      assert.ok(Date.now() - t < 1000, 'close() should not wait for keep-alive timeout');
      agent.destroy();
    }
  });

  it('close() aborts replies still waiting on delayMs', async () => {
    const server = await startFakeServer({ answer: () => ({ delayMs: 10_000 }) });
    const pending = fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    }).then(
      () => 'resolved',
      () => 'rejected',
    );
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    const t = Date.now();
    await server.close();
    assert.ok(Date.now() - t < 1000);
    assert.equal(await pending, 'rejected');
  });
});

describe('standalone entry', () => {
  it('prints listening <port>, serves, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fake-llm-server-main.ts'), '--port', '0', '--latency-ms', '0'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no "listening" line; stderr: ${stderr}`)), 20_000);
        child.stdout.setEncoding('utf8').on('data', (c: string) => {
          out += c;
          const m = /listening (\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
        child.on('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`exited early with ${code}; stderr: ${stderr}`));
        });
      });
      assert.ok(port > 0);
      const res = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'perfect-main', messages: [{ role: 'user', content: 'What is 2 * 21?' }] }),
      });
      assert.equal(((await res.json()) as any).choices[0].message.content, '42');
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, stderr);
  });
});
