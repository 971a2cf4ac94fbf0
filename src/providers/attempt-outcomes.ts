import type { IncomingHttpHeaders } from 'node:http';
import { postJson, TransportError } from './http.js';
import { redact } from './redact.js';
import { isRetryableStatus, parseRetryAfter, type AttemptOutcome } from './retry.js';

/**
 * How the HTTP providers turn what happened to one attempt into an outcome for `withRetries`, in one place:
 * transport failures are retried, HTTP statuses by `isRetryableStatus` (honouring Retry-After), and a body
 * that cannot be read is a non-retryable bad response. Every message is redacted of the request's secrets.
 */
export function failedAttempt(err: unknown, secrets: ReadonlyArray<string | undefined>, what: string): AttemptOutcome<never> {
  if (err instanceof TransportError) {
    return { ok: false, retryable: true, error: { code: err.timedOut ? 'PROVIDER_TIMEOUT' : 'PROVIDER_NETWORK', message: redact(err.message, secrets) } };
  }
  return badResponse(`${what}: ${(err as Error).message}`, secrets);
}

export function badResponse(message: string, secrets: ReadonlyArray<string | undefined>): AttemptOutcome<never> {
  return { ok: false, retryable: false, error: { code: 'PROVIDER_BAD_RESPONSE', message: redact(message, secrets) } };
}

/** A non-2xx answer; `message` is the upstream's own error text, already shortened. */
export function httpFailure(status: number, headers: IncomingHttpHeaders, message: string, secrets: ReadonlyArray<string | undefined>): AttemptOutcome<never> {
  return {
    ok: false,
    retryable: isRetryableStatus(status),
    error: { code: 'PROVIDER_HTTP', status, message: `HTTP ${status}: ${redact(message, secrets)}` },
    retryAfterMs: parseRetryAfter(headers),
  };
}

/**
 * POST a JSON body for one attempt and time it. A transport failure or a non-2xx answer comes back as the
 * failed outcome (`errorText` reads the upstream's own message from its body); a 2xx as the body and latency.
 */
export async function timedPost(
  url: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  secrets: ReadonlyArray<string | undefined>,
  errorText: (body: string) => string,
): Promise<{ failed: AttemptOutcome<never> } | { body: string; latencyMs: number }> {
  const started = performance.now();
  let res;
  try {
    res = await postJson(url, body, headers, timeoutMs);
  } catch (err) {
    return { failed: failedAttempt(err, secrets, 'request failed') };
  }
  const latencyMs = performance.now() - started;
  if (res.status < 200 || res.status >= 300) return { failed: httpFailure(res.status, res.headers, errorText(res.body), secrets) };
  return { body: res.body, latencyMs };
}
