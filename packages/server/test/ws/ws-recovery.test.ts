import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setupAdmin, type TestUser } from '../support/auth.ts';
import { jsonRequest } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { connectWs, issueTicket, publishRaw, subscribe, type WsClient } from '../support/ws.ts';

describe('recovery with since, history limits and filters', () => {
  let t: TestServer;
  let admin: TestUser;
  const open = async (): Promise<WsClient> => {
    const client = connectWs(t.wsUrl, { ticket: await issueTicket(t.baseUrl, admin.token) });
    await client.opened;
    return client;
  };

  beforeAll(async () => {
    t = await startTestServer();
    admin = await setupAdmin(t.baseUrl);
  });
  afterAll(() => t.close({ removeData: true }));

  it('replays exactly the events missed while disconnected, in order, then continues live', async () => {
    const first = await open();
    const ack = await subscribe(first, { channels: ['tasks'] });
    publishRaw(t.server.context.events, 'task.created', { id: 'seen' });
    const seen = await first.next((m) => m.payload?.id === 'seen');
    first.ws.close();
    await first.closed;

    for (const id of ['m1', 'm2', 'm3'])
      publishRaw(t.server.context.events, 'task.updated', { id });
    await t.server.context.events.settled();

    const second = await open();
    const resumed = await subscribe(second, {
      channels: ['tasks'],
      since: { tasks: { offset: seen.id, epoch: ack.positions.tasks.epoch } },
    });
    expect(resumed.positions.tasks.offset).toBe(seen.id + 3);
    publishRaw(t.server.context.events, 'task.deleted', { id: 'live' });
    await second.next((m) => m.payload?.id === 'live');
    await second.barrier();
    const events = second.events();
    expect(events.map((e) => e.payload.id)).toEqual(['m1', 'm2', 'm3', 'live']);
    expect(events.map((e) => e.id)).toEqual([seen.id + 1, seen.id + 2, seen.id + 3, seen.id + 4]);
    expect(second.messages.some((m) => m.action === 'resync_required')).toBe(false);
    second.ws.close();
  });

  it('answers resync_required for an unknown epoch and still subscribes live', async () => {
    const client = await open();
    const from = client.messages.length;
    client.send({
      action: 'subscribe',
      channels: ['agents'],
      since: { agents: { offset: 3, epoch: 'old' } },
    });
    expect(await client.next((m) => m.action === 'resync_required', { from })).toEqual({
      action: 'resync_required',
      channels: ['agents'],
    });
    publishRaw(t.server.context.events, 'agent.hired', { name: 'ada' });
    await client.next((m) => m.event_type === 'agent.hired');
    client.ws.close();
  });

  it('answers resync_required when the gap is beyond the 1000-event history', async () => {
    const client = await open();
    const ack = await subscribe(client, { channels: ['budget'] });
    const start = ack.positions.budget;
    client.ws.close();
    for (let i = 0; i < 1002; i++)
      publishRaw(t.server.context.events, 'budget.record_added', { i });
    await t.server.context.events.settled();

    const late = await open();
    const from = late.messages.length;
    late.send({ action: 'subscribe', channels: ['budget'], since: { budget: start } });
    await late.next((m) => m.action === 'resync_required', { from });
    await late.barrier();
    expect(late.events()).toEqual([]);

    const recent = await open();
    const within = { offset: start.offset + 1002 - 1000, epoch: start.epoch };
    await subscribe(recent, { channels: ['budget'], since: { budget: within } });
    await recent.barrier();
    expect(recent.events()).toHaveLength(1000);
    late.ws.close();
    recent.ws.close();
  });

  it('applies filters to live and replayed events; {} clears them', async () => {
    const client = await open();
    const ack = await subscribe(client, {
      channels: ['approvals'],
      filters: { risk_level: 'high' },
    });
    publishRaw(t.server.context.events, 'approval.submitted', { id: 'a', risk_level: 'low' });
    publishRaw(t.server.context.events, 'approval.submitted', { id: 'b', risk_level: 'high' });
    await client.next((m) => m.payload?.id === 'b');
    expect(client.events().map((e) => e.payload.id)).toEqual(['b']);

    const replay = await open();
    await subscribe(replay, {
      channels: ['approvals'],
      filters: { risk_level: 'low' },
      since: { approvals: ack.positions.approvals },
    });
    await replay.barrier();
    expect(replay.events().map((e) => e.payload.id)).toEqual(['a']);

    await subscribe(client, { channels: ['approvals'], filters: {} });
    publishRaw(t.server.context.events, 'approval.submitted', { id: 'c', risk_level: 'low' });
    await client.next((m) => m.payload?.id === 'c');
    client.ws.close();
    replay.ws.close();
  });

  it('stops delivering a channel after unsubscribe', async () => {
    const client = await open();
    await subscribe(client, { channels: ['messages', 'meetings'] });
    client.send({ action: 'unsubscribe', channels: ['messages', 'bogus'] });
    expect(await client.next((m) => m.action === 'unsubscribed')).toEqual({
      action: 'unsubscribed',
      channels: ['meetings'],
    });
    publishRaw(t.server.context.events, 'message.sent', { id: 'no' });
    publishRaw(t.server.context.events, 'meeting.started', { id: 'yes' });
    await client.next((m) => m.payload?.id === 'yes');
    await client.barrier();
    expect(client.events().map((e) => e.payload.id)).toEqual(['yes']);
    client.ws.close();
  });

  it('has published system.startup, replayable from offset 0, and reports the hub healthy', async () => {
    const client = await open();
    const ack = await subscribe(client, { channels: ['system'] });
    const epoch = ack.positions.system.epoch;
    const replay = await open();
    await subscribe(replay, { channels: ['system'], since: { system: { offset: 0, epoch } } });
    const startup = await replay.next((m) => m.event_type === 'system.startup');
    expect(startup.id).toBe(1);
    const health = await jsonRequest(`${t.baseUrl}/api/v1/health`, 'GET');
    expect(health.body.data.message_bus).toBe(true);
    client.ws.close();
    replay.ws.close();
  });
});
