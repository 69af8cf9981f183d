import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectAnonymousRefused } from '../support/auth.ts';
import { NEW_TASK, startWorkApi, type WorkApi } from '../support/work-api.ts';

let w: WorkApi;

beforeAll(async () => {
  w = await startWorkApi();
});
afterAll(() => w.t.close({ removeData: true }));

async function createTask(extra: Record<string, unknown> = {}) {
  const response = await w.call('POST', '/tasks', { ...NEW_TASK, ...extra });
  expect(response.status).toBe(201);
  return response.body.data;
}

describe('task routes', () => {
  it('refuses anonymous and forged callers on every task route', async () => {
    const id = (await createTask()).id;
    for (const [method, path, body] of [
      ['GET', '/tasks'],
      ['GET', `/tasks/${id}`],
      ['POST', '/tasks', NEW_TASK],
      ['PATCH', `/tasks/${id}`, { title: 'x' }],
      ['POST', `/tasks/${id}/transition`, { target_status: 'assigned', assigned_to: 'a' }],
      ['POST', `/tasks/${id}/assign`, { assigned_to: 'a' }],
      ['POST', `/tasks/${id}/cancel`, { reason: 'r' }],
      ['DELETE', `/tasks/${id}`],
    ] as const) {
      await expectAnonymousRefused(w.t.baseUrl, method, `/api/v1${path}`, body);
    }
  });

  it('lets an observer read but not write, and nothing changes', async () => {
    const task = await createTask();
    const token = w.observer.token;
    expect((await w.call('GET', '/tasks', undefined, token)).status).toBe(200);
    expect((await w.call('GET', `/tasks/${task.id}`, undefined, token)).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', '/tasks', NEW_TASK],
      ['PATCH', `/tasks/${task.id}`, { title: 'x' }],
      ['POST', `/tasks/${task.id}/transition`, { target_status: 'assigned', assigned_to: 'a' }],
      ['POST', `/tasks/${task.id}/assign`, { assigned_to: 'a' }],
      ['POST', `/tasks/${task.id}/cancel`, { reason: 'r' }],
      ['DELETE', `/tasks/${task.id}`],
    ] as const) {
      const response = await w.call(method, path, body, token);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.error_code).toBe('WRITE_ACCESS_DENIED');
    }
    expect((await w.call('GET', `/tasks/${task.id}`)).body.data).toEqual(task);
  });

  it('creates with defaults and the caller as creator, and gets it back', async () => {
    const task = await createTask();
    expect(task).toMatchObject({
      status: 'created',
      priority: 'medium',
      estimated_complexity: 'medium',
      budget_limit: 0,
      assigned_to: null,
      created_by: w.admin.username,
      version: 1,
    });
    expect(task.id).toMatch(/^task-[0-9a-f]{32}$/);
    const fetched = await w.call('GET', `/tasks/${task.id}`);
    expect(fetched.body).toEqual({ data: task, error: null, success: true });
  });

  it('answers 400 with details for a malformed task and 404 for an unknown one', async () => {
    const bad = await w.call('POST', '/tasks', { ...NEW_TASK, title: '', type: 'party' });
    expect(bad.status).toBe(400);
    expect(bad.body.error_code).toBe('VALIDATION_ERROR');
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.title', 'body.type']),
    );
    const missing = await w.call('GET', '/tasks/task-nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error_code).toBe('NOT_FOUND');
    for (const [method, path, body] of [
      ['PATCH', '/tasks/task-nope', { title: 'x' }],
      ['POST', '/tasks/task-nope/transition', { target_status: 'blocked' }],
      ['POST', '/tasks/task-nope/assign', { assigned_to: 'a' }],
      ['POST', '/tasks/task-nope/cancel', { reason: 'r' }],
      ['DELETE', '/tasks/task-nope'],
    ] as const) {
      expect((await w.call(method, path, body)).status, `${method} ${path}`).toBe(404);
    }
  });

  it('walks the lifecycle through assign, transitions and cancel', async () => {
    const task = await createTask();
    const assigned = await w.call('POST', `/tasks/${task.id}/assign`, { assigned_to: w.agents[0] });
    expect(assigned.body.data).toMatchObject({
      status: 'assigned',
      assigned_to: w.agents[0],
      version: 2,
    });
    const started = await w.call('POST', `/tasks/${task.id}/transition`, {
      target_status: 'in_progress',
      expected_version: 2,
    });
    expect(started.body.data).toMatchObject({ status: 'in_progress', version: 3 });
    const cancelled = await w.call('POST', `/tasks/${task.id}/cancel`, { reason: 'scope cut' });
    expect(cancelled.body.data).toMatchObject({ status: 'cancelled', status_reason: 'scope cut' });
  });

  it('answers 422 UNKNOWN_AGENT for an assignee the company does not have', async () => {
    const task = await createTask();
    const response = await w.call('POST', `/tasks/${task.id}/assign`, { assigned_to: 'nobody-x' });
    expect(response.status).toBe(422);
    expect(response.body.error_code).toBe('UNKNOWN_AGENT');
    const created = await w.call('POST', '/tasks', { ...NEW_TASK, assigned_to: 'nobody-x' });
    expect(created.body.error_code).toBe('UNKNOWN_AGENT');
    expect((await w.call('GET', `/tasks/${task.id}`)).body.data).toEqual(task);
  });

  it('answers 422 for a forbidden transition and 409 for a stale version', async () => {
    const task = await createTask();
    const skip = await w.call('POST', `/tasks/${task.id}/transition`, {
      target_status: 'completed',
    });
    expect(skip.status).toBe(422);
    expect(skip.body.error_code).toBe('INVALID_TRANSITION');
    const stale = await w.call('PATCH', `/tasks/${task.id}`, { title: 'new', expected_version: 9 });
    expect(stale.status).toBe(409);
    expect(stale.body.error_code).toBe('VERSION_CONFLICT');
    const cancelCreated = await w.call('POST', `/tasks/${task.id}/cancel`, { reason: 'r' });
    expect(cancelCreated.status).toBe(422);
    expect((await w.call('GET', `/tasks/${task.id}`)).body.data).toEqual(task);
  });

  it('edits fields with PATCH and deletes, refusing to delete a running task', async () => {
    const task = await createTask({ assigned_to: w.agents[1] });
    const patched = await w.call('PATCH', `/tasks/${task.id}`, {
      priority: 'high',
      expected_version: 1,
    });
    expect(patched.body.data).toMatchObject({ priority: 'high', version: 2, status: 'assigned' });
    const same = await w.call('PATCH', `/tasks/${task.id}`, { priority: 'high' });
    expect(same.status).toBe(200);
    expect(same.body.data).toEqual(patched.body.data);
    for (const body of [{}, { expected_version: 2 }]) {
      const empty = await w.call('PATCH', `/tasks/${task.id}`, body);
      expect(empty.status, JSON.stringify(body)).toBe(400);
      expect(empty.body.error_code).toBe('VALIDATION_ERROR');
      expect(JSON.stringify(empty.body)).toContain('nothing to update');
    }
    for (const [key, value] of [
      ['status', 'completed'],
      ['assigned_to', 'someone'],
      ['version', 7],
      ['titel', 'typo'],
    ] as const) {
      const refused = await w.call('PATCH', `/tasks/${task.id}`, { title: 'ok', [key]: value });
      expect(refused.status, key).toBe(400);
      expect(refused.body.error_code, key).toBe('VALIDATION_ERROR');
      expect(JSON.stringify(refused.body), key).toContain(key);
    }
    expect((await w.call('GET', `/tasks/${task.id}`)).body.data).toEqual(patched.body.data);
    await w.call('POST', `/tasks/${task.id}/transition`, { target_status: 'in_progress' });
    const running = await w.call('DELETE', `/tasks/${task.id}`);
    expect(running.status).toBe(422);
    expect(running.body.error_code).toBe('DOMAIN_RULE_VIOLATION');
    await w.call('POST', `/tasks/${task.id}/cancel`, { reason: 'stop' });
    const deleted = await w.call('DELETE', `/tasks/${task.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ data: null, error: null, success: true });
    expect((await w.call('GET', `/tasks/${task.id}`)).status).toBe(404);
  });

  it('filters and paginates, and refuses limits outside 1..200', async () => {
    const project = `project-${Date.now()}`;
    const made = [];
    for (let i = 0; i < 5; i += 1) made.push(await createTask({ project, title: `t${i}` }));
    const pageTwo = await w.call('GET', `/tasks?project=${project}&offset=2&limit=2`);
    expect(pageTwo.body.pagination).toEqual({ total: 5, offset: 2, limit: 2 });
    expect(pageTwo.body.data.map((t: { id: string }) => t.id)).toEqual([made[2].id, made[3].id]);
    const beyond = await w.call('GET', `/tasks?project=${project}&offset=10`);
    expect(beyond.body.data).toEqual([]);
    expect(beyond.body.pagination.total).toBe(5);
    const created = await w.call('GET', `/tasks?project=${project}&status=created&limit=200`);
    expect(created.body.pagination.total).toBe(5);
    for (const query of ['limit=0', 'limit=201', 'offset=-1', 'status=done']) {
      const response = await w.call('GET', `/tasks?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error_code).toBe('VALIDATION_ERROR');
    }
  });
});
