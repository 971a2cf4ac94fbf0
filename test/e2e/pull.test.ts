import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { collect, runCli, spawnCli, waitFor, workspace } from '../helpers/cli.js';

// A fake GGUF: 'GGUF' + 3 MB of seeded pseudo-random bytes.
function fakeGguf(size: number, seed: number): Buffer {
  const out = Buffer.alloc(4 + size);
  out.write('GGUF', 0, 'ascii');
  let x = seed >>> 0 || 1;
  for (let i = 4; i < out.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

const MODEL = fakeGguf(3 * 1024 * 1024, 7);
const SHA = createHash('sha256').update(MODEL).digest('hex');
const NAME = 'tiny-model.Q4_K_M.gguf';
const FILE_PATH = `/org/repo/resolve/main/${NAME}`;
const TOKEN = 'hf_e2eSECRETtoken0123456789';

interface Seen {
  method: string;
  url: string;
  range: string | undefined;
  authorization: string | undefined;
}

/** Serves MODEL with Range support, in 64 kB chunks; `slowMs` between chunks lets a test kill the CLI mid-file. */
class ModelServer {
  readonly seen: Seen[] = [];
  bodyBytesSent = 0;
  slowMs = 0;
  private server = http.createServer((req, res) => void this.handle(req, res).catch(() => req.socket.destroy()));
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  gets(): Seen[] {
    return this.seen.filter((s) => s.method === 'GET');
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.seen.push({ method: req.method ?? '', url: req.url ?? '', range: req.headers.range, authorization: req.headers.authorization });
    if (req.url === '/missing.gguf') return void res.writeHead(404).end('Entry not found');
    if (req.url === '/gated.gguf') return void res.writeHead(401).end('Access to model is restricted');
    if (req.url === '/hf-style.gguf') return void res.writeHead(302, { location: FILE_PATH }).end();
    if (req.url === '/page.gguf') return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<!DOCTYPE html>${'x'.repeat(10_000)}`);
    if (req.url !== FILE_PATH) return void res.writeHead(404).end();
    const m = req.headers.range ? /^bytes=(\d+)-$/.exec(req.headers.range) : null;
    const start = m ? Number(m[1]) : 0;
    if (m) res.writeHead(206, { 'content-length': MODEL.length - start, 'content-range': `bytes ${start}-${MODEL.length - 1}/${MODEL.length}` });
    else res.writeHead(200, { 'content-length': MODEL.length, 'accept-ranges': 'bytes' });
    if (req.method === 'HEAD') return void res.end();
    for (let pos = start; pos < MODEL.length; pos += 64 * 1024) {
      const chunk = MODEL.subarray(pos, Math.min(MODEL.length, pos + 64 * 1024));
      await new Promise<void>((resolve, reject) => res.write(chunk, (err) => (err ? reject(err) : resolve())));
      this.bodyBytesSent += chunk.length;
      if (this.slowMs) await new Promise((r) => setTimeout(r, this.slowMs));
    }
    res.end();
  }
}

const server = new ModelServer();
before(() => server.start());
after(() => server.close());

test('kill -9 mid-download, then pull again: resumes with a Range request and writes the right file', async () => {
  const dir = workspace();
  server.slowMs = 25;
  const sentBefore = server.bodyBytesSent;
  const child = spawnCli(['pull', `${server.url}${FILE_PATH}`, '--to', 'models'], { cwd: dir });
  const done = collect(child);
  await waitFor(() => server.bodyBytesSent - sentBefore >= 1_000_000);
  child.kill('SIGKILL');
  const killed = await done;
  assert.equal(killed.signal, 'SIGKILL');
  const part = join(dir, 'models', `${NAME}.part`);
  const partSize = statSync(part).size;
  assert.ok(partSize > 0 && partSize < MODEL.length, `part has ${partSize} bytes`);
  assert.ok(!existsSync(join(dir, 'models', NAME)));

  server.slowMs = 0;
  const getsBefore = server.gets().length;
  const rerun = await runCli(['pull', `${server.url}${FILE_PATH}`, '--to', 'models', '--sha256', SHA], { cwd: dir });
  assert.equal(rerun.code, 0, rerun.stderr);
  const gets = server.gets().slice(getsBefore);
  assert.equal(gets.length, 1);
  assert.equal(gets[0]!.range, `bytes=${partSize}-`);
  assert.equal(rerun.stdout, `${join('models', NAME)}\n`, 'stdout is the path written, alone');
  assert.match(rerun.stderr, /resuming tiny-model\.Q4_K_M\.gguf at/);
  assert.match(rerun.stderr, /MB\/s · ETA/, 'plain progress lines when stderr is not a terminal');
  assert.match(rerun.stderr, new RegExp(`sha256 ${SHA} \\(verified\\)`));
  assert.ok(readFileSync(join(dir, 'models', NAME)).equals(MODEL));
  assert.ok(!existsSync(part), 'no .part left');

  // Once complete, it is not downloaded again.
  const again = await runCli(['pull', `${server.url}${FILE_PATH}`, '--to', 'models', '--sha256', SHA], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /already downloaded/);
  assert.equal(again.stdout, `${join('models', NAME)}\n`);
  const bySize = await runCli(['pull', `${server.url}${FILE_PATH}`, '--to', 'models'], { cwd: dir });
  assert.equal(bySize.code, 0, bySize.stderr);
  assert.match(bySize.stderr, /already downloaded/);
  assert.equal(server.gets().length, getsBefore + 1, 'no GET after completion');
});

test('Ctrl-C mid-download exits 130 and keeps the part; pulling again resumes it; redirects are followed', async () => {
  const dir = workspace();
  server.slowMs = 25;
  const sentBefore = server.bodyBytesSent;
  const child = spawnCli(['pull', `${server.url}${FILE_PATH}`], { cwd: dir });
  const done = collect(child);
  await waitFor(() => server.bodyBytesSent - sentBefore >= 500_000);
  child.kill('SIGINT');
  const stopped = await done;
  assert.equal(stopped.code, 130, stopped.stderr);
  assert.match(stopped.stderr, /interrupted: the partial download .*\.part .*is kept; run the same command again to resume/);
  assert.equal(stopped.stdout, '');
  const partSize = statSync(join(dir, 'models', `${NAME}.part`)).size;
  assert.ok(partSize > 0);

  server.slowMs = 0;
  const getsBefore = server.gets().length;
  const rerun = await runCli(['pull', `${server.url}/hf-style.gguf`, '--sha256', SHA], { cwd: dir });
  // Named after the URL asked for: hf-style.gguf is a different file, so it starts from zero after the redirect.
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.equal(rerun.stdout, `${join('models', 'hf-style.gguf')}\n`);
  assert.deepEqual(server.gets().slice(getsBefore).map((s) => s.url), ['/hf-style.gguf', FILE_PATH]);

  const resumed = await runCli(['pull', `${server.url}${FILE_PATH}`, '--sha256', SHA], { cwd: dir });
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(server.gets().at(-1)!.range, `bytes=${partSize}-`);
  assert.ok(readFileSync(join(dir, 'models', NAME)).equals(MODEL));
});

test('failures: 404 and 401 exit 1 with one clear line (the token never shown), bad arguments exit 2', async () => {
  const dir = workspace();
  const missing = await runCli(['pull', `${server.url}/missing.gguf`], { cwd: dir });
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, `error: ${server.url}/missing.gguf: HTTP 404 Not Found — check the URL (Hugging Face: https://huggingface.co/<org>/<repo>/resolve/main/<file>.gguf)\n`);

  const gated = await runCli(['pull', `${server.url}/gated.gguf`], { cwd: dir, env: { HF_TOKEN: TOKEN } });
  assert.equal(gated.code, 1);
  assert.match(gated.stderr, /HTTP 401 Unauthorized — HF_TOKEN is set but only sent to Hugging Face over https/);
  assert.ok(!gated.stderr.includes(TOKEN) && !gated.stdout.includes(TOKEN), 'the token is never printed');
  assert.equal(server.seen.at(-1)!.authorization, undefined, 'the token is not sent to other hosts');
  const noToken = await runCli(['pull', `${server.url}/gated.gguf`], { cwd: dir, env: { HF_TOKEN: '' } });
  assert.match(noToken.stderr, /gated or private models need a Hugging Face token: set HF_TOKEN/);

  const page = await runCli(['pull', `${server.url}/page.gguf`], { cwd: dir });
  assert.equal(page.code, 1);
  assert.match(page.stderr, /not a GGUF file/);
  assert.ok(!existsSync(join(dir, 'models', 'page.gguf.part')) && !existsSync(join(dir, 'models', 'page.gguf')));

  const wrongSha = await runCli(['pull', `${server.url}${FILE_PATH}`, '--sha256', '0'.repeat(64)], { cwd: dir });
  assert.equal(wrongSha.code, 1);
  assert.match(wrongSha.stderr, /sha256 mismatch: expected 0{64}, got [0-9a-f]{64}.*deleted/);
  assert.ok(!existsSync(join(dir, 'models', `${NAME}.part`)) && !existsSync(join(dir, 'models', NAME)));

  const requests = server.seen.length;
  for (const args of [
    ['pull', `${server.url}${FILE_PATH}`, '--sha256', 'xyz'],
    ['pull', 'ftp://example.com/model.gguf'],
    ['pull', `${server.url}/weights.bin`],
  ]) {
    const r = await runCli(args, { cwd: dir });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^error: /);
  }
  assert.equal(server.seen.length, requests + 1, 'only the .bin URL is asked (HEAD) for a Content-Disposition name');
});
