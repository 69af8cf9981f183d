import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUser, type TestUser, uniqueName } from '../support/auth.ts';
import { jsonRequest, request } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { connectWs, issueTicket } from '../support/ws.ts';

/*
 * Each runtime setting observed in the behaviour it governs, changed through the API while
 * the server runs: no restart between the write and the observation.
 */

let t: TestServer;
let admin: TestUser;
/** As the admin, unless another token (or `null`, anonymous) is given. */
const call = (method: string, path: string, body?: unknown, token?: string | null) =>
  jsonRequest(
    `${t.baseUrl}/api/v1${path}`,
    method,
    body,
    token === undefined ? admin.token : (token ?? undefined),
  );
const put = async (path: string, value: string) => {
  const response = await call('PUT', `/settings/${path}`, { value });
  expect(response.status, `PUT ${path} = ${value}: ${JSON.stringify(response.body)}`).toBe(200);
  return response.body.data;
};
const reset = async (path: string) => {
  expect((await call('DELETE', `/settings/${path}`)).status).toBe(204);
};
const login = (username: string, password: string) =>
  jsonRequest(`${t.baseUrl}/api/v1/auth/login`, 'POST', { username, password });

beforeAll(async () => {
  // The env layer of min_password_length, as SYNTHORG_MIN_PASSWORD_LENGTH would set it.
  // fixedOrigins: the dashboard listener's origins, as the CLI passes them.
  t = await startTestServer({
    settings: { minPasswordLength: '16', fixedOrigins: ['http://127.0.0.1:4999'] },
  });
});
afterAll(async () => {
  await t.close({ removeData: true });
});

describe('api settings take effect without a restart', () => {
  it('min_password_length: setup, user creation and password change enforce the current value', async () => {
    const status = await call('GET', '/auth/setup-status', undefined, null);
    expect(status.body.data).toEqual({ setup_required: true, min_password_length: 16 });
    const username = uniqueName('admin');
    const short = await jsonRequest(`${t.baseUrl}/api/v1/auth/setup`, 'POST', {
      username,
      password: 'twelve-chars',
    });
    expect(short.status).toBe(400);
    expect(short.body.error_code).toBe('VALIDATION_ERROR');
    expect(JSON.stringify(short.body)).toContain('body.password');
    const password = 'sixteen-chars-ok';
    const setup = await jsonRequest(`${t.baseUrl}/api/v1/auth/setup`, 'POST', {
      username,
      password,
    });
    expect(setup.status).toBe(201);
    admin = { token: setup.body.data.token, userId: '', username, password };
    expect((await call('GET', '/settings/api/min_password_length')).body.data).toMatchObject({
      value: '16',
      source: 'env',
    });

    // Lowered below the old hard-coded 12: a 9-character password is accepted now.
    await put('api/min_password_length', '9');
    const nine = { username: uniqueName('dev'), password: 'nine-char', role: 'manager' };
    expect((await call('POST', '/users', nine)).status).toBe(201);
    expect((await call('GET', '/auth/setup-status', undefined, null)).body.data).toEqual({
      setup_required: false,
      min_password_length: 9,
    });

    // Raised: user creation and password change refuse what was fine a moment ago.
    await put('api/min_password_length', '20');
    const refused = await call('POST', '/users', { ...nine, username: uniqueName('dev') });
    expect(refused.status).toBe(400);
    expect(refused.body.error_code).toBe('VALIDATION_ERROR');
    expect(JSON.stringify(refused.body)).toContain('body.password');
    const first = await login(nine.username, nine.password);
    const change = await call(
      'POST',
      '/auth/change-password',
      { current_password: nine.password, new_password: 'still-too-short' },
      first.body.data.token,
    );
    expect(change.status).toBe(400);
    expect(JSON.stringify(change.body)).toContain('body.new_password');
    const changed = await call(
      'POST',
      '/auth/change-password',
      { current_password: nine.password, new_password: 'twenty-characters-ok' },
      first.body.data.token,
    );
    expect(changed.status).toBe(200);
    await reset('api/min_password_length');
    expect(
      (await call('GET', '/auth/setup-status', undefined, null)).body.data.min_password_length,
    ).toBe(16);
  });

  it('jwt_expiry_minutes: tokens issued afterwards carry the new lifetime; earlier ones keep theirs', async () => {
    const before = await login(admin.username, admin.password);
    expect(before.body.data.expires_in).toBe(1440 * 60);
    await put('api/jwt_expiry_minutes', '5');
    const after = await login(admin.username, admin.password);
    expect(after.body.data.expires_in).toBe(300);
    const claims = decodeJwt(after.body.data.token);
    expect((claims.exp as number) - (claims.iat as number)).toBe(300);
    const old = decodeJwt(before.body.data.token);
    expect((old.exp as number) - (old.iat as number)).toBe(1440 * 60);
    expect((await call('GET', '/auth/me', undefined, before.body.data.token)).status).toBe(200);
    await reset('api/jwt_expiry_minutes');
    expect((await login(admin.username, admin.password)).body.data.expires_in).toBe(1440 * 60);
  });

  it('cors_allowed_origins: CORS and the WebSocket handshake follow the current list', async () => {
    const added = 'https://console.example';
    const removed = 'http://localhost:5173';
    const corsFor = async (origin: string) =>
      (await request(`${t.baseUrl}/api/v1/health`, { headers: { origin } })).headers.get(
        'access-control-allow-origin',
      );
    const handshake = async (origin: string) => {
      const client = connectWs(t.wsUrl, {
        ticket: await issueTicket(t.baseUrl, admin.token),
        origin,
      });
      try {
        await client.opened;
        client.ws.close();
        return 'open';
      } catch (error) {
        return (error as Error).message;
      }
    };
    const dashboard = 'http://127.0.0.1:4999';
    // The dashboard's own origin is allowed on top of the setting, not part of its value.
    expect((await call('GET', '/settings/api/cors_allowed_origins')).body.data).toMatchObject({
      source: 'default',
    });
    expect(await corsFor(removed)).toBe(removed);
    expect(await corsFor(added)).toBeNull();
    expect(await handshake(added)).toBe('HTTP 403');
    expect(await handshake(removed)).toBe('open');

    await put('api/cors_allowed_origins', JSON.stringify([added]));
    expect(await corsFor(added)).toBe(added);
    expect(await corsFor(removed)).toBeNull();
    expect(await handshake(added)).toBe('open');
    expect(await handshake(removed)).toBe('HTTP 403');
    // No value of the setting cuts the instance's dashboard off its API.
    expect(await corsFor(dashboard)).toBe(dashboard);
    expect(await handshake(dashboard)).toBe('open');
    await reset('api/cors_allowed_origins');
    expect(await handshake(removed)).toBe('open');
  });
});

