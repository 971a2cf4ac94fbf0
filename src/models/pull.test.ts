import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RicegradeError } from '../errors.js';
import { fileNameFromContentDisposition, fileNameFromUrl, isHuggingFaceUrl, pullModel, type PullOptions } from './pull.js';

// ---- a fake model and a local server that serves it ------------------------------------------

/** 'GGUF' + `size` seeded pseudo-random bytes (mulberry32). */
function fakeGguf(size: number, seed = 42): Buffer {
  const out = Buffer.alloc(4 + size);
  out.write('GGUF', 0, 'ascii');
  let a = seed >>> 0;
  for (let i = 4; i < out.length; i += 4) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const v = (t ^ (t >>> 14)) >>> 0;
    for (let k = 0; k < 4 && i + k < out.length; k++) out[i + k] = (v >>> (8 * k)) & 0xff;
  }
  return out;
}

const MODEL = fakeGguf(3 * 1024 * 1024);
const MODEL_SHA = createHash('sha256').update(MODEL).digest('hex');
const FILE_PATH = '/org/repo/resolve/main/tiny-model.Q4_K_M.gguf';
const FAST = { backoffMs: 5 } satisfies Partial<PullOptions>;

interface Seen {
  method: string;
  url: string;
  range: string | undefined;
  authorization: string | undefined;
}

interface TestServer {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, index: number) => void | Promise<void>;

async function startServer(handler: Handler): Promise<TestServer> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const index = seen.length;
    seen.push({ method: req.method ?? '', url: req.url ?? '', range: req.headers.range, authorization: req.headers.authorization });
    Promise.resolve(handler(req, res, index)).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function writeChunk(res: http.ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => res.write(chunk, (err) => (err ? reject(err) : resolve())));
}

interface ServeOptions {
  /** Destroy the socket after this many body bytes of this response. */
  dropAfter?: number;
  /** Answer 200 with the whole file even when a Range is asked. */
  ignoreRange?: boolean;
  /** Lie in Content-Range about where the bytes start. */
  rangeStartOffBy?: number;
  chunkSize?: number;
  delayMs?: number;
  headers?: Record<string, string>;
}

