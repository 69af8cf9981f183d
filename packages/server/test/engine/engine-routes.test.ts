import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectAnonymousRefused, setupAdmin, type TestUser } from '../support/auth.ts';
import { jsonRequest } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let t: TestServer;
let admin: TestUser;

beforeAll(async () => {
  t = await startTestServer({
    settings: {
      engine: {
        enabled: true,
        pollIntervalMs: 50,
        maxConcurrentRuns: 2,
        maxRunsPerAgent: 1,
        maxTurns: 10,
      },
    },
  });
  admin = await setupAdmin(t.baseUrl);
});
afterAll(() => t.close({ removeData: true }));

const get = (path: string) =>
  jsonRequest(`${t.baseUrl}/api/v1${path}`, 'GET', undefined, admin.token);

describe('engine routes', () => {
  it('refuse anonymous callers', async () => {
    for (const path of ['/tasks/task-x/runs', '/runs/run-x']) {
      await expectAnonymousRefused(t.baseUrl, 'GET', `/api/v1${path}`);
    }
  });

  it('list a task without runs as empty and answer NOT_FOUND for an unknown run', async () => {
    const runs = await get('/tasks/task-x/runs');
    expect(runs.status).toBe(200);
    expect(runs.body.data).toEqual([]);
    const missing = await get('/runs/run-x');
    expect(missing.status).toBe(404);
    expect(missing.body.error_code).toBe('NOT_FOUND');
  });

  it('start the runner with the server', async () => {
    await t.logs.waitFor('engine.runner.started');
  });
});
