import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';

import { createUser, setupAdmin } from '../support/auth.ts';
import { jsonRequest } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { connectWs, issueTicket, publishRaw, subscribe, type WsClient } from '../support/ws.ts';

describe('WebSocket lifecycle: backpressure, heartbeats, revocation, shutdown', () => {
  const servers: TestServer[] = [];
  const start = async (settings: Parameters<typeof startTestServer>[0] = {}) => {
    const t = await startTestServer(settings);
    servers.push(t);
    return t;
  };
  afterEach(async () => {
    for (const t of servers.splice(0)) await t.close({ removeData: true });
  });
  const open = async (t: TestServer, token: string, autoPong = true): Promise<WsClient> => {
    const client = connectWs(t.wsUrl, { ticket: await issueTicket(t.baseUrl, token), autoPong });
    await client.opened;
    return client;
  };

  it('closes a client that stops reading with 1013 while a neighbour gets every event', async () => {
    const t = await start({ settings: { wsSendCapBytes: 256 * 1024 } });
    const admin = await setupAdmin(t.baseUrl);
    const slow = await open(t, admin.token);
    const fast = await open(t, admin.token);
    await subscribe(slow, { channels: ['agents'] });
    await subscribe(fast, { channels: ['agents'] });
    slow.ws.pause();

    const blob = 'x'.repeat(2048);
    let published = 0;
    while (!t.logs.events().includes('api.ws.slow_consumer') && published < 40_000) {
      for (let i = 0; i < 20; i++)
        publishRaw(t.server.context.events, 'agent.activity', { n: published++, blob });
      await nextTurn();
    }
    expect(t.logs.events()).toContain('api.ws.slow_consumer');

    await fast.barrier();
    const received = fast.events().map((e) => e.payload.n);
    expect(received).toEqual(Array.from({ length: published }, (_, i) => i));
    slow.ws.resume();
    expect(await slow.closed).toEqual({ code: 1013, reason: 'slow_consumer' });
    fast.ws.close();
  });

  it('pings every interval and terminates a peer that misses two pongs', async () => {
    const t = await start({ settings: { wsHeartbeatMs: 50 } });
    const admin = await setupAdmin(t.baseUrl);
    const deaf = await open(t, admin.token, false);
    const healthy = await open(t, admin.token);
    let pings = 0;
    healthy.ws.on('ping', () => pings++);
    const { code } = await deaf.closed;
    expect(code).toBe(1006);
    expect(t.logs.events()).toContain('api.ws.heartbeat_timeout');
    while (pings < 4) await new Promise((resolve) => healthy.ws.once('ping', resolve));
    await healthy.barrier();
    healthy.ws.close();
  });

  it('closes the sockets of a logged-out token with 4011, and only those', async () => {
    const t = await start();
    const admin = await setupAdmin(t.baseUrl);
    const other = await jsonRequest(`${t.baseUrl}/api/v1/auth/login`, 'POST', {
      username: admin.username,
      password: admin.password,
    });
    const mine = await open(t, admin.token);
    const elsewhere = await open(t, other.body.data.token);
    const pending = await issueTicket(t.baseUrl, admin.token);
    await mine.barrier();

    await jsonRequest(`${t.baseUrl}/api/v1/auth/logout`, 'POST', undefined, admin.token);
    expect(await mine.closed).toEqual({ code: 4011, reason: 'logged_out' });
    const events = t.logs.events();
    expect(events.lastIndexOf('api.ws.session_revoked')).toBeLessThan(
      events.lastIndexOf('api.request.completed'),
    );
    await elsewhere.barrier();

    const late = connectWs(t.wsUrl, { ticket: pending });
    await late.opened;
    expect(await late.closed).toEqual({ code: 4001, reason: 'invalid_or_expired' });
    elsewhere.ws.close();
  });

  it('closes every socket of a user who changes password or is disabled with 4011', async () => {
    const t = await start();
    const admin = await setupAdmin(t.baseUrl);
    const user = await createUser(t.baseUrl, admin.token, 'manager');
    const a = await open(t, user.token);
    const b = await open(t, user.token);
    const bystander = await open(t, admin.token);
    const changed = await jsonRequest(
      `${t.baseUrl}/api/v1/auth/change-password`,
      'POST',
      { current_password: user.password, new_password: 'another-new-password' },
      user.token,
    );
    expect(await a.closed).toEqual({ code: 4011, reason: 'password_changed' });
    expect(await b.closed).toEqual({ code: 4011, reason: 'password_changed' });

    const c = await open(t, changed.body.data.token);
    await jsonRequest(
      `${t.baseUrl}/api/v1/users/${user.userId}`,
      'PATCH',
      { disabled: true },
      admin.token,
    );
    expect(await c.closed).toEqual({ code: 4011, reason: 'account_disabled' });
    await bystander.barrier();
    bystander.ws.close();
  });

  it('publishes system.shutdown and closes sockets with 1001 when the server stops', async () => {
    const t = await start();
    const admin = await setupAdmin(t.baseUrl);
    const client = await open(t, admin.token);
    await subscribe(client, { channels: ['system'] });
    await t.server.close();
    expect(await client.closed).toEqual({ code: 1001, reason: 'server_shutdown' });
    expect(client.events().map((e) => e.event_type)).toContain('system.shutdown');
  });
});
