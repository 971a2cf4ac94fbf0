import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { postEventStream, TransportError } from './http.js';

let server: http.Server;
let base: string;
before(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/sse') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"n":1}\n\n');
      setTimeout(() => {
        res.write('event: x\r\ndata: {"n":2}\r\n\r\n');
        res.end('data: {"n":3}'); // last event without its blank line
      }, 30);
    } else if (req.url === '/json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"plain":true}');
    } else if (req.url === '/truncated') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {"n":');
    } else if (req.url === '/slow') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"n":1}\n\n'); // then nothing: the timeout must fire
    } else {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"down"}}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

test('postEventStream hands over every data payload as it arrives, CRLF and an unterminated last event included', async () => {
  const seen: Array<{ data: string; at: number }> = [];
  const start = performance.now();
  const res = await postEventStream(new URL(`${base}/sse`), '{}', {}, 5000, (data) => seen.push({ data, at: performance.now() - start }));
  assert.equal(res.status, 200);
  assert.equal(res.body, '');
  assert.deepEqual(seen.map((s) => s.data), ['{"n":1}', '{"n":2}', '{"n":3}']);
  assert.ok(seen[1]!.at - seen[0]!.at >= 20, 'the first event arrived before the rest were sent');
});

test('a plain JSON answer or an error is read whole; a truncated event fails to parse; the timeout covers the stream', async () => {
  const json = await postEventStream(new URL(`${base}/json`), '{}', {}, 5000, () => assert.fail('no events expected'));
  assert.equal(json.body, '{"plain":true}');
  const error = await postEventStream(new URL(`${base}/down`), '{}', {}, 5000, () => assert.fail('no events expected'));
  assert.deepEqual([error.status, error.body], [503, '{"error":{"message":"down"}}']);
  await assert.rejects(postEventStream(new URL(`${base}/truncated`), '{}', {}, 5000, (d) => JSON.parse(d)), SyntaxError);
  await assert.rejects(postEventStream(new URL(`${base}/slow`), '{}', {}, 150, () => undefined), (err: unknown) => err instanceof TransportError && err.timedOut);
});
