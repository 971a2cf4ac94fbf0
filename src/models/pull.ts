import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import { RicegradeError } from '../errors.js';
import { VERSION } from '../version.js';

/** The first four bytes of every GGUF file. */
export const GGUF_MAGIC = Buffer.from('GGUF', 'ascii');

/** A bearer token and where it may be sent (never across origins on a redirect). */
export interface PullAuth {
  token: string;
  sendTo: (url: URL) => boolean;
}

/** What a download reports as it goes; every callback is optional. */
export interface PullEvents {
  /** An existing partial file is being hashed before resuming. */
  onCheckingPart?(info: { path: string; bytes: number }): void;
  /** Data starts flowing (on every attempt): `from` bytes are already on disk, `total` is the full size if the server said. */
  onStart?(info: { name: string; from: number; total: number | undefined }): void;
  /** Bytes on disk so far, after each chunk written. */
  onProgress?(bytes: number, total: number | undefined): void;
  /** A transient failure (dropped connection, 5xx, 429); the next attempt resumes from `bytes`. */
  onRetry?(info: { attempt: number; maxAttempts: number; delayMs: number; reason: string; bytes: number }): void;
  /** Anything else worth a line: a restart from zero, an existing file that differs. */
  onNote?(text: string): void;
}

export interface PullOptions {
  /** http(s) URL of the .gguf file. */
  url: string;
  /** Folder to write into (created if missing). */
  dir: string;
  /** Expected sha256, 64 hex characters. */
  sha256?: string;
  auth?: PullAuth;
  signal?: AbortSignal;
  events?: PullEvents;
  /** Attempts in a row without progress before giving up (default 5). */
  maxAttempts?: number;
  /** First retry delay; doubled on each further attempt (default 500 ms). */
  backoffMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** A connection silent this long counts as dropped (default 60 s). */
  idleTimeoutMs?: number;
}

export interface PullResult {
  /** The file written (or found): `dir/name`. */
  path: string;
  name: string;
  bytes: number;
  /** Hex sha256 of the file; not computed when an existing file was accepted by its size alone. */
  sha256: string | undefined;
  status: 'downloaded' | 'already-downloaded';
  /** Bytes of an earlier partial download (.part) that this pull resumed from (0 if it started over). */
  resumedFrom: number;
  /** HTTP requests made (redirects included). */
  requests: number;
}

const DEFAULTS = { maxAttempts: 5, backoffMs: 500, maxRedirects: 5, idleTimeoutMs: 60_000 };

/** A failure worth another attempt: the connection dropped or stalled, or the server was briefly unavailable. */
class TransientError extends Error {}

/** True for https URLs of Hugging Face hosts: the only place HF_TOKEN is sent by the CLI. */
export function isHuggingFaceUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  const hf = host === 'huggingface.co' || host.endsWith('.huggingface.co') || host === 'hf.co' || host.endsWith('.hf.co');
  return url.protocol === 'https:' && hf;
}

/** The decoded last segment of the URL path, if it is a safe file name. */
export function fileNameFromUrl(url: string | URL): string | undefined {
  const u = typeof url === 'string' ? new URL(url) : url;
  const last = u.pathname.split('/').pop() ?? '';
  let name: string;
  try {
    name = decodeURIComponent(last);
  } catch {
    return undefined;
  }
  return safeFileName(name);
}

function safeFileName(name: string): string | undefined {
  if (!name || name === '.' || name === '..' || /[/\\\0]/.test(name)) return undefined;
  return name;
}

const isGgufName = (name: string | undefined): name is string => name !== undefined && name.toLowerCase().endsWith('.gguf') && name.length > 5;

