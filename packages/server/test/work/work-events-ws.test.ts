import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_TASK, startWorkApi, type WorkApi } from '../support/work-api.ts';
import { connectWs, issueTicket, subscribe, type WsClient } from '../support/ws.ts';

let w: WorkApi;
let client: WsClient;

beforeAll(async () => {
  w = await startWorkApi();
  client = connectWs(w.t.wsUrl, { ticket: await issueTicket(w.t.baseUrl, w.observer.token) });
  await client.opened;
  await subscribe(client, { channels: ['tasks', 'approvals'] });
});
afterAll(async () => {
  client.ws.close();
  await w.t.close({ removeData: true });
});

/** A position after every frame already sent to the client. */
const mark = () => client.mark();

/** The events received since `from`, once every earlier frame has arrived. */
const eventsSince = (from: number) => client.eventsSince(from);

describe('work-domain events on a real WebSocket', () => {
  it('delivers a task lifecycle and an approval decision in order, with full entities', async () => {
    const from = await mark();
    const task = (await w.call('POST', '/tasks', NEW_TASK)).body.data;
    const path = `/tasks/${task.id}`;
    await w.call('POST', `${path}/assign`, { assigned_to: w.agents[0] });
    for (const target_status of ['in_progress', 'in_review', 'completed']) {
      expect((await w.call('POST', `${path}/transition`, { target_status })).status).toBe(200);
    }
    const approval = (
      await w.call('POST', '/approvals', {
        action_type: 'deploy:production',
        title: 'Ship it',
        description: 'Release the finished task',
        risk_level: 'critical',
        task_id: task.id,
      })
    ).body.data;
    const decided = (await w.call('POST', `/approvals/${approval.id}/approve`, { comment: 'ok' }))
      .body.data;

    const events = await eventsSince(from);
    expect(events.map((e) => [e.channel, e.event_type])).toEqual([
      ['tasks', 'task.created'],
      ['tasks', 'task.status_changed'],
      ['tasks', 'task.status_changed'],
      ['tasks', 'task.status_changed'],
      ['tasks', 'task.status_changed'],
      ['approvals', 'approval.submitted'],
      ['approvals', 'approval.approved'],
    ]);
    expect(events[0].payload).toEqual(task);
    expect(events.slice(1, 5).map((e) => [e.payload.previous_status, e.payload.status])).toEqual([
      ['created', 'assigned'],
      ['assigned', 'in_progress'],
      ['in_progress', 'in_review'],
      ['in_review', 'completed'],
    ]);
    expect(events[4].payload).toMatchObject({ id: task.id, version: 5, assigned_to: w.agents[0] });
    expect(events[5].payload).toEqual(approval);
    expect(events[6].payload).toEqual(decided);
    const taskOffsets = events.filter((e) => e.channel === 'tasks').map((e) => e.id);
    expect(taskOffsets).toEqual([...taskOffsets].sort((a, b) => a - b));
  });

  it('publishes every move into assigned as task.status_changed, a new assignee as task.assigned', async () => {
    const from = await mark();
    const task = (await w.call('POST', '/tasks', NEW_TASK)).body.data;
    const path = `/tasks/${task.id}`;
    const steps: Array<[string, unknown]> = [
      ['/transition', { target_status: 'assigned', assigned_to: w.agents[0] }],
      ['/assign', { assigned_to: w.agents[1] }],
      ['/transition', { target_status: 'blocked', reason: 'waiting for budget' }],
      ['/transition', { target_status: 'assigned', reason: 'budget raised' }],
    ];
    for (const [suffix, body] of steps) {
      expect((await w.call('POST', `${path}${suffix}`, body)).status).toBe(200);
    }

    const events = await eventsSince(from);
    expect(
      events.map((e) => [
        e.event_type,
        e.payload.previous_status,
        e.payload.status,
        e.payload.assigned_to,
      ]),
    ).toEqual([
      ['task.created', undefined, 'created', null],
      ['task.status_changed', 'created', 'assigned', w.agents[0]],
      ['task.assigned', 'assigned', 'assigned', w.agents[1]],
      ['task.status_changed', 'assigned', 'blocked', w.agents[1]],
      ['task.status_changed', 'blocked', 'assigned', w.agents[1]],
    ]);
    expect(events[4].payload.reason).toBe('budget raised');
  });

  it('publishes nothing for rejected requests', async () => {
    const task = (await w.call('POST', '/tasks', NEW_TASK)).body.data;
    const approval = (
      await w.call('POST', '/approvals', {
        action_type: 'org:hire',
        title: 'Hire',
        description: 'one more',
        risk_level: 'low',
      })
    ).body.data;
    await w.call('POST', `/approvals/${approval.id}/reject`, { reason: 'no budget' });
    const from = await mark();
    const refused = [
      await w.call('POST', `/tasks/${task.id}/transition`, { target_status: 'completed' }),
      await w.call('PATCH', `/tasks/${task.id}`, { title: 'x', expected_version: 5 }),
      await w.call('POST', `/tasks/${task.id}/assign`, { assigned_to: 'nobody-x' }),
      await w.call('POST', '/tasks', { ...NEW_TASK, type: 'party' }),
      await w.call('POST', '/tasks', NEW_TASK, w.observer.token),
      await w.call('DELETE', '/tasks/task-missing'),
      await w.call('POST', `/approvals/${approval.id}/approve`, {}),
      await w.call('POST', '/approvals', { action_type: 'nope' }),
    ];
    expect(refused.map((r) => r.status)).toEqual([422, 409, 422, 400, 403, 404, 409, 400]);
    expect(await eventsSince(from)).toEqual([]);
  });

  it('publishes task.updated, task.deleted, and expiry of an approval', async () => {
    const task = (await w.call('POST', '/tasks', NEW_TASK)).body.data;
    const approval = (
      await w.call('POST', '/approvals', {
        action_type: 'vcs:push',
        title: 'Push',
        description: 'to main',
        risk_level: 'medium',
        ttl_seconds: 60,
      })
    ).body.data;
    const from = await mark();
    await w.call('PATCH', `/tasks/${task.id}`, { title: 'Renamed' });
    await w.call('DELETE', `/tasks/${task.id}`);
    await w.t.server.context.database.db
      .updateTable('approvals')
      .set({ expires_at: new Date(Date.now() - 1).toISOString() })
      .where('id', '=', approval.id)
      .execute();
    expect(await w.t.server.context.approvals.expireDue()).toBe(1);
    const events = await eventsSince(from);
    expect(events.map((e) => e.event_type)).toEqual([
      'task.updated',
      'task.deleted',
      'approval.expired',
    ]);
    expect(events[0].payload).toMatchObject({ title: 'Renamed', version: 2 });
    expect(events[1].payload).toEqual({ id: task.id, version: 2 });
    expect(events[2].payload).toMatchObject({ id: approval.id, status: 'expired' });
  });
});