describe('company, security and observability settings take effect without a restart', () => {
  it('company.name: GET /company shows the override, and the stored name after DELETE', async () => {
    const stored = (await call('GET', '/company')).body.data.company_name;
    expect((await call('GET', '/settings/company/name')).body.data).toMatchObject({
      value: stored,
      source: 'yaml',
    });
    await put('company/name', 'Override Industries');
    expect((await call('GET', '/company')).body.data.company_name).toBe('Override Industries');
    await reset('company/name');
    expect((await call('GET', '/company')).body.data.company_name).toBe(stored);
  });

  it('lockout thresholds: a lowered per-user threshold locks sooner; a raised one lets the right password in', async () => {
    const user = await createUser(t.baseUrl, admin.token, 'manager');
    await put('security/lockout_max_failures_per_user', '2');
    for (let i = 0; i < 2; i++)
      expect((await login(user.username, 'wrong-password')).status).toBe(401);
    const locked = await login(user.username, user.password);
    expect(locked.status).toBe(429);
    expect(locked.body.error_code).toBe('LOGIN_LOCKED');
    // Back to the default (5): the two failures no longer lock the account.
    await reset('security/lockout_max_failures_per_user');
    expect((await login(user.username, user.password)).status).toBe(200);
  });

  it('ws_ticket_ttl_seconds: tickets issued afterwards live as long as the setting says', async () => {
    const ticket = () => call('POST', '/auth/ws-ticket');
    expect((await ticket()).body.data.expires_in).toBe(30);
    await put('security/ws_ticket_ttl_seconds', '7');
    expect((await ticket()).body.data.expires_in).toBe(7);
    await reset('security/ws_ticket_ttl_seconds');
  });

  it('log_level: lines below the level stop at once and come back when lowered again', async () => {
    const requestLines = (from: number) =>
      t.logs
        .lines()
        .slice(from)
        .filter((l) => l.event === 'api.request.completed');
    await put('observability/log_level', 'warn');
    const mark = t.logs.lines().length;
    await call('GET', '/company');
    await call('GET', '/company');
    expect(requestLines(mark)).toHaveLength(0);
    await put('observability/log_level', 'info');
    const again = t.logs.lines().length;
    await call('GET', '/company');
    expect(requestLines(again).length).toBeGreaterThan(0);
    await reset('observability/log_level');
    expect((await call('GET', '/settings/observability/log_level')).body.data).toMatchObject({
      value: 'debug',
      source: 'env',
    });
  });

  it('rate limit: a lowered max refuses requests past it; the window unit shows in Retry-After', async () => {
    // The lowest allowed value; lower ones are refused, so the limit can always be raised again.
    expect(
      (await call('PUT', '/settings/api/rate_limit_max_requests', { value: '59' })).status,
    ).toBe(422);
    await put('api/rate_limit_max_requests', '60');
    // 121 quick requests span at most two windows, so one window sees more than 60 of them.
    let limited = await call('GET', '/company');
    for (let i = 0; i < 120 && limited.status !== 429; i++) limited = await call('GET', '/company');
    expect(limited.status).toBe(429);
    expect(limited.body.error_code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // The API itself is limited now, so the next changes go through the service.
    const settings = t.server.context.runtimeSettings;
    await settings.set('api', 'rate_limit_time_unit', 'hour');
    const hourly = await call('GET', '/company');
    expect(hourly.status).toBe(429);
    expect(Number(hourly.headers.get('retry-after'))).toBeGreaterThan(60);
    await settings.set('api', 'rate_limit_max_requests', '100000');
    expect((await call('GET', '/company')).status).toBe(200);
    await settings.reset('api', 'rate_limit_time_unit');
    await settings.reset('api', 'rate_limit_max_requests');
  });
});