/** The file name a Content-Disposition header gives, if any. */
export function fileNameFromContentDisposition(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header)?.[1]?.trim();
  if (extended) {
    const quote = extended.indexOf("''");
    try {
      const name = safeFileName(decodeURIComponent(quote >= 0 ? extended.slice(quote + 2) : extended).replace(/^"|"$/g, ''));
      if (name) return name;
    } catch {
      // fall back to the plain filename parameter
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  const value = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  return value === undefined ? undefined : safeFileName(value);
}

/** A URL fit for messages: no credentials, and (for redirect targets, often signed) no query string. */
function shownUrl(url: URL, withQuery = true): string {
  const u = new URL(url.href);
  u.username = '';
  u.password = '';
  if (!withQuery) u.search = '';
  return u.href;
}

/** Decimal units, as model hubs show sizes. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} bytes`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

function parseContentRange(header: string | undefined): { start: number | undefined; total: number | undefined } | undefined {
  const m = header ? /^\s*bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)\s*$/i.exec(header) : null;
  if (!m) return undefined;
  return { start: m[1] === undefined ? undefined : Number(m[1]), total: m[3] === '*' || m[3] === undefined ? undefined : Number(m[3]) };
}

function contentLength(res: http.IncomingMessage): number | undefined {
  const v = res.headers['content-length'];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

/** Hash the first `bytes` bytes of a file; also returns its first four bytes. */
async function hashFile(path: string, bytes: number | undefined, signal?: AbortSignal): Promise<{ hash: Hash; head: Buffer }> {
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  if (bytes === 0) return { hash, head };
  const stream = createReadStream(path, { start: 0, end: bytes === undefined ? undefined : bytes - 1, signal, highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (head.length < 4) head = Buffer.concat([head, chunk.subarray(0, 4 - head.length)]);
    hash.update(chunk);
  }
  return { hash, head };
}

interface Context {
  source: URL;
  auth: PullAuth | undefined;
  signal: AbortSignal | undefined;
  maxRedirects: number;
  idleTimeoutMs: number;
  requests: number;
}

interface Opened {
  res: http.IncomingMessage;
  url: URL;
  authSent: boolean;
  /** Why the connection was cut by us (it stalled), if it was. */
  stalled: () => string | undefined;
}

/** One request, following up to `maxRedirects` redirects (relative or absolute, http or https). */
async function openUrl(ctx: Context, method: 'GET' | 'HEAD', extra: Record<string, string>): Promise<Opened> {
  let url = ctx.source;
  for (let hop = 0; ; hop++) {
    // The token goes only where the caller allows, and never to another origin a redirect points at.
    const authSent = ctx.auth !== undefined && url.origin === ctx.source.origin && ctx.auth.sendTo(url);
    const headers: Record<string, string> = { 'user-agent': `ricegrade/${VERSION}`, 'accept-encoding': 'identity', ...extra };
    if (authSent) headers.authorization = `Bearer ${ctx.auth!.token}`;
    ctx.requests++;
    const target = url;
    let stall: string | undefined;
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const lib = target.protocol === 'https:' ? https : http;
      const req = lib.request(target, { method, headers, signal: ctx.signal }, resolve);
      req.on('error', (err) => reject(ctx.signal?.aborted ? abortError(ctx.signal) : new TransientError(stall ?? networkReason(err))));
      req.setTimeout(ctx.idleTimeoutMs, () => {
        stall = `no data for ${ctx.idleTimeoutMs >= 1000 ? `${Math.round(ctx.idleTimeoutMs / 1000)} s` : `${ctx.idleTimeoutMs} ms`}`;
        req.destroy(new Error(stall));
      });
      req.end();
    });
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && status !== 304) {
      res.resume();
      const location = res.headers.location;
      if (!location) throw httpError(ctx, url, status, false, 'a redirect without a Location header');
      if (hop >= ctx.maxRedirects) throw httpError(ctx, url, status, false, `more than ${ctx.maxRedirects} redirects`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw httpError(ctx, url, status, false, 'a redirect to an invalid URL');
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw httpError(ctx, url, status, false, `a redirect to a ${next.protocol} URL`);
      url = next;
      continue;
    }
    return { res, url, authSent, stalled: () => stall };
  }
}

function networkReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const message = e?.message ?? String(err);
  return e?.code && !message.includes(e.code) ? `${message} (${e.code})` : message;
}

