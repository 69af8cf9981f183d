import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectAnonymousRefused } from '../support/auth.ts';
import { NEW_TASK, startWorkApi, type WorkApi } from '../support/work-api.ts';

let w: WorkApi;

beforeAll(async () => {
  w = await startWorkApi();
});
afterAll(() => w.t.close({ removeData: true }));

describe('message routes', () => {
  it('guards reads and writes', async () => {
    await expectAnonymousRefused(w.t.baseUrl, 'GET', '/api/v1/messages');
    await expectAnonymousRefused(w.t.baseUrl, 'GET', '/api/v1/messages/channels');
    await expectAnonymousRefused(w.t.baseUrl, 'POST', '/api/v1/messages', { channel: '#x' });
    const denied = await w.call(
      'POST',
      '/messages',
      { channel: '#product', content: 'hi' },
      w.observer.token,
    );
    expect(denied.status).toBe(403);
  });

  it('starts with the default channels, sends, lists per channel newest first', async () => {
    const channels = await w.call('GET', '/messages/channels', undefined, w.observer.token);
    expect(channels.body.data.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['#all-hands', '#engineering', '#watercooler']),
    );
    const first = await w.call('POST', '/messages', { channel: '#release', content: 'one' });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({
      sender: w.admin.username,
      to: '#release',
      type: 'announcement',
      priority: 'normal',
    });
    await w.call('POST', '/messages', { channel: '#release', content: 'two', priority: 'high' });
    await w.call('POST', '/messages', { channel: '#product', content: 'elsewhere' });
    const listed = await w.call('GET', '/messages?channel=%23release');
    expect(listed.body.pagination.total).toBe(2);
    expect(listed.body.data.map((m: { content: string }) => m.content)).toEqual(['two', 'one']);
    const release = (await w.call('GET', '/messages/channels')).body.data.find(
      (c: { name: string }) => c.name === '#release',
    );
    expect(release).toEqual({ name: '#release', type: 'topic', subscribers: [w.admin.username] });
    const all = await w.call('GET', '/messages?limit=2');
    expect(all.body.pagination).toEqual({ total: 3, offset: 0, limit: 2 });
    const bad = await w.call('POST', '/messages', { channel: '#x', content: '', type: 'gossip' });
    expect(bad.status).toBe(400);
  });
});

describe('meeting routes', () => {
  it('guards, lists, gets and 404s; trigger without configured types is 404', async () => {
    await expectAnonymousRefused(w.t.baseUrl, 'GET', '/api/v1/meetings');
    await expectAnonymousRefused(w.t.baseUrl, 'GET', '/api/v1/meetings/m');
    await expectAnonymousRefused(w.t.baseUrl, 'POST', '/api/v1/meetings/trigger', {
      event_name: 'x',
    });
    const meetings = w.t.server.context.meetings;
    const standup = await meetings.schedule(
      { name: 'standup', protocol: 'round_robin', duration_tokens: 2000 },
      [w.agents[0], w.agents[1]],
    );
    await meetings.start(standup.meeting_id);
    const done = await meetings.complete(standup.meeting_id, { summary: 'ship friday' });
    expect(done).toMatchObject({ status: 'completed', minutes: { summary: 'ship friday' } });
    await expect(meetings.start(standup.meeting_id)).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    const got = await w.call('GET', `/meetings/${standup.meeting_id}`, undefined, w.observer.token);
    expect(got.body.data).toEqual(done);
    const listed = await w.call('GET', '/meetings?status=completed&meeting_type=standup');
    expect(listed.body.pagination.total).toBe(1);
    expect((await w.call('GET', '/meetings/meeting-x')).status).toBe(404);
    expect((await w.call('GET', '/meetings?status=done')).status).toBe(400);
    const denied = await w.call('POST', '/meetings/trigger', { event_name: 'x' }, w.observer.token);
    expect(denied.status).toBe(403);
    // The default company configures no meeting types: no event triggers anything.
    const triggered = await w.call('POST', '/meetings/trigger', { event_name: 'release' });
    expect(triggered.status).toBe(404);
    expect(triggered.body).toMatchObject({ error_code: 'MEETING_EVENT_UNKNOWN', data: null });
    const tooMany = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']));
    const bad = await w.call('POST', '/meetings/trigger', { event_name: 'x', context: tooMany });
    expect(bad.status).toBe(400);
  });
});

describe('project routes', () => {
  it('guards, creates, lists, gets with task ids, edits with versions', async () => {
    await expectAnonymousRefused(w.t.baseUrl, 'GET', '/api/v1/projects');
    await expectAnonymousRefused(w.t.baseUrl, 'GET', '/api/v1/projects/p');
    await expectAnonymousRefused(w.t.baseUrl, 'POST', '/api/v1/projects', { name: 'x' });
    await expectAnonymousRefused(w.t.baseUrl, 'PATCH', '/api/v1/projects/p', { name: 'x' });
    const created = await w.call('POST', '/projects', { name: 'Website', team: [w.agents[0]] });
    expect(created.status).toBe(201);
    const project = created.body.data;
    expect(project).toMatchObject({ status: 'planning', version: 1, task_ids: [], budget: 0 });
    const task = (await w.call('POST', '/tasks', { ...NEW_TASK, project: project.id })).body.data;
    const got = await w.call('GET', `/projects/${project.id}`, undefined, w.observer.token);
    expect(got.body.data.task_ids).toEqual([task.id]);
    const edited = await w.call('PATCH', `/projects/${project.id}`, {
      status: 'active',
      expected_version: 1,
    });
    expect(edited.body.data).toMatchObject({ status: 'active', version: 2, name: 'Website' });
    const stale = await w.call('PATCH', `/projects/${project.id}`, {
      name: 'x',
      expected_version: 1,
    });
    expect(stale.status).toBe(409);
    const denied = await w.call('POST', '/projects', { name: 'x' }, w.observer.token);
    expect(denied.status).toBe(403);
    expect((await w.call('POST', '/projects', { name: '', team: ['a', 'a'] })).status).toBe(400);
    expect((await w.call('GET', '/projects/project-x')).status).toBe(404);
    const listed = await w.call('GET', '/projects?status=active');
    expect(listed.body.data.map((p: { id: string }) => p.id)).toEqual([project.id]);
  });
});

