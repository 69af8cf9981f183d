import { createUser, setupAdmin, type TestUser } from './auth.ts';
import { type JsonResponse, jsonRequest } from './http.ts';
import { startTestServer, type TestServer, type TestServerOptions } from './test-server.ts';

export interface WorkApi {
  t: TestServer;
  admin: TestUser;
  observer: TestUser;
  /** Names of the agents of the company the server bootstrapped (at least two). */
  agents: [string, string, ...string[]];
  /** A JSON call under `/api/v1` as the admin unless another token is given. */
  call(method: string, path: string, body?: unknown, token?: string): Promise<JsonResponse>;
}

/** A real server with a ceo and an observer account, for the work-domain route tests. */
export async function startWorkApi(options: TestServerOptions = {}): Promise<WorkApi> {
  const t = await startTestServer(options);
  const admin = await setupAdmin(t.baseUrl);
  const observer = await createUser(t.baseUrl, admin.token, 'observer');
  const names = (await t.server.context.org.agents.list()).map((agent) => agent.name);
  const [first, second, ...rest] = names;
  if (!first || !second) throw new Error(`the test company needs two agents, has ${names}`);
  return {
    t,
    admin,
    observer,
    agents: [first, second, ...rest],
    call: (method, path, body, token = admin.token) =>
      jsonRequest(`${t.baseUrl}/api/v1${path}`, method, body, token),
  };
}

export const NEW_TASK = {
  title: 'Write the landing page',
  description: 'Hero, pricing and signup',
  type: 'development',
  project: 'project-web',
} as const;