/** PROVIDER_HTTP naming the URL and status, with a hint for the usual causes. Never includes the token. */
function httpError(ctx: Context, url: URL, status: number, authSent: boolean, detail?: string): RicegradeError {
  const where = url.href === ctx.source.href ? shownUrl(ctx.source) : `${shownUrl(ctx.source)} (redirected to ${shownUrl(url, false)})`;
  let hint = detail ?? '';
  if (!detail) {
    if (status === 401 || status === 403) {
      hint = authSent
        ? "HF_TOKEN was sent and refused: check the token, and that you accepted the model's terms on its page"
        : ctx.auth
          ? 'HF_TOKEN is set but only sent to Hugging Face over https'
          : "gated or private models need a Hugging Face token: set HF_TOKEN (and accept the model's terms on its page)";
    } else if (status === 404) {
      hint = 'check the URL (Hugging Face: https://huggingface.co/<org>/<repo>/resolve/main/<file>.gguf)';
    }
  }
  const reason = http.STATUS_CODES[status];
  return new RicegradeError('PROVIDER_HTTP', `${where}: HTTP ${status}${reason ? ` ${reason}` : ''}${hint ? ` — ${hint}` : ''}`);
}

/** State of the .part file: its size, the running hash of its bytes, and its first four bytes. */
interface Part {
  path: string;
  fh: FileHandle;
  size: number;
  hash: Hash;
  head: Buffer;
  /** Set when the bytes are known to be wrong: the part is deleted rather than kept for a resume. */
  corrupt: boolean;
  /** Bytes from before this pull that are still in use (0 once the part is truncated). */
  reused: number;
}

async function truncatePart(part: Part): Promise<void> {
  await part.fh.truncate(0);
  part.size = 0;
  part.hash = createHash('sha256');
  part.head = Buffer.alloc(0);
  part.reused = 0;
}

function notGguf(ctx: Context, head: Buffer): RicegradeError {
  const shown = JSON.stringify(head.toString('latin1').replace(/[^\x20-\x7e]/g, '.'));
  const blob = /huggingface\.co$|hf\.co$/i.test(ctx.source.hostname) && ctx.source.pathname.includes('/blob/') ? ' — use the /resolve/ URL, not /blob/' : '';
  return new RicegradeError('INTERNAL', `${shownUrl(ctx.source)}: not a GGUF file (it starts with ${shown}, not "GGUF"); the partial download was deleted${blob}`);
}

/** One GET of the rest of the file, appended to the part. Resolves when the part holds the whole file. */
async function attempt(ctx: Context, part: Part, name: string, events: PullEvents): Promise<void> {
  const { res, url, authSent, stalled } = await openUrl(ctx, 'GET', part.size > 0 ? { range: `bytes=${part.size}-` } : {});
  const status = res.statusCode ?? 0;
  let total: number | undefined;
  if (status === 206) {
    const range = parseContentRange(res.headers['content-range']);
    if (range?.start !== part.size) {
      res.destroy();
      const asked = part.size;
      await truncatePart(part);
      throw new TransientError(`asked for bytes from ${asked}, the server sent ${range?.start === undefined ? 'an unusable range' : `bytes from ${range.start}`}; starting over`);
    }
    const length = contentLength(res);
    total = range.total ?? (length === undefined ? undefined : part.size + length);
  } else if (status === 200) {
    if (part.size > 0) {
      events.onNote?.(`the server does not resume downloads: starting ${name} over`);
      await truncatePart(part);
    }
    total = contentLength(res);
  } else if (status === 416) {
    res.resume();
    const range = parseContentRange(res.headers['content-range']);
    if (part.size > 0 && range?.total === part.size) return; // the part already holds the whole file
    await truncatePart(part);
    throw new TransientError('the server refused to resume from the partial file; starting over');
  } else if (status === 429 || status >= 500) {
    res.resume();
    throw new TransientError(`HTTP ${status}${http.STATUS_CODES[status] ? ` ${http.STATUS_CODES[status]}` : ''}`);
  } else {
    res.resume();
    throw httpError(ctx, url, status, authSent);
  }

  events.onStart?.({ name, from: part.size, total });
  const chunks = res[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await chunks.next();
    } catch (err) {
      if (ctx.signal?.aborted) throw abortError(ctx.signal);
      throw new TransientError(`connection dropped at ${formatBytes(part.size)}: ${stalled() ?? networkReason(err)}`);
    }
    if (next.done) break;
    const chunk = next.value;
    try {
      await part.fh.write(chunk);
    } catch (err) {
      res.destroy();
      throw new RicegradeError('INTERNAL', `cannot write ${part.path}: ${(err as Error).message}`, { cause: err });
    }
    part.hash.update(chunk);
    if (part.head.length < 4) {
      part.head = Buffer.concat([part.head, chunk.subarray(0, 4 - part.head.length)]);
      if (part.head.length === 4 && !part.head.equals(GGUF_MAGIC)) {
        res.destroy();
        part.corrupt = true;
        throw notGguf(ctx, part.head);
      }
    }
    part.size += chunk.length;
    events.onProgress?.(part.size, total);
  }
  if (total !== undefined && part.size < total) {
    throw new TransientError(`connection closed at ${formatBytes(part.size)} of ${formatBytes(total)}`);
  }
}

