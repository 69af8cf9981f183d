import { ERROR_CODES, type ErrorCode, type ErrorDetail } from '@synthorg/shared';

import { ApiError } from './api-error.ts';

export const API_BASE = '/api/v1';

const SESSION_LOST = new Set<string>(['UNAUTHENTICATED', 'TOKEN_INVALID']);

export type QueryValue = string | number | boolean | undefined | null;

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** Overrides the stored token (used right after login, before the store is updated). */
  token?: string | null;
}

interface ApiHooks {
  getToken(): string | null;
  /** Called when an authenticated call answers 401: the login is gone. */
  onUnauthenticated(): void;
}

let hooks: ApiHooks = { getToken: () => null, onUnauthenticated: () => {} };

/** The auth module plugs in here, so this module does not import the store. */
export function configureApi(next: ApiHooks): void {
  hooks = next;
}

function urlOf(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

function retryAfterOf(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) ? seconds : null;
}

async function failureOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    error?: unknown;
    error_code?: string;
    details?: ErrorDetail[];
  } | null;
  const known = ERROR_CODES.includes(body?.error_code as ErrorCode);
  const code = known ? (body?.error_code as ErrorCode) : 'BAD_RESPONSE';
  const text = typeof body?.error === 'string' ? body.error : null;
  return new ApiError(code, response.status, body?.details ?? [], retryAfterOf(response), text);
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Sends one request and returns the parsed success body; throws `ApiError` otherwise. */
async function send(method: Method, path: string, options: RequestOptions): Promise<unknown> {
  const token = options.token === undefined ? hooks.getToken() : options.token;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', 0);
  }

  if (!response.ok) {
    const error = await failureOf(response);
    // Only a dead session ends the login; a wrong current password (401 INVALID_CREDENTIALS
    // from change-password) must stay a form error.
    if (token && SESSION_LOST.has(error.code)) hooks.onUnauthenticated();
    throw error;
  }
  if (response.status === 204) return { data: undefined };
  const body: unknown = await response.json().catch(() => null);
  if (typeof body !== 'object' || body === null || !('data' in body)) {
    throw new ApiError('BAD_RESPONSE', response.status);
  }
  return body;
}

/**
 * One call to the API: unwraps the `{data, error, success}` envelope and throws `ApiError`
 * with the server's `error_code` otherwise.
 *
 * @example
 * const task = await apiRequest<Task>('POST', '/tasks', { body: draft });
 */
export async function apiRequest<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const body = (await send(method, path, options)) as { data: T };
  return body.data;
}

/** A page of a list endpoint: the items plus the total. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** GET on a paginated endpoint; asks for the largest page unless told otherwise. */
export async function apiList<T>(
  path: string,
  query: Record<string, QueryValue> = {},
): Promise<Page<T>> {
  const body = (await send('GET', path, { query: { limit: 200, ...query } })) as {
    data: unknown;
    pagination?: { total: number };
  };
  if (!Array.isArray(body.data)) throw new ApiError('BAD_RESPONSE', 200);
  const items = body.data as T[];
  return { items, total: body.pagination?.total ?? items.length };
}
