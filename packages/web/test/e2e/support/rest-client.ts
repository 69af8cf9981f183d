import { type JsonResponse, jsonRequest } from '../../../../server/test/support/http.ts';

/** "Another client": plain REST calls with their own login, next to the browser. */
export function restClient(baseUrl: string, token: string) {
  return async (method: string, path: string, body?: unknown): Promise<JsonResponse> => {
    const response = await jsonRequest(`${baseUrl}/api/v1${path}`, method, body, token);
    if (response.status >= 400) {
      throw new Error(
        `${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`,
      );
    }
    return response;
  };
}
