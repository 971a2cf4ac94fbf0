import type { IncomingHttpHeaders } from 'node:http';
import { TransportError } from './http.js';
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
