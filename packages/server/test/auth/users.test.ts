import { paginatedOf, userSchema } from '@synthorg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUser, setupAdmin, type TestUser } from '../support/auth.ts';
import { jsonRequest } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('user management for the ceo', () => {
  let t: TestServer;
  let admin: TestUser;
  const url = (path: string) => `${t.baseUrl}/api/v1${path}`;

  beforeAll(async () => {
    t = await startTestServer();
    admin = await setupAdmin(t.baseUrl);
  });
  afterAll(() => t.close({ removeData: true }));

  it('lists accounts with pagination and without password hashes', async () => {
    await createUser(t.baseUrl, admin.token, 'observer');
    const list = await jsonRequest(url('/users?limit=1'), 'GET', undefined, admin.token);
    expect(list.status).toBe(200);
    const parsed = paginatedOf(userSchema).parse(list.body);
    expect(parsed.pagination).toEqual({ total: 2, offset: 0, limit: 1 });
    expect(parsed.data[0]?.id).toBe(admin.userId);
    expect(JSON.stringify(list.body)).not.toContain('argon2');
  });

  it('refuses a duplicate username with 409 and a bad role with 400', async () => {
    const dup = await jsonRequest(
      url('/users'),
      'POST',
      { username: admin.username, password: 'a-long-password-1', role: 'manager' },
      admin.token,
    );
    expect(dup.status).toBe(409);
    expect(dup.body.error_code).toBe('ALREADY_EXISTS');
    const badRole = await jsonRequest(
      url('/users'),
      'POST',
      { username: 'x-user', password: 'a-long-password-1', role: 'emperor' },
      admin.token,
    );
    expect(badRole.status).toBe(400);
  });

  it('changes a role; the new role applies to the very next request', async () => {
    const user = await createUser(t.baseUrl, admin.token, 'observer');
    const patched = await jsonRequest(
      url(`/users/${user.userId}`),
      'PATCH',
      { role: 'ceo' },
      admin.token,
    );
    expect(patched.status).toBe(200);
    expect(patched.body.data.role).toBe('ceo');
    const list = await jsonRequest(url('/users'), 'GET', undefined, user.token);
    expect(list.status).toBe(200);
  });

  it('disables an account: its token dies and login says so', async () => {
    const user = await createUser(t.baseUrl, admin.token, 'manager');
    const patched = await jsonRequest(
      url(`/users/${user.userId}`),
      'PATCH',
      { disabled: true },
      admin.token,
    );
    expect(patched.body.data.disabled).toBe(true);
    const me = await jsonRequest(url('/auth/me'), 'GET', undefined, user.token);
    expect(me.status).toBe(401);
    const login = await jsonRequest(url('/auth/login'), 'POST', {
      username: user.username,
      password: user.password,
    });
    expect(login.status).toBe(403);
    expect(login.body.error_code).toBe('ACCOUNT_DISABLED');
  });

  it('keeps at least one enabled ceo', async () => {
    const list = await jsonRequest(url('/users'), 'GET', undefined, admin.token);
    for (const user of list.body.data) {
      if (user.role === 'ceo' && user.id !== admin.userId) {
        await jsonRequest(url(`/users/${user.id}`), 'PATCH', { disabled: true }, admin.token);
      }
    }
    const self = await jsonRequest(
      url(`/users/${admin.userId}`),
      'PATCH',
      { disabled: true },
      admin.token,
    );
    expect(self.status).toBe(422);
    expect(self.body.error_code).toBe('DOMAIN_RULE_VIOLATION');
    const demote = await jsonRequest(
      url(`/users/${admin.userId}`),
      'PATCH',
      { role: 'manager' },
      admin.token,
    );
    expect(demote.status).toBe(422);
  });

  it('answers 404 for an unknown user and 400 for an empty patch', async () => {
    const missing = await jsonRequest(
      url('/users/nope'),
      'PATCH',
      { role: 'manager' },
      admin.token,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error_code).toBe('NOT_FOUND');
    const empty = await jsonRequest(url(`/users/${admin.userId}`), 'PATCH', {}, admin.token);
    expect(empty.status).toBe(400);
  });
});
