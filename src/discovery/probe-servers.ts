import { request } from 'node:http';

/** A loopback port where an OpenAI-compatible server may be listening, and which server usually listens there. */
export interface ProbeTarget {
  port: number;
  /** The server whose default port this is, e.g. "Ollama". Only a guess: any server may listen on any port. */
  kind: string;
}

/** Default ports of the common local OpenAI-compatible servers. */
export const DEFAULT_PROBE_TARGETS: readonly ProbeTarget[] = [
  { port: 11434, kind: 'Ollama' },
  { port: 8080, kind: 'llama.cpp server' },
  { port: 1234, kind: 'LM Studio' },
  { port: 8000, kind: 'vLLM' },
];

export const PROBE_HOST = '127.0.0.1';
export const DEFAULT_PROBE_TIMEOUT_MS = 500;
/** A model list is small; anything bigger is not what we asked for. */
const MAX_BODY_BYTES = 1 << 20;

export type ProbeResult =
  | { target: ProbeTarget; status: 'models'; baseUrl: string; models: string[] }
  /** Nothing listens (connection refused) or the connection failed. */
  | { target: ProbeTarget; status: 'closed'; detail: string }
  /** Something accepted the connection but gave no complete answer in time. */
  | { target: ProbeTarget; status: 'timeout'; detail: string }
  /** Something answered, but not with an OpenAI-style model list. */
  | { target: ProbeTarget; status: 'not-a-model-server'; detail: string };

/**
 * Ask each target for `GET /v1/models`, all at once, each bounded by `timeoutMs` (connect, headers and
 * body together), so the whole probe takes about `timeoutMs` however many ports are probed.
 * Never throws; results come back in the order of `targets`.
 */
export function probeServers(targets: readonly ProbeTarget[], options: { timeoutMs?: number; host?: string } = {}): Promise<ProbeResult[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const host = options.host ?? PROBE_HOST;
  return Promise.all(targets.map((target) => probeOne(target, host, timeoutMs)));
}

function probeOne(target: ProbeTarget, host: string, timeoutMs: number): Promise<ProbeResult> {
  const baseUrl = `http://${host}:${target.port}/v1`;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(result);
    };
    // agent: false: a fresh socket that is closed afterwards, so no keep-alive socket outlives the probe.
    const req = request({ host, port: target.port, path: '/v1/models', method: 'GET', agent: false, headers: { accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) finish({ target, status: 'not-a-model-server', detail: 'answer too large for a model list' });
        else chunks.push(chunk);
      });
      res.on('error', (err) => finish({ target, status: 'closed', detail: err.message }));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) return finish({ target, status: 'not-a-model-server', detail: `HTTP ${status}` });
        const models = modelIds(Buffer.concat(chunks).toString('utf8'));
        if (!models) return finish({ target, status: 'not-a-model-server', detail: 'the answer is not an OpenAI-style model list' });
        finish({ target, status: 'models', baseUrl, models });
      });
    });
    const timer = setTimeout(() => finish({ target, status: 'timeout', detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => finish({ target, status: 'closed', detail: err.code ?? err.message }));
    req.end();
  });
}

/** The model ids of an OpenAI-style `{ data: [{ id }] }` answer; undefined if it is not one. */
export function modelIds(body: string): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as { data?: unknown }).data)) return undefined;
  const ids: string[] = [];
  for (const entry of (parsed as { data: unknown[] }).data) {
    const id = entry && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
    if (typeof id === 'string' && id.trim() !== '' && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Models a chat evaluation cannot use (embedding and reranking models that servers list beside chat models). */
export function isChatModelId(id: string): boolean {
  return !/embed|rerank/i.test(id);
}
