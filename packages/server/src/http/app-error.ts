import { ERROR_CATALOGUE, type ErrorCode, type ErrorDetail } from '@synthorg/shared';

export interface AppErrorOptions {
  details?: ErrorDetail[];
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * The one error type services throw. The serializer turns it into the envelope; the status
 * comes from the catalogue so a code can never answer with two different statuses.
 *
 * @example
 * throw new AppError('NOT_FOUND', `Task ${id} not found`);
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[] | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message?: string, options: AppErrorOptions = {}) {
    super(message ?? ERROR_CATALOGUE[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}