/** The size the server announces for the file (HEAD), or undefined when it does not say or cannot be asked. */
async function remoteSize(ctx: Context): Promise<{ size: number | undefined; disposition: string | undefined }> {
  let opened: Opened;
  try {
    opened = await openUrl(ctx, 'HEAD', {});
  } catch (err) {
    if (err instanceof TransientError) return { size: undefined, disposition: undefined };
    throw err;
  }
  const { res, url, authSent } = opened;
  res.resume();
  const status = res.statusCode ?? 0;
  if (status === 401 || status === 403 || status === 404 || status === 410) throw httpError(ctx, url, status, authSent);
  if (status < 200 || status >= 300) return { size: undefined, disposition: undefined };
  return { size: contentLength(res), disposition: res.headers['content-disposition'] };
}

/** Check the arguments of a pull; throws ARGUMENT_INVALID. Returns the parsed URL and the lower-case checksum. */
export function checkPullArguments(url: string, sha256: string | undefined): { source: URL; sha256: string | undefined } {
  let source: URL;
  try {
    source = new URL(url);
  } catch {
    throw new RicegradeError('ARGUMENT_INVALID', `"${url}" is not a URL (expected an http(s) URL of a .gguf file)`);
  }
  if (source.protocol !== 'http:' && source.protocol !== 'https:') {
    throw new RicegradeError('ARGUMENT_INVALID', `${shownUrl(source)}: only http and https URLs can be pulled`);
  }
  if (sha256 !== undefined && !/^[0-9a-f]{64}$/i.test(sha256)) {
    throw new RicegradeError('ARGUMENT_INVALID', `--sha256: expected 64 hexadecimal characters (got ${sha256.length} characters)`);
  }
  return { source, sha256: sha256?.toLowerCase() };
}

/**
 * Download a GGUF model file into `dir`: written to `<name>.part`, resumed with a Range request when
 * a part exists (from an interrupted pull, or a dropped connection: retried up to `maxAttempts` times in a row
 * without progress, with doubling backoff), checked for the GGUF magic and the expected sha256, then renamed into place.
 * An existing file that matches the checksum (or, without one, the size the server announces) is not downloaded again.
 */
