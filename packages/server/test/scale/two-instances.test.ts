import { WS_CLOSE, WS_CLOSE_REASONS } from '@synthorg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUser, setupAdmin, type TestUser } from '../support/auth.ts';
import { jsonRequest } from '../support/http.ts';
import { type ScaleOutCluster, startScaleOutCluster } from '../support/scale-out.ts';
import type { TestServer } from '../support/test-server.ts';
import { connectWs, issueTicket, publishRaw, subscribe, type WsClient } from '../support/ws.ts';

describe('two API instances on one PostgreSQL and one Redis', () => {
  let cluster: ScaleOutCluster;
  let a: TestServer;
  let b: TestServer;
  let admin: TestUser;

  /** A socket on `on`, authenticated with a ticket issued by `from`. */
  const open = async (from: TestServer, on: TestServer, token = admin.token): Promise<WsClient> => {
    const client = connectWs(on.wsUrl, { ticket: await issueTicket(from.baseUrl, token) });
    await client.opened;
    return client;
  };

  beforeAll(async () => {
    cluster = await startScaleOutCluster(2);
    [a, b] = cluster.instances as [TestServer, TestServer];
    admin = await setupAdmin(a.baseUrl);
  });
  afterAll(() => cluster.close());

  it('accepts on B a token and a ticket issued by A', async () => {
    const me = await jsonRequest(`${b.baseUrl}/api/v1/auth/me`, 'GET', undefined, admin.token);
    expect(me.status).toBe(200);
    const client = await open(a, b);
    const ack = await subscribe(client, { channels: ['tasks'] });
    expect(ack.channels).toEqual(['tasks']);
    expect(b.logs.events()).toContain('api.ws.ticket_consumed');
    expect(a.logs.events()).not.toContain('api.ws.ticket_consumed');
    client.ws.close();
  });

  it('delivers an event published on A to a subscriber on B, and a REST change on B to A', async () => {
    const onB = await open(a, b);
    const onA = await open(b, a);
    await subscribe(onB, { channels: ['tasks'] });
    await subscribe(onA, { channels: ['tasks'] });

    publishRaw(a.server.context.events, 'task.created', { id: 'from-a' });
    const received = await onB.next((m) => m.payload?.id === 'from-a');
    expect(received).toMatchObject({ event_type: 'task.created', channel: 'tasks' });

    const created = await jsonRequest(
      `${b.baseUrl}/api/v1/tasks`,
      'POST',
      { title: 'cross-instance', description: 'made on B', type: 'development', project: 'p1' },
      admin.token,
    );
    expect(created.status).toBe(201);
    const seen = await onA.next((m) => m.payload?.id === created.body.data.id);
    expect(seen.event_type).toBe('task.created');
    onA.ws.close();
    onB.ws.close();
  });

  it('replays exactly the missed events after a reconnect to the other instance', async () => {
    const first = await open(a, a);
    const ack = await subscribe(first, { channels: ['tasks'] });
    publishRaw(b.server.context.events, 'task.updated', { id: 'seen' });
    const seen = await first.next((m) => m.payload?.id === 'seen');
    first.ws.close();
    await first.closed;

    for (const [i, id] of ['m1', 'm2', 'm3', 'm4'].entries()) {
      publishRaw((i % 2 === 0 ? a : b).server.context.events, 'task.updated', { id });
    }
    await Promise.all([a.server.context.events.settled(), b.server.context.events.settled()]);

    const second = await open(a, b);
    const resumed = await subscribe(second, {
      channels: ['tasks'],
      since: { tasks: { offset: seen.id, epoch: ack.positions.tasks.epoch } },
    });
    expect(resumed.positions.tasks).toEqual({ offset: seen.id + 4, epoch: seen.epoch });
    publishRaw(a.server.context.events, 'task.deleted', { id: 'live' });
    await second.next((m) => m.payload?.id === 'live');
    await second.barrier();

    const events = second.events();
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5].map((n) => seen.id + n));
    expect(
      events
        .slice(0, 4)
        .map((e) => e.payload.id)
        .sort(),
    ).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(second.messages.some((m) => m.action === 'resync_required')).toBe(false);
    second.ws.close();
  });

  it('lets exactly one of two concurrent redemptions of a ticket win, across instances', async () => {
    for (let round = 0; round < 10; round++) {
      const ticket = await issueTicket(a.baseUrl, admin.token);
      const clients = [connectWs(a.wsUrl, { ticket }), connectWs(b.wsUrl, { ticket })];
      const outcomes = await Promise.all(
        clients.map((client) =>
          Promise.race([
            client.closed.then((closed) => closed.code),
            client.opened
              .then(() => subscribe(client, { channels: ['system'] }))
              .then(() => 'won' as const),
          ]),
        ),
      );
      expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
      expect(outcomes.filter((o) => o === WS_CLOSE.authFailed)).toHaveLength(1);
      for (const client of clients) client.ws.close();
    }
  });

  it('refuses the 6th pending ticket of a user across instances with 429 and Retry-After', async () => {
    const user = await createUser(a.baseUrl, admin.token, 'observer');
    for (const server of [a, b, a, b, a]) await issueTicket(server.baseUrl, user.token);
    for (const server of [b, a]) {
      const sixth = await jsonRequest(
        `${server.baseUrl}/api/v1/auth/ws-ticket`,
        'POST',
        undefined,
        user.token,
      );
      expect(sixth.status).toBe(429);
      expect(sixth.body.error_code).toBe('TICKET_LIMIT');
      expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('locks a username out on B after failed logins on A', async () => {
    const login = (server: TestServer) =>
      jsonRequest(`${server.baseUrl}/api/v1/auth/login`, 'POST', {
        username: 'nobody-here',
        password: 'wrong-password-1',
      });
    for (let i = 0; i < 5; i++) expect((await login(a)).status).toBe(401);
    const locked = await login(b);
    expect(locked.status).toBe(429);
    expect(locked.body.error_code).toBe('LOGIN_LOCKED');
  });

  it('answers resync_required once the channel history is gone from Redis (new epoch)', async () => {
    const client = await open(a, b);
    const ack = await subscribe(client, { channels: ['budget'] });
    publishRaw(a.server.context.events, 'budget.record_added', { n: 1 });
    const before = await client.next((m) => m.payload?.n === 1);
    client.ws.close();

    const { redis, prefix } = cluster.redis;
    expect(await redis.del(`${prefix}history:budget`, `${prefix}history:budget:meta`)).toBe(2);
    publishRaw(b.server.context.events, 'budget.record_added', { n: 2 });
    await b.server.context.events.settled();

    const late = await open(b, a);
    const from = late.messages.length;
    late.send({
      action: 'subscribe',
      channels: ['budget'],
      since: { budget: ack.positions.budget },
    });
    await late.next((m) => m.action === 'resync_required', { from });
    const resumed = late.messages.find((m) => m.action === 'subscribed');
    expect(resumed.positions.budget.epoch).not.toBe(before.epoch);
    expect(resumed.positions.budget.offset).toBe(1);
    late.ws.close();
  });

  it('closes the user’s socket on B with 4011 when the user logs out on A', async () => {
    const login = await jsonRequest(`${a.baseUrl}/api/v1/auth/login`, 'POST', {
      username: admin.username,
      password: admin.password,
    });
    expect(login.status).toBe(200);
    const token = login.body.data.token as string;
    const onB = await open(a, b, token);
    const other = await open(a, b);
    await subscribe(onB, { channels: ['system'] });

    const logout = await jsonRequest(`${a.baseUrl}/api/v1/auth/logout`, 'POST', undefined, token);
    expect(logout.status).toBeLessThan(300);
    expect(await onB.closed).toEqual({
      code: WS_CLOSE.sessionRevoked,
      reason: WS_CLOSE_REASONS.loggedOut,
    });
    // Only the sessions of the revoked token end.
    await other.barrier();
    other.ws.close();
  });
});
