import { afterEach, describe, expect, it } from 'vitest';

import { buildServer, resolveServerSettings } from '../../src/index.ts';
import { setupAdmin } from '../support/auth.ts';
import { jsonRequest } from '../support/http.ts';
import { createLogCapture } from '../support/log-capture.ts';
import { createTestPostgres, type TestPostgres } from '../support/postgres.ts';
import { makeDataDir, startTestServer, type TestServer } from '../support/test-server.ts';

describe('auth hardening on a real server', () => {
  const open: TestServer[] = [];
  let pg: TestPostgres | undefined;
  const start = async (options: Parameters<typeof startTestServer>[0] = {}) => {
    const t = await startTestServer(options);
    open.push(t);
    return t;
  };
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close({ removeData: true });
    await pg?.drop();
    pg = undefined;
  });

  it('has exactly one winner when two setups race', async () => {
    const t = await start();
    const attempt = (username: string) =>
      jsonRequest(`${t.baseUrl}/api/v1/auth/setup`, 'POST', {
        username,
        password: 'a-long-password-123',
      });
    const results = await Promise.all([attempt('first'), attempt('second'), attempt('third')]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('locks a username after 5 failures, even for the right password, with Retry-After', async () => {
    const t = await start({ settings: { authRateLimitPerMinute: 1000 } });
    const admin = await setupAdmin(t.baseUrl);
    const login = (password: string) =>
      jsonRequest(`${t.baseUrl}/api/v1/auth/login`, 'POST', { username: admin.username, password });
    for (let i = 0; i < 5; i++) expect((await login('wrong-password')).status).toBe(401);
    const locked = await login(admin.password);
    expect(locked.status).toBe(429);
    expect(locked.body.error_code).toBe('LOGIN_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(t.logs.events()).toContain('api.auth.locked_out');
  });

  it('locks a client address after 20 failures across usernames', async () => {
    const t = await start({ settings: { authRateLimitPerMinute: 1000 } });
    const admin = await setupAdmin(t.baseUrl);
    for (let i = 0; i < 20; i++) {
      const r = await jsonRequest(`${t.baseUrl}/api/v1/auth/login`, 'POST', {
        username: `spray-${i}`,
        password: 'wrong-password',
      });
      expect(r.status).toBe(401);
    }
    const locked = await jsonRequest(`${t.baseUrl}/api/v1/auth/login`, 'POST', {
      username: admin.username,
      password: admin.password,
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error_code).toBe('LOGIN_LOCKED');
  });

  it('limits login to 10 requests a minute per address, apart from the global limit', async () => {
    const t = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await jsonRequest(`${t.baseUrl}/api/v1/auth/login`, 'POST', {
        username: `user-${i}`,
        password: 'whatever-password',
      });
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.body.error_code).toBe('RATE_LIMITED');
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    const health = await jsonRequest(`${t.baseUrl}/api/v1/health`, 'GET');
    expect(health.status).toBe(200);
  });

  it('keeps the generated JWT key across restarts, so tokens stay valid', async () => {
    const first = await start();
    const admin = await setupAdmin(first.baseUrl);
    await first.close();
    open.splice(open.indexOf(first), 1);
    const second = await start({ settings: { dataDir: first.dataDir } });
    const me = await jsonRequest(`${second.baseUrl}/api/v1/auth/me`, 'GET', undefined, admin.token);
    expect(me.status).toBe(200);
    expect(second.logs.events()).not.toContain('api.auth.secret_generated');
  });

  it('refuses to start with a configured JWT secret shorter than 32 characters', async () => {
    const settings = resolveServerSettings(
      {},
      { dataDir: await makeDataDir(), jwtSecret: 'short' },
    );
    const logs = createLogCapture();
    await expect(buildServer({ settings, logDestination: logs.stream })).rejects.toThrow(
      /SYNTHORG_JWT_SECRET must be at least 32 characters/,
    );
  });

  it('signs with a configured secret: another server with the same secret accepts the token', async () => {
    const jwtSecret = 'x'.repeat(40);
    const a = await start({ settings: { jwtSecret } });
    const admin = await setupAdmin(a.baseUrl);
    const b = await start({ settings: { jwtSecret: 'y'.repeat(40), dataDir: a.dataDir } });
    const refused = await jsonRequest(`${b.baseUrl}/api/v1/auth/me`, 'GET', undefined, admin.token);
    expect(refused.status).toBe(401);
    const c = await start({ settings: { jwtSecret, dataDir: a.dataDir } });
    const accepted = await jsonRequest(
      `${c.baseUrl}/api/v1/auth/me`,
      'GET',
      undefined,
      admin.token,
    );
    expect(accepted.status).toBe(200);
  });

  it('runs setup, login, password change and logout on PostgreSQL', async () => {
    pg = await createTestPostgres();
    const t = await start({ settings: { databaseUrl: pg.url } });
    const admin = await setupAdmin(t.baseUrl);
    const again = await jsonRequest(`${t.baseUrl}/api/v1/auth/setup`, 'POST', {
      username: 'second',
      password: 'a-long-password-123',
    });
    expect(again.status).toBe(409);
    const changed = await jsonRequest(
      `${t.baseUrl}/api/v1/auth/change-password`,
      'POST',
      { current_password: admin.password, new_password: 'a-brand-new-password' },
      admin.token,
    );
    expect(changed.status).toBe(200);
    const token = changed.body.data.token;
    expect((await jsonRequest(`${t.baseUrl}/api/v1/auth/me`, 'GET', undefined, token)).status).toBe(
      200,
    );
    await jsonRequest(`${t.baseUrl}/api/v1/auth/logout`, 'POST', undefined, token);
    expect((await jsonRequest(`${t.baseUrl}/api/v1/auth/me`, 'GET', undefined, token)).status).toBe(
      401,
    );
  });
});
