import type { Envelope, ErrorCode, ErrorDetail, ErrorEnvelope, Paginated } from '@synthorg/shared';

/** Success envelope for a single value. */
export function ok<T>(data: T): Envelope<T> {
  return { data, error: null, success: true };
}

/** Success envelope for one page of a list; `items` is already the sliced page. */
export function page<T>(
  items: T[],
  total: number,
  window: { offset: number; limit: number },
): Paginated<T> {
  return {
    data: items,
    error: null,
    pagination: { total, offset: window.offset, limit: window.limit },
    success: true,
  };
}

/** Slices an in-memory list into a page. */
export function pageOf<T>(all: T[], window: { offset: number; limit: number }): Paginated<T> {
  return page(all.slice(window.offset, window.offset + window.limit), all.length, window);
}

/** Failure envelope. Only the error handler and the WebSocket layer call this. */
export function failure(code: ErrorCode, message: string, details?: ErrorDetail[]): ErrorEnvelope {
  const body: ErrorEnvelope = { data: null, error: message, error_code: code, success: false };
  if (details && details.length > 0) body.details = details;
  return body;
}
