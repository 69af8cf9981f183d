import { tokenResponseSchema, userInfoSchema } from '@synthorg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { requireRead, requireWrite } from '../../src/auth/guards.ts';
import { createUser, expectAnonymousRefused, setupAdmin, type TestUser } from '../support/auth.ts';
import { jsonRequest } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('auth endpoints on a real server', () => {
  let t: TestServer;
  let admin: TestUser;
  const url = (path: string) => `${t.baseUrl}/api/v1${path}`;

  beforeAll(async () => {
    t = await startTestServer({
      settings: { authRateLimitPerMinute: 1000 },
      beforeListen: ({ app }) => {
        app.get('/api/v1/test-only/read', { onRequest: requireRead }, async (r) => ({
          role: r.user.role,
        }));
        app.post('/api/v1/test-only/write', { preHandler: requireWrite }, async () => ({}));
      },
    });
    admin = await setupAdmin(t.baseUrl);
  });
  afterAll(() => t.close({ removeData: true }));

  it('creates the first account as ceo, then refuses setup with 409', async () => {
    const me = await jsonRequest(url('/auth/me'), 'GET', undefined, admin.token);
    expect(me.status).toBe(200);
    expect(userInfoSchema.parse(me.body.data)).toEqual({
      id: admin.userId,
      username: admin.username,
      role: 'ceo',
      must_change_password: false,
    });
    const again = await jsonRequest(url('/auth/setup'), 'POST', {
      username: 'second',
      password: 'another-long-password',
    });
    expect(again.status).toBe(409);
    expect(again.body.error_code).toBe('SETUP_ALREADY_DONE');
  });

  it('validates the setup body with 400 and details', async () => {
    const short = await jsonRequest(url('/auth/setup'), 'POST', {
      username: 'x',
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.error_code).toBe('VALIDATION_ERROR');
    expect(short.body.details[0].path).toBe('body.password');
  });

  it('logs in with the right password and refuses a wrong one or an unknown user alike', async () => {
    const good = await jsonRequest(url('/auth/login'), 'POST', {
      username: admin.username,
      password: admin.password,
    });
    expect(good.status).toBe(200);
    expect(tokenResponseSchema.parse(good.body.data).expires_in).toBe(86400);
    const wrong = await jsonRequest(url('/auth/login'), 'POST', {
      username: admin.username,
      password: 'not-the-password',
    });
    const unknown = await jsonRequest(url('/auth/login'), 'POST', {
      username: 'nobody-here',
      password: 'not-the-password',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error_code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses anonymous and forged callers on every protected auth and user route', async () => {
    await expectAnonymousRefused(t.baseUrl, 'GET', '/api/v1/auth/me');
    await expectAnonymousRefused(t.baseUrl, 'POST', '/api/v1/auth/change-password', {
      current_password: 'whatever-long',
      new_password: 'whatever-longer-1',
    });
    await expectAnonymousRefused(t.baseUrl, 'POST', '/api/v1/auth/logout');
    await expectAnonymousRefused(t.baseUrl, 'GET', '/api/v1/users');
    await expectAnonymousRefused(t.baseUrl, 'POST', '/api/v1/users', {
      username: 'someone',
      password: 'a-long-enough-pw',
      role: 'observer',
    });
    await expectAnonymousRefused(t.baseUrl, 'PATCH', `/api/v1/users/${admin.userId}`, {
      role: 'manager',
    });
  });

  it('refuses a token with a wrong scheme', async () => {
    const response = await fetch(url('/auth/me'), {
      headers: { authorization: `Basic ${admin.token}` },
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error_code: string };
    expect(body.error_code).toBe('TOKEN_INVALID');
  });

  it('forces a new account to change its password before anything but me', async () => {
    const username = 'fresh-manager';
    const created = await jsonRequest(
      url('/users'),
      'POST',
      { username, password: 'initial-password-1', role: 'manager' },
      admin.token,
    );
    expect(created.status).toBe(201);
    expect(created.body.data.must_change_password).toBe(true);
    const login = await jsonRequest(url('/auth/login'), 'POST', {
      username,
      password: 'initial-password-1',
    });
    expect(login.body.data.must_change_password).toBe(true);
    const token = login.body.data.token;
    const blocked = await jsonRequest(url('/test-only/read'), 'GET', undefined, token);
    expect(blocked.status).toBe(403);
    expect(blocked.body.error_code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await jsonRequest(url('/auth/me'), 'GET', undefined, token)).status).toBe(200);

    const changed = await jsonRequest(
      url('/auth/change-password'),
      'POST',
      { current_password: 'initial-password-1', new_password: 'the-new-password-1' },
      token,
    );
    expect(changed.status).toBe(200);
    expect(changed.body.data.must_change_password).toBe(false);
    const stale = await jsonRequest(url('/test-only/read'), 'GET', undefined, token);
    expect(stale.status).toBe(401);
    expect(stale.body.error_code).toBe('TOKEN_INVALID');
    const fresh = await jsonRequest(
      url('/test-only/read'),
      'GET',
      undefined,
      changed.body.data.token,
    );
    expect(fresh.status).toBe(200);
  });

  it('refuses a password change with the wrong current password', async () => {
    const user = await createUser(t.baseUrl, admin.token, 'pair_programmer');
    const response = await jsonRequest(
      url('/auth/change-password'),
      'POST',
      { current_password: 'wrong-password-x', new_password: 'the-new-password-2' },
      user.token,
    );
    expect(response.status).toBe(401);
    expect(response.body.error_code).toBe('INVALID_CREDENTIALS');
    expect((await jsonRequest(url('/auth/me'), 'GET', undefined, user.token)).status).toBe(200);
  });

  it('lets an observer read but not write', async () => {
    const observer = await createUser(t.baseUrl, admin.token, 'observer');
    const read = await jsonRequest(url('/test-only/read'), 'GET', undefined, observer.token);
    expect(read.body).toEqual({ role: 'observer' });
    const write = await jsonRequest(url('/test-only/write'), 'POST', {}, observer.token);
    expect(write.status).toBe(403);
    expect(write.body.error_code).toBe('WRITE_ACCESS_DENIED');
    const ceoOnly = await jsonRequest(url('/users'), 'GET', undefined, observer.token);
    expect(ceoOnly.status).toBe(403);
    expect(ceoOnly.body.error_code).toBe('FORBIDDEN');
    const manager = await createUser(t.baseUrl, admin.token, 'manager');
    expect((await jsonRequest(url('/test-only/write'), 'POST', {}, manager.token)).status).toBe(
      200,
    );
  });

  it('revokes the token on logout but keeps the account usable', async () => {
    const user = await createUser(t.baseUrl, admin.token, 'board_member');
    const other = await jsonRequest(url('/auth/login'), 'POST', {
      username: user.username,
      password: user.password,
    });
    const out = await jsonRequest(url('/auth/logout'), 'POST', undefined, user.token);
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ data: null, error: null, success: true });
    const after = await jsonRequest(url('/auth/me'), 'GET', undefined, user.token);
    expect(after.status).toBe(401);
    expect(after.body.error_code).toBe('TOKEN_INVALID');
    const otherToken = other.body.data.token;
    expect((await jsonRequest(url('/auth/me'), 'GET', undefined, otherToken)).status).toBe(200);
  });

  it('never writes a password or a token into the log', async () => {
    await t.logs.waitFor('api.auth.token_issued');
    const raw = t.logs.raw();
    expect(raw).not.toContain(admin.password);
    expect(raw).not.toContain(admin.token);
    expect(raw).not.toContain(admin.token.split('.')[2]);
  });
});
