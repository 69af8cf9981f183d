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
    for (const path of ['/tasks/task-x/runs', '/runs/run-x', '/agents/anyone/runs']) {
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

  it("list an agent's runs newest first, paged, and nobody else's", async () => {
    const agents = (await get('/agents')).body.data as { name: string }[];
    const [worker, other] = agents.map((agent) => agent.name);
    const first = await runTaskTo(worker as string, 'Collect the launch notes');
    const second = await runTaskTo(worker as string, 'Summarise the launch notes');

    const runs = await get(`/agents/${encodeURIComponent(worker as string)}/runs`);
    expect(runs.status).toBe(200);
    expect(runs.body.pagination).toMatchObject({ total: 2, offset: 0 });
    const listed = runs.body.data as { id: string; task_id: string; agent_id: string }[];
    expect(listed.map((run) => run.task_id)).toEqual([second, first]);
    expect(listed.every((run) => run.agent_id === worker)).toBe(true);
    // The same runs as the task's own list, field for field.
    const ofSecond = (await get(`/tasks/${second}/runs`)).body.data;
    expect(listed[0]).toEqual(ofSecond[0]);
    expect(listed[0]).not.toHaveProperty('messages');

    const paged = await get(
      `/agents/${encodeURIComponent(worker as string)}/runs?limit=1&offset=1`,
    );
    expect(paged.body.pagination).toMatchObject({ total: 2, offset: 1, limit: 1 });
    expect(paged.body.data.map((run: { task_id: string }) => run.task_id)).toEqual([first]);

    const none = await get(`/agents/${encodeURIComponent(other as string)}/runs`);
    expect(none.body).toMatchObject({ data: [], pagination: { total: 0 } });
    const unknown = await get('/agents/no-such-agent/runs');
    expect(unknown.body).toMatchObject({ data: [], pagination: { total: 0 } });

    const bad = await get(`/agents/${encodeURIComponent(worker as string)}/runs?limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error_code).toBe('VALIDATION_ERROR');
  });
});

/** Creates a task for `agent` and waits (generously, never timing it) until its run ended. */
async function runTaskTo(agent: string, title: string): Promise<string> {
  const created = await jsonRequest(
    `${t.baseUrl}/api/v1/tasks`,
    'POST',
    { title, description: 'runs listing', type: 'research', project: 'runs', assigned_to: agent },
    admin.token,
  );
  expect(created.status).toBe(201);
  const id = created.body.data.id as string;
  for (let i = 0; i < 400; i++) {
    const runs = (await get(`/tasks/${id}/runs`)).body.data as { status: string }[];
    if (runs.length > 0 && runs.every((run) => run.status === 'finished')) return id;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the run of task ${id} never finished`);
}
