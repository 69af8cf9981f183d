// biome-ignore lint/suspicious/noExplicitAny: tests navigate response JSON freely and assert on it.
export type Json = any;

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: Json;
}

/** fetch + JSON body, for tests. A body that is not JSON is returned as text. */
export async function request(url: string, init: RequestInit = {}): Promise<JsonResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: Json = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body };
}

/** JSON request with an optional bearer token. */
export function jsonRequest(
  url: string,
  method: string,
  payload?: unknown,
  token?: string,
): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  return request(url, {
    method,
    headers,
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
}
