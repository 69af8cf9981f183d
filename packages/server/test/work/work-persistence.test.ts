import { afterAll, describe, expect, it } from 'vitest';

import { jsonRequest } from '../support/http.ts';
import { createTestPostgres, type TestPostgres } from '../support/postgres.ts';
import { startTestServer } from '../support/test-server.ts';
import { NEW_TASK, startWorkApi, type WorkApi } from '../support/work-api.ts';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Creates one of everything the work domain stores; returns what the API answered. */
async function populate(w: WorkApi) {
  const project = (await w.call('POST', '/projects', { name: 'Persisted' })).body.data;
  const created = await w.call('POST', '/tasks', { ...NEW_TASK, project: project.id });
  const path = `/tasks/${created.body.data.id}`;
  await w.call('POST', `${path}/assign`, { assigned_to: w.agents[0] });
  const task = (await w.call('POST', `${path}/transition`, { target_status: 'in_progress' })).body
    .data;
  const approval = (
    await w.call('POST', '/approvals', {
      action_type: 'deploy:staging',
      title: 'Stage',
      description: 'to staging',
      risk_level: 'medium',
      task_id: task.id,
    })
  ).body.data;
  const message = (await w.call('POST', '/messages', { channel: '#engineering', content: 'hi' }))
    .body.data;
  const artifact = (
    await w.call('POST', '/artifacts', {
      type: 'documentation',
      path: 'README.md',
      task_id: task.id,
      content: '# kept',
    })
  ).body.data;
  const { record } = await w.t.server.context.budget.recordCost({
    agent_id: w.agents[0],
    task_id: task.id,
    provider: 'test-provider',
    model: 'test-small-001',
    input_tokens: 10,
    output_tokens: 5,
    cost_usd: 0.125,
  });
  return {
    project: { ...project, task_ids: [task.id] },
    task,
    approval,
    message,
    artifact,
    record,
  };
}

describe('work-domain persistence', () => {
  it('keeps everything across a restart on the same data dir', async () => {
    const w = await startWorkApi();
    const stored = await populate(w);
    const { dataDir } = w.t;
    await w.t.close();

    const again = await startTestServer({ settings: { dataDir } });
    cleanups.push(() => again.close({ removeData: true }));
    const login = await jsonRequest(`${again.baseUrl}/api/v1/auth/login`, 'POST', {
      username: w.admin.username,
      password: w.admin.password,
    });
    const get = async (path: string) =>
      (await jsonRequest(`${again.baseUrl}/api/v1${path}`, 'GET', undefined, login.body.data.token))
        .body.data;
    expect(await get(`/tasks/${stored.task.id}`)).toEqual(stored.task);
    expect(await get(`/approvals/${stored.approval.id}`)).toEqual(stored.approval);
    expect(await get(`/projects/${stored.project.id}`)).toEqual(stored.project);
    expect(await get(`/artifacts/${stored.artifact.id}`)).toEqual(stored.artifact);
    expect(await get('/messages?channel=%23engineering')).toEqual([stored.message]);
    expect(await get(`/budget/records?task_id=${stored.task.id}`)).toEqual([stored.record]);
  });

  describe('on PostgreSQL', () => {
    let pg: TestPostgres;
    let w: WorkApi;

    it('runs the task lifecycle and stores every entity', async () => {
      pg = await createTestPostgres();
      cleanups.push(() => pg.drop());
      w = await startWorkApi({ settings: { databaseUrl: pg.url } });
      cleanups.push(() => w.t.close({ removeData: true }));
      expect(w.t.server.context.database.dialect).toBe('postgres');
      const stored = await populate(w);
      const path = `/tasks/${stored.task.id}`;
      await w.call('POST', `${path}/transition`, { target_status: 'in_review' });
      const done = await w.call('POST', `${path}/transition`, { target_status: 'completed' });
      expect(done.body.data).toMatchObject({ status: 'completed', version: 5 });
      const refused = await w.call('POST', `${path}/transition`, { target_status: 'in_progress' });
      expect(refused.body.error_code).toBe('INVALID_TRANSITION');
      const overview = (await w.call('GET', '/analytics/overview')).body.data;
      expect(overview).toMatchObject({
        total_tasks: 1,
        total_cost_usd: 0.125,
        pending_approvals: 1,
      });
      expect(overview.tasks_by_status.completed).toBe(1);
      const spend = (await w.call('GET', `/budget/agents/${encodeURIComponent(w.agents[0])}`)).body;
      expect(spend.data).toMatchObject({
        total_cost_usd: 0.125,
        input_tokens: 10,
        record_count: 1,
      });
    });

    it('gives concurrent writers on a pooled connection exactly one winner', async () => {
      const task = (await w.call('POST', '/tasks', { ...NEW_TASK, assigned_to: w.agents[0] })).body
        .data;
      const moves = await Promise.all(
        ['in_progress', 'blocked', 'failed', 'cancelled', 'interrupted', 'in_progress'].map(
          (target_status) =>
            w.call('POST', `/tasks/${task.id}/transition`, { target_status, expected_version: 1 }),
        ),
      );
      expect(moves.filter((m) => m.status === 200)).toHaveLength(1);
      expect(moves.filter((m) => m.status === 409)).toHaveLength(5);

      const approval = (
        await w.call('POST', '/approvals', {
          action_type: 'db:mutate',
          title: 'Migrate',
          description: 'schema change',
          risk_level: 'high',
        })
      ).body.data;
      const decisions = await Promise.all(
        Array.from({ length: 6 }, () => w.call('POST', `/approvals/${approval.id}/approve`, {})),
      );
      expect(decisions.map((d) => d.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    });
  });
});
