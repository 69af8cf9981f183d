import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setupAdmin, type TestUser } from '../support/auth.ts';
import { jsonRequest } from '../support/http.ts';
import { createTestRedis } from '../support/redis.ts';
import { type ScaleOutCluster, startScaleOutCluster } from '../support/scale-out.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { connectWs, issueTicket, publishRaw, subscribe } from '../support/ws.ts';

const PASSWORD = 'not-for-logs-7f3a9c';

describe('an instance whose Redis goes away and comes back', () => {
  let cluster: ScaleOutCluster;
  let proxy: TcpProxy;
  let a: TestServer;
  let b: TestServer;
  let admin: TestUser;

  const health = async (server: TestServer) =>
    (await jsonRequest(`${server.baseUrl}/api/v1/health`, 'GET')).body.data;

  beforeAll(async () => {
    proxy = await startTcpProxy(
      Number(new URL(process.env.SYNTHORG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379').port || 6379),
    );
    // B reaches Redis only through the proxy, with a password in its URL (Redis ignores it).
    cluster = await startScaleOutCluster(2, (index) =>
      index === 1 ? { redisUrl: `redis://:${PASSWORD}@127.0.0.1:${proxy.port}` } : {},
    );
    [a, b] = cluster.instances as [TestServer, TestServer];
    admin = await setupAdmin(a.baseUrl);
  });
  afterAll(async () => {
    await cluster.close();
    await proxy.close();
  });

  it('reports message_bus false while away, then delivers the missed events in order', async () => {
    expect(await health(b)).toMatchObject({ status: 'ok', message_bus: true });
    const onB = connectWs(b.wsUrl, { ticket: await issueTicket(a.baseUrl, admin.token) });
    await onB.opened;
    await subscribe(onB, { channels: ['tasks'] });
    publishRaw(a.server.context.events, 'task.created', { id: 'before' });
    const before = await onB.next((m) => m.payload?.id === 'before');

    proxy.cut();
    await expect
      .poll(() => health(b), { timeout: 10_000 })
      .toMatchObject({ status: 'degraded', persistence: true, message_bus: false });
    for (const id of ['missed-1', 'missed-2']) {
      publishRaw(a.server.context.events, 'task.updated', { id });
    }
    await a.server.context.events.settled();

    proxy.restore();
    await expect
      .poll(() => health(b), { timeout: 15_000 })
      .toMatchObject({ status: 'ok', message_bus: true });
    publishRaw(a.server.context.events, 'task.updated', { id: 'after' });
    await onB.next((m) => m.payload?.id === 'after', { timeoutMs: 10_000 });

    const events = onB.events();
    expect(events.map((e) => e.payload.id)).toEqual(['before', 'missed-1', 'missed-2', 'after']);
    expect(events.map((e) => e.id)).toEqual([0, 1, 2, 3].map((n) => before.id + n));
    expect(b.logs.events()).toContain('api.bus.redis.gap_filled');
    onB.ws.close();
  });

  it('logs the outage without ever writing the Redis password', () => {
    expect(b.logs.events()).toContain('api.bus.redis.error');
    expect(b.logs.events()).toContain('api.bus.redis.connected');
    expect(b.logs.raw()).toContain(`127.0.0.1:${proxy.port}`);
    expect(b.logs.raw()).not.toContain(PASSWORD);
  });
});

describe('stopping an instance in scale-out mode', () => {
  it('delivers system.shutdown to its sockets through Redis before closing them with 1001', async () => {
    const redis = await createTestRedis();
    const t = await startTestServer({
      settings: { redisUrl: redis.url, redisPrefix: redis.prefix },
    });
    try {
      const admin = await setupAdmin(t.baseUrl);
      const client = connectWs(t.wsUrl, { ticket: await issueTicket(t.baseUrl, admin.token) });
      await client.opened;
      await subscribe(client, { channels: ['system'] });
      await t.server.close();
      expect(await client.closed).toEqual({ code: 1001, reason: 'server_shutdown' });
      expect(client.events().map((e) => e.event_type)).toContain('system.shutdown');
    } finally {
      await t.close({ removeData: true });
      await redis.cleanup();
    }
  });
});