/** Serve `body` with Range support (206 / 416), optionally dropping the connection mid-file. */
async function serveFile(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, opts: ServeOptions = {}): Promise<void> {
  const m = !opts.ignoreRange && req.headers.range ? /^bytes=(\d+)-$/.exec(req.headers.range) : null;
  let start = 0;
  if (m) {
    start = Number(m[1]);
    if (start >= body.length) {
      res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    const shown = start + (opts.rangeStartOffBy ?? 0);
    res.writeHead(206, { ...opts.headers, 'content-length': body.length - start, 'content-range': `bytes ${shown}-${body.length - 1}/${body.length}` });
  } else {
    res.writeHead(200, { ...opts.headers, 'content-length': body.length, 'accept-ranges': 'bytes' });
  }
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const end = opts.dropAfter === undefined ? body.length : Math.min(body.length, start + opts.dropAfter);
  const chunkSize = opts.chunkSize ?? 64 * 1024;
  for (let pos = start; pos < end; pos += chunkSize) {
    await writeChunk(res, body.subarray(pos, Math.min(end, pos + chunkSize)));
    if (opts.delayMs) await sleep(opts.delayMs);
  }
  if (end < body.length) req.socket.destroy();
  else res.end();
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ricegrade-pull-'));
}

function isError(code: string, pattern: RegExp) {
  return (err: unknown) => {
    assert.ok(RicegradeError.isInstance(err), `expected a RicegradeError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.match(err.message, pattern);
    assert.doesNotMatch(err.message, /\n/, 'one line');
    return true;
  };
}

function assertModelAt(path: string): void {
  const got = readFileSync(path);
  assert.equal(got.length, MODEL.length);
  assert.ok(got.equals(MODEL), 'identical bytes');
  assert.equal(createHash('sha256').update(got).digest('hex'), MODEL_SHA);
  assert.ok(!existsSync(`${path}.part`), 'no .part left');
}

// ---- pure helpers ------------------------------------------------------------------------

test('file names: decoded last URL segment; Content-Disposition; Hugging Face hosts', () => {
  assert.equal(fileNameFromUrl('https://huggingface.co/o/r/resolve/main/My%20Model.Q8_0.gguf?download=true'), 'My Model.Q8_0.gguf');
  assert.equal(fileNameFromUrl('https://example.com/a/%2E%2E'), undefined);
  assert.equal(fileNameFromUrl('https://example.com/a/x%2Fy.gguf'), undefined);
  assert.equal(fileNameFromUrl('https://example.com/'), undefined);
  assert.equal(fileNameFromContentDisposition('attachment; filename="a b.gguf"'), 'a b.gguf');
  assert.equal(fileNameFromContentDisposition("attachment; filename*=UTF-8''caf%C3%A9.gguf; filename=\"cafe.gguf\""), 'café.gguf');
  assert.equal(fileNameFromContentDisposition('attachment; filename=plain.gguf'), 'plain.gguf');
  assert.equal(fileNameFromContentDisposition('attachment; filename="../../etc/x.gguf"'), undefined);
  assert.equal(fileNameFromContentDisposition(undefined), undefined);
  assert.ok(isHuggingFaceUrl(new URL('https://huggingface.co/o/r/resolve/main/x.gguf')));
  assert.ok(isHuggingFaceUrl(new URL('https://cdn-lfs.hf.co/x')));
  assert.ok(!isHuggingFaceUrl(new URL('http://huggingface.co/o/r/resolve/main/x.gguf')), 'never over plain http');
  assert.ok(!isHuggingFaceUrl(new URL('https://huggingface.co.evil.example/x.gguf')));
  assert.ok(!isHuggingFaceUrl(new URL('https://127.0.0.1/x.gguf')));
});

test('bad arguments are ARGUMENT_INVALID (exit 2) and send nothing', async () => {
  const server = await startServer((req, res) => serveFile(req, res, MODEL));
  try {
    const dir = tempDir();
    const bad = async (options: Partial<PullOptions>, pattern: RegExp) =>
      assert.rejects(pullModel({ url: `${server.url}${FILE_PATH}`, dir, ...FAST, ...options }), (err) => {
        isError('ARGUMENT_INVALID', pattern)(err);
        assert.equal((err as RicegradeError).exitCode, 2);
        return true;
      });
    await bad({ sha256: 'abc' }, /--sha256: expected 64 hexadecimal/);
    await bad({ sha256: 'g'.repeat(64) }, /--sha256/);
    await bad({ url: 'ftp://example.com/x.gguf' }, /only http and https/);
    await bad({ url: 'not a url' }, /is not a URL/);
    assert.equal(server.seen.length, 0);
  } finally {
    await server.close();
  }
});

test('a URL whose name is not .gguf is refused, naming the URL, unless the server names a .gguf file', async () => {
  const server = await startServer((req, res) => {
    if (req.url?.startsWith('/named')) return serveFile(req, res, MODEL, { headers: { 'content-disposition': 'attachment; filename="served.gguf"' } });
    return serveFile(req, res, MODEL);
  });
  try {
    const dir = tempDir();
    await assert.rejects(pullModel({ url: `${server.url}/files/model.bin`, dir, ...FAST }), isError('ARGUMENT_INVALID', /files\/model\.bin.*does not end in \.gguf/));
    const result = await pullModel({ url: `${server.url}/named?id=7`, dir, ...FAST });
    assert.equal(result.name, 'served.gguf');
    assertModelAt(join(dir, 'served.gguf'));
  } finally {
    await server.close();
  }
});

// ---- downloads ---------------------------------------------------------------------------

test('downloads the file with identical bytes and sha256, via a .part, verified when --sha256 is given', async () => {
  const server = await startServer((req, res) => serveFile(req, res, MODEL));
  try {
    const dir = join(tempDir(), 'models', 'nested');
    const progress: number[] = [];
    const result = await pullModel({ url: `${server.url}${FILE_PATH}`, dir, sha256: MODEL_SHA.toUpperCase(), ...FAST, events: { onProgress: (b) => progress.push(b) } });
    assert.equal(result.status, 'downloaded');
    assert.equal(result.path, join(dir, 'tiny-model.Q4_K_M.gguf'));
    assert.equal(result.sha256, MODEL_SHA);
    assert.equal(result.bytes, MODEL.length);
    assert.equal(result.resumedFrom, 0);
    assert.equal(server.seen.length, 1);
    assert.equal(server.seen[0]!.range, undefined);
    assert.equal(progress.at(-1), MODEL.length);
    assertModelAt(result.path);
  } finally {
    await server.close();
  }
});

test('a connection dropped mid-file is retried, resuming with Range from the bytes already written', async () => {
  const DROP = 1_000_000;
  const server = await startServer((req, res, i) => serveFile(req, res, MODEL, i === 0 ? { dropAfter: DROP } : {}));
  try {
    const dir = tempDir();
    const retries: Array<{ attempt: number; bytes: number; delayMs: number }> = [];
    const result = await pullModel({ url: `${server.url}${FILE_PATH}`, dir, sha256: MODEL_SHA, ...FAST, events: { onRetry: (r) => retries.push(r) } });
    assert.equal(retries.length, 1);
    const resumedAt = retries[0]!.bytes;
    assert.ok(resumedAt > 0 && resumedAt <= DROP, `resumed at ${resumedAt}`);
    assert.equal(server.seen.length, 2);
    assert.equal(server.seen[1]!.range, `bytes=${resumedAt}-`);
    assert.equal(result.sha256, MODEL_SHA);
    assertModelAt(result.path);
  } finally {
    await server.close();
  }
});

test('several drops in a row, each making progress, still complete', async () => {
  const server = await startServer((req, res, i) => serveFile(req, res, MODEL, i < 6 ? { dropAfter: 300_000 } : {}));
  try {
    const dir = tempDir();
    const result = await pullModel({ url: `${server.url}${FILE_PATH}`, dir, sha256: MODEL_SHA, ...FAST });
    assert.equal(server.seen.length, 7);
    for (const s of server.seen.slice(1)) assert.match(s.range ?? '', /^bytes=[1-9]\d*-$/);
    assertModelAt(result.path);
  } finally {
    await server.close();
  }
});

test('gives up after 5 attempts without progress (backoff doubling), keeps the .part, and a later pull resumes it', async () => {
  let healthy = false;
  const server = await startServer((req, res, i) => {
    if (i === 0) return serveFile(req, res, MODEL, { dropAfter: 500_000 });
    if (!healthy) return serveFile(req, res, MODEL, { dropAfter: 0 });
    return serveFile(req, res, MODEL);
  });
  try {
    const dir = tempDir();
    const delays: number[] = [];
    await assert.rejects(
      pullModel({ url: `${server.url}${FILE_PATH}`, dir, backoffMs: 2, events: { onRetry: (r) => delays.push(r.delayMs) } }),
      isError('PROVIDER_HTTP', /failed after 5 attempts.*partial file .*tiny-model\.Q4_K_M\.gguf\.part .*is kept: run the same command again to resume/),
    );
    // The first attempt made progress and dropped; attempts 2–5 add nothing: delays 2, 4, 8, 16 ms, then it gives up.
    assert.deepEqual(delays, [2, 4, 8, 16]);
    assert.equal(server.seen.length, 5);
    const part = join(dir, 'tiny-model.Q4_K_M.gguf.part');
    const kept = readFileSync(part);
    assert.ok(kept.length > 0 && kept.equals(MODEL.subarray(0, kept.length)), 'the part holds the start of the file');

    healthy = true;
    const before = server.seen.length;
    const result = await pullModel({ url: `${server.url}${FILE_PATH}`, dir, sha256: MODEL_SHA, ...FAST });
    assert.equal(server.seen[before]!.range, `bytes=${kept.length}-`);
    assert.equal(result.resumedFrom, kept.length);
    assertModelAt(result.path);
  } finally {
    await server.close();
  }
});

test('resumes an existing .part (hashing it first) and verifies the whole file', async () => {
  const server = await startServer((req, res) => serveFile(req, res, MODEL));
  try {
    const dir = tempDir();
    writeFileSync(join(dir, 'tiny-model.Q4_K_M.gguf.part'), MODEL.subarray(0, 1_234_567));
    const result = await pullModel({ url: `${server.url}${FILE_PATH}`, dir, sha256: MODEL_SHA, ...FAST });
    assert.equal(server.seen.length, 1);
    assert.equal(server.seen[0]!.range, 'bytes=1234567-');
    assert.equal(result.resumedFrom, 1_234_567);
    assertModelAt(result.path);
  } finally {
    await server.close();
  }
});

test('a .part that does not start with GGUF (left by an old crash) is discarded, not resumed', async () => {
  const server = await startServer((req, res) => serveFile(req, res, MODEL));
  try {
    const dir = tempDir();
    writeFileSync(join(dir, 'tiny-model.Q4_K_M.gguf.part'), '<html>garbage');
    const result = await pullModel({ url: `${server.url}${FILE_PATH}`, dir, sha256: MODEL_SHA, ...FAST });
    assert.equal(server.seen[0]!.range, undefined);
    assert.equal(result.resumedFrom, 0);
    assertModelAt(result.path);
  } finally {
    await server.close();
  }
});

test('a server that ignores Range (200) makes the pull start over, truncating the part', async () => {
  const server = await startServer((req, res) => serveFile(req, res, MODEL, { ignoreRange: true }));
  try {
    const dir = tempDir();
    writeFileSync(join(dir, 'tiny-model.Q4_K_M.gguf.part'), MODEL.subarray(0, 700_000));
    const notes: string[] = [];
    const result = await pullModel({ url: `${server.url}${FILE_PATH}`, dir, sha256: MODEL_SHA, ...FAST, events: { onNote: (t) => notes.push(t) } });
    assert.equal(server.seen[0]!.range, 'bytes=700000-');
    assert.match(notes.join('\n'), /does not resume downloads: starting .* over/);
    assert.equal(result.resumedFrom, 0);
    assertModelAt(result.path);
  } finally {
    await server.close();
  }
});

test('a 206 whose Content-Range does not start where asked is not appended: the pull starts over', async () => {
  const server = await startServer((req, res, i) => serveFile(req, res, MODEL, i === 0 ? { rangeStartOffBy: 10 } : {}));
  try {
    const dir = tempDir();
    writeFileSync(join(dir, 'tiny-model.Q4_K_M.gguf.part'), MODEL.subarray(0, 500_000));
    const result = await pullModel({ url: `${server.url}${FILE_PATH}`, dir, sha256: MODEL_SHA, ...FAST });
    assert.equal(server.seen[0]!.range, 'bytes=500000-');
    assert.equal(server.seen[1]!.range, undefined, 'started over from zero');
    assertModelAt(result.path);
  } finally {
    await server.close();
  }
});

test('a .part that already holds the whole file (416) is verified and moved into place', async () => {
  const server = await startServer((req, res) => serveFile(req, res, MODEL));
  try {
    const dir = tempDir();
    writeFileSync(join(dir, 'tiny-model.Q4_K_M.gguf.part'), MODEL);
    const result = await pullModel({ url: `${server.url}${FILE_PATH}`, dir, sha256: MODEL_SHA, ...FAST });
    assert.equal(server.seen.length, 1);
    assert.equal(server.seen[0]!.range, `bytes=${MODEL.length}-`);
    assertModelAt(result.path);
  } finally {
    await server.close();
  }
});

test('a 503 is retried', async () => {
  const server = await startServer((req, res, i) => (i === 0 ? void res.writeHead(503).end('busy') : serveFile(req, res, MODEL)));
  try {
    const dir = tempDir();
    const reasons: string[] = [];
    const result = await pullModel({ url: `${server.url}${FILE_PATH}`, dir, ...FAST, events: { onRetry: (r) => reasons.push(r.reason) } });
    assert.match(reasons[0] ?? '', /HTTP 503/);
    assertModelAt(result.path);
  } finally {
    await server.close();
  }
});

// ---- verification failures ---------------------------------------------------------------

test('a wrong --sha256 fails and deletes the (corrupt) part', async () => {
  const server = await startServer((req, res) => serveFile(req, res, MODEL));
  try {
    const dir = tempDir();
    const wrong = 'ab'.repeat(32);
    await assert.rejects(
      pullModel({ url: `${server.url}${FILE_PATH}`, dir, sha256: wrong, ...FAST }),
      (err) => isError('INTERNAL', new RegExp(`sha256 mismatch: expected ${wrong}, got ${MODEL_SHA}.*deleted`))(err) && (err as RicegradeError).exitCode === 1,
    );
    assert.ok(!existsSync(join(dir, 'tiny-model.Q4_K_M.gguf.part')));
    assert.ok(!existsSync(join(dir, 'tiny-model.Q4_K_M.gguf')));
  } finally {
    await server.close();
  }
});

test('a body that is not GGUF fails early ("not a GGUF file") and deletes the part', async () => {
  const html = Buffer.from(`<!DOCTYPE html><html>${'x'.repeat(2_000_000)}</html>`);
  const server = await startServer((req, res) => serveFile(req, res, html));
  try {
    const dir = tempDir();
    await assert.rejects(pullModel({ url: `${server.url}/org/repo/blob/main/m.gguf`, dir, ...FAST }), isError('INTERNAL', /not a GGUF file \(it starts with "<!DO"/));
    assert.ok(!existsSync(join(dir, 'm.gguf.part')));
    assert.ok(!existsSync(join(dir, 'm.gguf')));
    assert.equal(server.seen.length, 1, 'not retried');

    const tiny = await startServer((req, res) => serveFile(req, res, Buffer.from('GG')));
    try {
      await assert.rejects(pullModel({ url: `${tiny.url}/t.gguf`, dir, ...FAST }), isError('INTERNAL', /not a GGUF file/));
      assert.ok(!existsSync(join(dir, 't.gguf.part')));
    } finally {
      await tiny.close();
    }
  } finally {
    await server.close();
  }
});

test('404 is a one-line PROVIDER_HTTP error naming the URL and status; the part is kept', async () => {
  const server = await startServer((_req, res) => void res.writeHead(404).end('Entry not found'));
  try {
    const dir = tempDir();
    writeFileSync(join(dir, 'tiny-model.Q4_K_M.gguf.part'), MODEL.subarray(0, 1000));
    const url = `${server.url}${FILE_PATH}`;
    await assert.rejects(pullModel({ url, dir, ...FAST }), (err) => {
      isError('PROVIDER_HTTP', /HTTP 404 Not Found — check the URL/)(err);
      assert.ok((err as Error).message.startsWith(`${url}: `));
      assert.equal((err as RicegradeError).exitCode, 1);
      return true;
    });
    assert.equal(server.seen.length, 1, '404 is not retried');
    assert.equal(readFileSync(join(dir, 'tiny-model.Q4_K_M.gguf.part')).length, 1000);
  } finally {
    await server.close();
  }
});

test('401/403: a hint about HF_TOKEN, and the token never in the message', async () => {
  const TOKEN = 'hf_secretsecretsecret';
  const server = await startServer((_req, res) => void res.writeHead(401).end());
  try {
    const dir = tempDir();
    const url = `${server.url}${FILE_PATH}`;
    await assert.rejects(pullModel({ url, dir, ...FAST }), isError('PROVIDER_HTTP', /HTTP 401 .*gated or private models need a Hugging Face token: set HF_TOKEN/));
    await assert.rejects(pullModel({ url, dir, ...FAST, auth: { token: TOKEN, sendTo: () => true } }), (err) => {
      isError('PROVIDER_HTTP', /HF_TOKEN was sent and refused/)(err);
      assert.ok(!(err as Error).message.includes(TOKEN));
      return true;
    });
    assert.equal(server.seen[1]!.authorization, `Bearer ${TOKEN}`);
    await assert.rejects(pullModel({ url, dir, ...FAST, auth: { token: TOKEN, sendTo: isHuggingFaceUrl } }), isError('PROVIDER_HTTP', /HF_TOKEN is set but only sent to Hugging Face/));
    assert.equal(server.seen[2]!.authorization, undefined, 'not sent to a non-Hugging Face host');
  } finally {
    await server.close();
  }
});

// ---- redirects ---------------------------------------------------------------------------

test('redirects are followed, relative and absolute; the token does not follow to another origin', async () => {
  const cdn = await startServer((req, res) => serveFile(req, res, MODEL));
  const hub = await startServer((req, res) => {
    if (req.url === FILE_PATH) return void res.writeHead(302, { location: '/moved/tiny-model.Q4_K_M.gguf' }).end();
    if (req.url === '/moved/tiny-model.Q4_K_M.gguf') return void res.writeHead(307, { location: `${cdn.url}/blobs/sha256-abc?X-Signature=s3cr3t` }).end();
    res.writeHead(404).end();
  });
  try {
    const dir = tempDir();
    const result = await pullModel({ url: `${hub.url}${FILE_PATH}`, dir, sha256: MODEL_SHA, ...FAST, auth: { token: 'tok', sendTo: () => true } });
    assert.equal(result.name, 'tiny-model.Q4_K_M.gguf', 'named after the URL asked for, not the redirect target');
    assert.deepEqual(hub.seen.map((s) => [s.url, s.authorization]), [
      [FILE_PATH, 'Bearer tok'],
      ['/moved/tiny-model.Q4_K_M.gguf', 'Bearer tok'],
    ]);
    assert.equal(cdn.seen.length, 1);
    assert.equal(cdn.seen[0]!.authorization, undefined);
    assertModelAt(result.path);
  } finally {
    await hub.close();
    await cdn.close();
  }
});

test('more than 5 redirects is an error; an error at a redirect target names both without its query', async () => {
  const server = await startServer((req, res) => {
    const n = Number(/\/r(\d+)\//.exec(req.url ?? '')?.[1] ?? 0);
    if (req.url?.startsWith('/gone')) return void res.writeHead(403).end();
    res.writeHead(302, { location: `/r${n + 1}/m.gguf` }).end();
  });
  const dir = tempDir();
  try {
    await assert.rejects(pullModel({ url: `${server.url}/r0/m.gguf`, dir, ...FAST }), isError('PROVIDER_HTTP', /HTTP 302 .*more than 5 redirects/));
    assert.equal(server.seen.length, 6);
  } finally {
    await server.close();
  }
  const signed = await startServer((req, res) => {
    if (req.url?.startsWith('/gone')) return void res.writeHead(403).end();
    res.writeHead(301, { location: '/gone/m.gguf?X-Amz-Signature=s3cr3t' }).end();
  });
  try {
    await assert.rejects(pullModel({ url: `${signed.url}/m.gguf`, dir, ...FAST }), (err) => {
      isError('PROVIDER_HTTP', /\/m\.gguf \(redirected to http:\/\/127\.0\.0\.1:\d+\/gone\/m\.gguf\): HTTP 403/)(err);
      assert.ok(!(err as Error).message.includes('s3cr3t'));
      return true;
    });
  } finally {
    await signed.close();
  }
});

// ---- already there -----------------------------------------------------------------------

test('an already-complete file is not downloaded again: no request with a matching --sha256, one HEAD without', async () => {
  const server = await startServer((req, res) => serveFile(req, res, MODEL));
  try {
    const dir = tempDir();
    const url = `${server.url}${FILE_PATH}`;
    await pullModel({ url, dir, ...FAST });
    assert.equal(server.seen.length, 1);

    const withSha = await pullModel({ url, dir, sha256: MODEL_SHA, ...FAST });
    assert.equal(withSha.status, 'already-downloaded');
    assert.equal(withSha.requests, 0);
    assert.equal(server.seen.length, 1);

    const bySize = await pullModel({ url, dir, ...FAST });
    assert.equal(bySize.status, 'already-downloaded');
    assert.deepEqual(server.seen.slice(1).map((s) => s.method), ['HEAD']);
    assertModelAt(bySize.path);
  } finally {
    await server.close();
  }
});

test('an existing file that differs (checksum or size) is downloaded again and replaced', async () => {
  const server = await startServer((req, res) => serveFile(req, res, MODEL));
  try {
    const dir = tempDir();
    const url = `${server.url}${FILE_PATH}`;
    const final = join(dir, 'tiny-model.Q4_K_M.gguf');
    mkdirSync(dir, { recursive: true });
    writeFileSync(final, MODEL.subarray(0, 1000));
    const notes: string[] = [];
    const r1 = await pullModel({ url, dir, ...FAST, events: { onNote: (t) => notes.push(t) } });
    assert.equal(r1.status, 'downloaded');
    assert.match(notes.join('\n'), /has 1000 bytes, not 3145732: downloading it again/);
    assertModelAt(final);

    writeFileSync(final, Buffer.concat([MODEL.subarray(0, MODEL.length - 1), Buffer.from([0])]));
    const r2 = await pullModel({ url, dir, sha256: MODEL_SHA, ...FAST });
    assert.equal(r2.status, 'downloaded');
    assertModelAt(final);
  } finally {
    await server.close();
  }
});

// ---- interruption ------------------------------------------------------------------------

test('an abort (Ctrl-C) keeps the part with what was written; the next pull resumes it', async () => {
  const server = await startServer((req, res) => serveFile(req, res, MODEL, { chunkSize: 32 * 1024, delayMs: 5 }));
  try {
    const dir = tempDir();
    const url = `${server.url}${FILE_PATH}`;
    const controller = new AbortController();
    await assert.rejects(
      pullModel({ url, dir, ...FAST, signal: controller.signal, events: { onProgress: (b) => b > 500_000 && controller.abort() } }),
      isError('INTERNAL', /interrupted: the partial download .*\.part .*is kept; run the same command again to resume/),
    );
    const part = readFileSync(join(dir, 'tiny-model.Q4_K_M.gguf.part'));
    assert.ok(part.length > 500_000 && part.length < MODEL.length);
    assert.ok(part.equals(MODEL.subarray(0, part.length)));

    const result = await pullModel({ url, dir, sha256: MODEL_SHA, ...FAST });
    assert.equal(server.seen.at(-1)!.range, `bytes=${part.length}-`);
    assertModelAt(result.path);
  } finally {
    await server.close();
  }
});

test('a stalled connection counts as dropped (idle timeout) and is resumed', async () => {
  const server = await startServer(async (req, res, i) => {
    if (i === 0) {
      res.writeHead(200, { 'content-length': MODEL.length });
      await writeChunk(res, MODEL.subarray(0, 100_000));
      return; // then silence
    }
    return serveFile(req, res, MODEL);
  });
  try {
    const dir = tempDir();
    const reasons: string[] = [];
    const result = await pullModel({ url: `${server.url}${FILE_PATH}`, dir, ...FAST, idleTimeoutMs: 200, events: { onRetry: (r) => reasons.push(r.reason) } });
    assert.match(reasons[0] ?? '', /no data for/);
    assert.equal(server.seen[1]!.range, 'bytes=100000-');
    assertModelAt(result.path);
  } finally {
    await server.close();
  }
});
