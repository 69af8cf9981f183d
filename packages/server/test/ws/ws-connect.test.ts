import { wsEventSchema, wsSubscribedReplySchema } from '@synthorg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectAnonymousRefused, setupAdmin, type TestUser } from '../support/auth.ts';
import { jsonRequest } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { connectWs, issueTicket, publishRaw, subscribe } from '../support/ws.ts';

describe('WebSocket ticket flow on a real server', () => {
  let t: TestServer;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestServer({ settings: { wsAuthTimeoutMs: 300, wsTicketTtlMs: 1000 } });
    admin = await setupAdmin(t.baseUrl);
  });
  afterAll(() => t.close({ removeData: true }));

  it('runs the seed flow: setup, login, ticket, connect, subscribe, receive a live event', async () => {
    const login = await jsonRequest(`${t.baseUrl}/api/v1/auth/login`, 'POST', {
      username: admin.username,
      password: admin.password,
    });
    const ticketResponse = await jsonRequest(
      `${t.baseUrl}/api/v1/auth/ws-ticket`,
      'POST',
      undefined,
      login.body.data.token,
    );
    expect(ticketResponse.status).toBe(200);
    const { ticket, expires_in } = ticketResponse.body.data;
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expires_in).toBe(1);

    const client = connectWs(t.wsUrl, { ticket });
    await client.opened;
    const ack = wsSubscribedReplySchema.parse(await subscribe(client, { channels: ['tasks'] }));
    expect(ack.channels).toEqual(['tasks']);
    expect(ack.positions.tasks?.offset).toBe(0);

    publishRaw(t.server.context.events, 'task.created', { id: 'task-1', title: 'Report' });
    const event = wsEventSchema.parse(await client.next((m) => m.event_type === 'task.created'));
    expect(event).toMatchObject({ id: 1, channel: 'tasks', payload: { id: 'task-1' } });
    expect(event.epoch).toBe(ack.positions.tasks?.epoch);

    const events = t.logs.events();
    const consumed = events.indexOf('api.ws.ticket_consumed');
    expect(consumed).toBeGreaterThan(events.indexOf('api.ws.ticket_issued'));
    expect(events.indexOf('api.ws.connected')).toBeGreaterThan(consumed);
    expect(events).toContain('api.ws.subscribe');
    client.ws.close();
  });

  it('authenticates with a first auth message when the URL has no ticket', async () => {
    const client = connectWs(t.wsUrl);
    await client.opened;
    client.send({ action: 'auth', ticket: await issueTicket(t.baseUrl, admin.token) });
    client.send({ action: 'subscribe', channels: ['system', 'nope'] });
    await client.next((m) => m.action === 'authenticated');
    const ack = await client.next((m) => m.action === 'subscribed');
    expect(ack.channels).toEqual(['system']);
    client.ws.close();
  });

  const expectRefused = async (query: string | undefined, reason: string, first?: unknown) => {
    const before = t.logs.lines().length;
    const client = connectWs(t.wsUrl, query === undefined ? {} : { query });
    await client.opened;
    if (first !== undefined) client.send(first);
    expect(await client.closed).toEqual({ code: 4001, reason });
    const line = t.logs
      .lines()
      .slice(before)
      .find((l) => l.event === 'api.ws.ticket_invalid');
    expect(line?.reason).toBe(reason);
    expect(
      t.logs
        .lines()
        .slice(before)
        .some((l) => l.event === 'api.ws.connected'),
    ).toBe(false);
  };

  it('closes 4001 missing_ticket for an empty ticket or an auth message without one', async () => {
    await expectRefused('ticket=', 'missing_ticket');
    await expectRefused(undefined, 'missing_ticket', { action: 'auth' });
  });

  it('closes 4001 invalid_or_expired for an unknown ticket', async () => {
    await expectRefused(`ticket=${'A'.repeat(43)}`, 'invalid_or_expired');
    await expectRefused(undefined, 'invalid_or_expired', {
      action: 'auth',
      ticket: 'x'.repeat(43),
    });
  });

  it('closes 4001 invalid_or_expired for a reused ticket', async () => {
    const ticket = await issueTicket(t.baseUrl, admin.token);
    const first = connectWs(t.wsUrl, { ticket });
    await first.opened;
    await first.barrier();
    await expectRefused(`ticket=${ticket}`, 'invalid_or_expired');
    first.ws.close();
  });

  it('closes 4001 invalid_or_expired for an expired ticket, and it stays consumed', async () => {
    const ticket = await issueTicket(t.baseUrl, admin.token);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expectRefused(`ticket=${ticket}`, 'invalid_or_expired');
    expect(t.logs.events()).toContain('api.ws.ticket_expired');
  });

  it('closes 4001 auth_timeout when no auth message comes, and auth_required for another frame', async () => {
    await expectRefused(undefined, 'auth_timeout');
    await expectRefused(undefined, 'auth_required', { action: 'subscribe', channels: ['tasks'] });
    await expectRefused(undefined, 'auth_required', 'not json');
  });

  it('does not accept a JWT passed as ?token=', async () => {
    await expectRefused(`token=${admin.token}`, 'missing_ticket');
  });

  it('lets exactly one of two concurrent redemptions of one ticket in', async () => {
    const ticket = await issueTicket(t.baseUrl, admin.token);
    const a = connectWs(t.wsUrl, { ticket });
    const b = connectWs(t.wsUrl, { ticket });
    await Promise.all([a.opened, b.opened]);
    const outcome = async (client: typeof a) => {
      const result = await Promise.race([client.closed, client.barrier().then(() => 'open')]);
      return result === 'open' ? 'open' : (result as { code: number }).code;
    };
    const results = await Promise.all([outcome(a), outcome(b)]);
    expect(results.sort()).toEqual([4001, 'open'].sort());
    a.ws.close();
    b.ws.close();
  });

  it('caps pending tickets at 5 per user with 429 TICKET_LIMIT and Retry-After', async () => {
    const fresh = await startTestServer();
    try {
      const user = await setupAdmin(fresh.baseUrl);
      for (let i = 0; i < 5; i++) await issueTicket(fresh.baseUrl, user.token);
      const sixth = await jsonRequest(
        `${fresh.baseUrl}/api/v1/auth/ws-ticket`,
        'POST',
        undefined,
        user.token,
      );
      expect(sixth.status).toBe(429);
      expect(sixth.body.error_code).toBe('TICKET_LIMIT');
      expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(sixth.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    } finally {
      await fresh.close({ removeData: true });
    }
  });

  it('refuses a foreign Origin with HTTP 403 before the upgrade, and allows listed, same and no Origin', async () => {
    const foreign = connectWs(t.wsUrl, { origin: 'https://evil.example' });
    await expect(foreign.opened).rejects.toThrow('HTTP 403');
    expect(t.logs.events()).toContain('api.ws.origin_rejected');
    for (const origin of ['http://localhost:5173', t.baseUrl, undefined]) {
      const ticket = await issueTicket(t.baseUrl, admin.token);
      const client = connectWs(t.wsUrl, origin ? { ticket, origin } : { ticket });
      await client.opened;
      await client.barrier();
      client.ws.close();
    }
  });

  it('never writes a ticket or a JWT into any log line', async () => {
    const ticket = await issueTicket(t.baseUrl, admin.token);
    const client = connectWs(t.wsUrl, { ticket });
    await client.opened;
    await client.barrier();
    client.ws.close();
    await client.closed;
    await t.logs.waitFor('api.ws.disconnected');
    const raw = t.logs.raw();
    expect(raw).not.toContain(ticket);
    expect(raw).not.toContain(admin.token);
    expect(raw).not.toContain(admin.token.split('.')[2]);
  });

  it('refuses a ticket to anonymous callers and to accounts that must change their password', async () => {
    await expectAnonymousRefused(t.baseUrl, 'POST', '/api/v1/auth/ws-ticket');
    await jsonRequest(
      `${t.baseUrl}/api/v1/users`,
      'POST',
      { username: 'must-change', password: 'initial-password-9', role: 'observer' },
      admin.token,
    );
    const login = await jsonRequest(`${t.baseUrl}/api/v1/auth/login`, 'POST', {
      username: 'must-change',
      password: 'initial-password-9',
    });
    const refused = await jsonRequest(
      `${t.baseUrl}/api/v1/auth/ws-ticket`,
      'POST',
      undefined,
      login.body.data.token,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error_code).toBe('PASSWORD_CHANGE_REQUIRED');
  });
});