describe('artifact routes', () => {
  it('guards, stores content in the database, serves it as text, deletes', async () => {
    await expectAnonymousRefused(w.t.baseUrl, 'GET', '/api/v1/artifacts');
    await expectAnonymousRefused(w.t.baseUrl, 'GET', '/api/v1/artifacts/a');
    await expectAnonymousRefused(w.t.baseUrl, 'GET', '/api/v1/artifacts/a/content');
    await expectAnonymousRefused(w.t.baseUrl, 'POST', '/api/v1/artifacts', {});
    await expectAnonymousRefused(w.t.baseUrl, 'DELETE', '/api/v1/artifacts/a');
    const task = (await w.call('POST', '/tasks', NEW_TASK)).body.data;
    const content = '<script>alert(1)</script>\nexport const answer = 42;\n';
    const created = await w.call('POST', '/artifacts', {
      type: 'code',
      path: 'src/answer.ts',
      task_id: task.id,
      content,
    });
    expect(created.status).toBe(201);
    const artifact = created.body.data;
    expect(artifact).toMatchObject({
      size_bytes: Buffer.byteLength(content),
      created_by: w.admin.username,
    });
    const raw = await fetch(`${w.t.baseUrl}/api/v1/artifacts/${artifact.id}/content`, {
      headers: { authorization: `Bearer ${w.observer.token}` },
    });
    expect(raw.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await raw.text()).toBe(content);
    const listed = await w.call('GET', `/artifacts?task_id=${task.id}&type=code`);
    expect(listed.body.data).toEqual([artifact]);
    for (const bad of [{ path: '../etc/passwd' }, { type: 'binary' }, { task_id: undefined }]) {
      const body = { type: 'code', path: 'a.ts', task_id: task.id, content: 'x', ...bad };
      expect((await w.call('POST', '/artifacts', body)).status, JSON.stringify(bad)).toBe(400);
    }
    const escapes = [
      '/etc/passwd',
      '\\server\\share',
      'C:/Windows/win.ini',
      'c:evil',
      '%2e%2e/x',
      'a/%2E%2e/b',
      'a%2fb',
      'a%5cb',
      'src\\a.ts',
      'a\u0000.ts',
      'src/../../x',
    ];
    for (const path of escapes) {
      const refused = await w.call('POST', '/artifacts', {
        type: 'code',
        path,
        task_id: task.id,
        content: 'x',
      });
      expect(refused.status, path).toBe(400);
      expect(refused.body.error_code, path).toBe('VALIDATION_ERROR');
      expect(JSON.stringify(refused.body), path).toContain('path');
    }
    expect((await w.call('GET', `/artifacts?task_id=${task.id}`)).body.data).toEqual([artifact]);
    const orphan = await w.call('POST', '/artifacts', {
      type: 'code',
      path: 'a.ts',
      task_id: 'task-gone',
      content: 'x',
    });
    expect(orphan.status).toBe(422);
    const denied = await w.call('DELETE', `/artifacts/${artifact.id}`, undefined, w.observer.token);
    expect(denied.status).toBe(403);
    expect((await w.call('DELETE', `/artifacts/${artifact.id}`)).status).toBe(200);
    expect((await w.call('GET', `/artifacts/${artifact.id}`)).status).toBe(404);
    expect((await w.call('GET', `/artifacts/${artifact.id}/content`)).status).toBe(404);
  });
});

describe('analytics overview', () => {
  it('counts tasks by status, cost and pending approvals', async () => {
    await expectAnonymousRefused(w.t.baseUrl, 'GET', '/api/v1/analytics/overview');
    const before = (await w.call('GET', '/analytics/overview', undefined, w.observer.token)).body
      .data;
    const task = (await w.call('POST', '/tasks', { ...NEW_TASK, assigned_to: w.agents[0] })).body
      .data;
    await w.call('POST', '/approvals', {
      action_type: 'org:hire',
      title: 'Hire',
      description: 'one more',
      risk_level: 'medium',
      task_id: task.id,
    });
    await w.t.server.context.budget.recordCost({
      agent_id: w.agents[0],
      task_id: task.id,
      provider: 'test-provider',
      model: 'test-small-001',
      input_tokens: 1,
      output_tokens: 1,
      cost_usd: 0.25,
    });
    const after = (await w.call('GET', '/analytics/overview')).body.data;
    expect(after.total_agents).toBe(w.agents.length);
    expect(after.total_tasks).toBe(before.total_tasks + 1);
    expect(after.tasks_by_status.assigned).toBe(before.tasks_by_status.assigned + 1);
    expect(Object.keys(after.tasks_by_status)).toHaveLength(9);
    expect(after.pending_approvals).toBe(before.pending_approvals + 1);
    expect(after.total_cost_usd).toBeCloseTo(before.total_cost_usd + 0.25, 9);
  });
});
