import type { ProviderFailureKind } from '@synthorg/shared';
import { APICallError } from 'ai';

import { ProviderError } from './provider-error.ts';

/** `Retry-After` as seconds or an HTTP date; `retry-after-ms` (OpenAI) wins when present. */
export function parseRetryAfter(
  headers: Record<string, string> | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const ms = Number(lower['retry-after-ms']);
  if (lower['retry-after-ms'] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = lower['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function kindOfStatus(status: number): ProviderFailureKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limit';
  if (status === 408 || status === 409 || status >= 500) return 'transient';
  // A 200 whose body could not be parsed is a malformed reply: worth another attempt.
  if (status < 400) return 'transient';
  return 'invalid_request';
}

/**
 * Maps whatever the SDK threw to a `ProviderError`. Malformed replies, timeouts and lost
 * connections are transient; 4xx other than auth and 429 are the caller's fault.
 */
export function classifyProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const kind = status === undefined ? 'transient' : kindOfStatus(status);
    return new ProviderError(kind, error.message, {
      ...(status === undefined ? {} : { status }),
      retryAfterMs: parseRetryAfter(error.responseHeaders),
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError('transient', message, { cause: error });
}
