import type { ErrorCode, ErrorDetail } from '@synthorg/shared';

/** `NETWORK_ERROR` is the client's own code: the request never got an answer. */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR' | 'BAD_RESPONSE';

/** A failed API call, carrying the server's stable `error_code` (never its text) for the UI. */
export class ApiError extends Error {
  override name = 'ApiError';

  readonly code: ClientErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[];
  /** Seconds from `Retry-After`, when the server sent one. */
  readonly retryAfterSeconds: number | null;
  /** The server's `error` text; shown only for codes whose text names the broken rule. */
  readonly serverText: string | null;

  constructor(
    code: ClientErrorCode,
    status: number,
    details: ErrorDetail[] = [],
    retryAfterSeconds: number | null = null,
    serverText: string | null = null,
  ) {
    super(code);
    this.code = code;
    this.status = status;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
    this.serverText = serverText;
  }
}

export function isApiError(error: unknown, code?: ClientErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
