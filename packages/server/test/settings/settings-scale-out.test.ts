import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setupAdmin, type TestUser } from '../support/auth.ts';
import { type Json, jsonRequest } from '../support/http.ts';
import { type ScaleOutCluster, startScaleOutCluster } from '../support/scale-out.ts';
import type { TestServer } from '../support/test-server.ts';
import { connectWs, issueTicket, subscribe } from '../support/ws.ts';

describe('settings across two instances on one PostgreSQL and one Redis', () => {
  let cluster: ScaleOutCluster;
  let a: TestServer;
  let b: TestServer;
  let admin: TestUser;

  const call = (on: TestServer, method: string, path: string, body?: unknown) =>
    jsonRequest(`${on.baseUrl}/api/v1${path}`, method, body, admin.token);

  /**
   * Reads the setting on `on` until `accept` holds. Each instance answers from its own cache,
   * so only a propagated change can ever satisfy it; the bound is not a speed target.
   */
  const until = async (on: TestServer, path: string, accept: (entry: Json) => boolean) => {
    let entry: Json;
    for (let i = 0; i < 400; i++) {
      entry = (await call(on, 'GET', `/settings/${path}`)).body.data;
      if (accept(entry)) return entry;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`${path} never matched on ${on.baseUrl}: ${JSON.stringify(entry)}`);
  };

  const login = async (on: TestServer) =>
    (
      await jsonRequest(`${on.baseUrl}/api/v1/auth/login`, 'POST', {
        username: admin.username,
        password: admin.password,
      })
    ).body.data;

  beforeAll(async () => {
    cluster = await startScaleOutCluster(2);
    [a, b] = cluster.instances as [TestServer, TestServer];
    admin = await setupAdmin(a.baseUrl);
  });
  afterAll(() => cluster.close());

  it('applies on B a value written on A, and on A a DELETE made on B', async () => {
    const onB = connectWs(b.wsUrl, { ticket: await issueTicket(b.baseUrl, admin.token) });
    await onB.opened;
    await subscribe(onB, { channels: ['system'] });

    expect((await login(b)).expires_in).toBe(1440 * 60);
    const put = await call(a, 'PUT', '/settings/api/jwt_expiry_minutes', { value: '9' });
    expect(put.status).toBe(200);
    const event = await onB.next((m) => m.event_type === 'settings.updated');
    expect(event.payload).toEqual({
      namespace: 'api',
      key: 'jwt_expiry_minutes',
      value: '9',
      source: 'db',
    });
    await until(b, 'api/jwt_expiry_minutes', (e) => e.value === '9' && e.source === 'db');
    // B's own token issuing follows the value written on A.
    expect((await login(b)).expires_in).toBe(9 * 60);

    expect((await call(b, 'DELETE', '/settings/api/jwt_expiry_minutes')).status).toBe(204);
    await until(a, 'api/jwt_expiry_minutes', (e) => e.source === 'default');
    expect((await login(a)).expires_in).toBe(1440 * 60);
    onB.ws.close();
  });

  it('checks cross-field rules on B against the budget A changed', async () => {
    expect((await call(a, 'PUT', '/settings/budget/total_monthly', { value: '12' })).status).toBe(
      200,
    );
    await until(b, 'budget/total_monthly', (e) => e.value === '12');
    expect((await call(b, 'GET', '/budget/config')).body.data.total_monthly).toBe(12);
    // per_task_limit 13 > total_monthly 12: refused on B, which knows A's value.
    const refused = await call(b, 'PUT', '/settings/budget/per_task_limit', { value: '13' });
    expect(refused.status).toBe(422);
    expect(refused.body.error_code).toBe('SETTING_INVALID_VALUE');
    expect((await call(b, 'DELETE', '/settings/budget/total_monthly')).status).toBe(204);
    await until(a, 'budget/total_monthly', (e) => e.source !== 'db');
  });

  it('switches the log level of the other instance too', async () => {
    expect(
      (await call(a, 'PUT', '/settings/observability/log_level', { value: 'error' })).status,
    ).toBe(200);
    await until(b, 'observability/log_level', (e) => e.value === 'error');
    const mark = b.logs.lines().length;
    await call(b, 'GET', '/company');
    expect(
      b.logs
        .lines()
        .slice(mark)
        .filter((l) => l.event === 'api.request.completed'),
    ).toHaveLength(0);
    expect((await call(a, 'DELETE', '/settings/observability/log_level')).status).toBe(204);
    await until(b, 'observability/log_level', (e) => e.source !== 'db');
  });
});