export async function pullModel(options: PullOptions): Promise<PullResult> {
  const { source, sha256: expected } = checkPullArguments(options.url, options.sha256);
  const events = options.events ?? {};
  const signal = options.signal;
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULTS.maxAttempts);
  const backoffMs = options.backoffMs ?? DEFAULTS.backoffMs;
  const ctx: Context = {
    source,
    auth: options.auth,
    signal,
    maxRedirects: options.maxRedirects ?? DEFAULTS.maxRedirects,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs,
    requests: 0,
  };

  let name = fileNameFromUrl(source);
  let head: { size: number | undefined; disposition: string | undefined } | undefined;
  if (!isGgufName(name)) {
    // Not in the URL: accept the name the server gives, if it is a .gguf one.
    head = await remoteSize(ctx).catch(() => ({ size: undefined, disposition: undefined }));
    const given = fileNameFromContentDisposition(head.disposition);
    if (!isGgufName(given)) {
      throw new RicegradeError('ARGUMENT_INVALID', `${shownUrl(source)}: the file name "${name ?? ''}" does not end in .gguf (ricegrade pull downloads GGUF model files)`);
    }
    name = given;
  }

  const dir = options.dir;
  const finalPath = join(dir, name);
  const partPath = `${finalPath}.part`;
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new RicegradeError('INTERNAL', `cannot create ${dir}: ${(err as Error).message}`, { cause: err });
  }

  // Already there?
  const existing = await fileSize(finalPath);
  if (existing !== undefined) {
    if (expected) {
      const digest = (await hashFile(finalPath, undefined, signal)).hash.digest('hex');
      if (digest === expected) return { path: finalPath, name, bytes: existing, sha256: digest, status: 'already-downloaded', resumedFrom: 0, requests: ctx.requests };
      events.onNote?.(`${finalPath} exists but its sha256 is ${digest}: downloading it again`);
    } else {
      head ??= await remoteSize(ctx);
      if (head.size !== undefined && head.size === existing) {
        return { path: finalPath, name, bytes: existing, sha256: undefined, status: 'already-downloaded', resumedFrom: 0, requests: ctx.requests };
      }
      events.onNote?.(
        head.size === undefined
          ? `${finalPath} exists but the server does not say the file's size: downloading it again (pass --sha256 to check it instead)`
          : `${finalPath} exists but has ${existing} bytes, not ${head.size}: downloading it again`,
      );
    }
  }

  let fh: FileHandle;
  try {
    fh = await open(partPath, 'a');
  } catch (err) {
    throw new RicegradeError('INTERNAL', `cannot write ${partPath}: ${(err as Error).message}`, { cause: err });
  }
  const part: Part = { path: partPath, fh, size: 0, hash: createHash('sha256'), head: Buffer.alloc(0), corrupt: false, reused: 0 };
  let renamed = false;
  try {
    part.size = (await fh.stat()).size;
    part.reused = part.size;
    if (part.size > 0) {
      events.onCheckingPart?.({ path: partPath, bytes: part.size });
      const hashed = await hashFile(partPath, part.size, signal);
      part.hash = hashed.hash;
      part.head = hashed.head;
      if (part.head.length === 4 && !part.head.equals(GGUF_MAGIC)) {
        events.onNote?.(`${partPath} is not the start of a GGUF file: starting over`);
        await truncatePart(part);
      }
    }

    // Attempts; the budget is for attempts in a row that add nothing to the part.
    let failures = 0;
    for (;;) {
      const before = part.size;
      try {
        await attempt(ctx, part, name, events);
        break;
      } catch (err) {
        if (signal?.aborted) throw abortError(signal);
        if (!(err instanceof TransientError)) throw err;
        failures = part.size > before ? 1 : failures + 1;
        if (failures >= maxAttempts) {
          throw new RicegradeError(
            'PROVIDER_HTTP',
            `${shownUrl(source)}: download failed after ${maxAttempts} attempts (${err.message}); ` +
              `the partial file ${partPath} (${formatBytes(part.size)}) is kept: run the same command again to resume`,
          );
        }
        const delayMs = backoffMs * 2 ** (failures - 1);
        events.onRetry?.({ attempt: failures + 1, maxAttempts, delayMs, reason: err.message, bytes: part.size });
        await sleep(delayMs, signal);
      }
    }

    if (part.head.length < 4 || !part.head.equals(GGUF_MAGIC)) {
      part.corrupt = true;
      throw notGguf(ctx, part.head);
    }
    const digest = part.hash.digest('hex');
    if (expected && digest !== expected) {
      part.corrupt = true;
      throw new RicegradeError(
        'INTERNAL',
        `${shownUrl(source)}: sha256 mismatch: expected ${expected}, got ${digest} (${formatBytes(part.size)}); the corrupt download was deleted`,
      );
    }
    try {
      await fh.sync();
      await fh.close();
      await rename(partPath, finalPath);
      renamed = true;
    } catch (err) {
      throw new RicegradeError('INTERNAL', `cannot move ${partPath} to ${finalPath}: ${(err as Error).message}`, { cause: err });
    }
    return { path: finalPath, name, bytes: part.size, sha256: digest, status: 'downloaded', resumedFrom: part.reused, requests: ctx.requests };
  } catch (err) {
    if (signal?.aborted) {
      throw new RicegradeError('INTERNAL', `interrupted: the partial download ${partPath} (${formatBytes(part.size)}) is kept; run the same command again to resume`, {
        cause: err,
      });
    }
    throw err;
  } finally {
    if (!renamed) {
      await fh.close().catch(() => undefined);
      if (part.corrupt) await rm(partPath, { force: true });
    }
  }
}
