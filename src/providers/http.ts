import http from 'node:http';
import https from 'node:https';

/** Shared keep-alive agents: connections to each upstream are reused across requests. */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: Infinity }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: Infinity }),
};

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A transport failure (no HTTP status): connection refused, reset, or timed out. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** POST a JSON body and read the whole response. Rejects only with TransportError. */
export function postJson(url: URL, body: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(
      url,
      {
        method: 'POST',
        agent: agents[url.protocol as 'http:' | 'https:'],
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (err) => fail(new TransportError(`response interrupted: ${err.message}`, false)));
      },
    );
    let settled = false;
    const fail = (err: TransportError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    };
    const timer = setTimeout(() => {
      fail(new TransportError(`no complete answer within ${timeoutMs} ms`, true));
      req.destroy();
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => fail(new TransportError(err.code ? `${err.code}: ${err.message}` : err.message, false)));
    req.end(body);
  });
}

export interface StreamResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The whole body when the answer was not an event stream (errors, or a server that does not stream); '' otherwise. */
  body: string;
}

/**
 * POST a JSON body and hand each Server-Sent Events `data:` payload of a 2xx answer to `onEvent` as it
 * arrives. Non-2xx answers are read whole. The timeout covers the whole exchange. Rejects only with
 * TransportError (and with what `onEvent` throws).
 */
export function postEventStream(
  url: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  onEvent: (data: string) => void,
): Promise<StreamResponse> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(err);
    };
    const req = lib.request(
      url,
      {
        method: 'POST',
        agent: agents[url.protocol as 'http:' | 'https:'],
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        // A server that ignores `stream: true` answers with plain JSON: read it whole like an error body.
        const events = status >= 200 && status < 300 && String(res.headers['content-type'] ?? '').includes('text/event-stream');
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          if (!events) return;
          let end: number;
          // Events end with a blank line; a `data:` line carries the payload.
          while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + (buffer[end] === '\r' ? 4 : 2));
            const data = event
              .split(/\r?\n/)
              .filter((line) => line.startsWith('data:'))
              .map((line) => line.slice(5).replace(/^ /, ''))
              .join('\n');
            if (data === '') continue;
            try {
              onEvent(data);
            } catch (err) {
              fail(err as Error);
              return;
            }
          }
        });
        res.on('end', () => {
          if (settled) return;
          // A last event without its closing blank line (or a truncated one) is still handed over:
          // a truncated payload then fails to parse instead of vanishing.
          const rest = buffer.trim();
          if (events && rest !== '') {
            const data = rest
              .split(/\r?\n/)
              .filter((line) => line.startsWith('data:'))
              .map((line) => line.slice(5).replace(/^ /, ''))
              .join('\n');
            try {
              onEvent(data === '' ? rest : data);
            } catch (err) {
              fail(err as Error);
              return;
            }
          }
          settled = true;
          clearTimeout(timer);
          resolve({ status, headers: res.headers, body: events ? '' : buffer });
        });
        res.on('error', (err) => fail(new TransportError(`response interrupted: ${err.message}`, false)));
      },
    );
    const timer = setTimeout(() => fail(new TransportError(`no complete answer within ${timeoutMs} ms`, true)), timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => fail(new TransportError(err.code ? `${err.code}: ${err.message}` : err.message, false)));
    req.end(body);
  });
}
