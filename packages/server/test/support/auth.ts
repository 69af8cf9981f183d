import { randomBytes } from 'node:crypto';
import type { Role } from '@synthorg/shared';
import { expect } from 'vitest';

import { jsonRequest } from './http.ts';

export interface TestUser {
  token: string;
  userId: string;
  username: string;
  password: string;
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

function strongPassword(): string {
  return `pw-${randomBytes(12).toString('base64url')}`;
}

async function me(baseUrl: string, token: string): Promise<string> {
  const response = await jsonRequest(`${baseUrl}/api/v1/auth/me`, 'GET', undefined, token);
  if (response.status !== 200) throw new Error(`me failed: ${JSON.stringify(response.body)}`);
  return response.body.data.id as string;
}

/** Runs first-run setup on a fresh server: the returned account is the `ceo`. */
export async function setupAdmin(baseUrl: string): Promise<TestUser> {
  const username = uniqueName('admin');
  const password = strongPassword();
  const response = await jsonRequest(`${baseUrl}/api/v1/auth/setup`, 'POST', {
    username,
    password,
  });
  if (response.status !== 201) throw new Error(`setup failed: ${JSON.stringify(response.body)}`);
  const token = response.body.data.token as string;
  return { token, userId: await me(baseUrl, token), username, password };
}

/**
 * Creates an account with `role` through the ceo's API and performs its forced password
 * change, so the returned token is usable on every route. Costs one login and one password
 * change (each limited per address, 10 a minute by default).
 */
export async function createUser(
  baseUrl: string,
  adminToken: string,
  role: Role,
  options: { username?: string } = {},
): Promise<TestUser> {
  const username = options.username ?? uniqueName(role);
  const initial = strongPassword();
  const created = await jsonRequest(
    `${baseUrl}/api/v1/users`,
    'POST',
    { username, password: initial, role },
    adminToken,
  );
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  const login = await jsonRequest(`${baseUrl}/api/v1/auth/login`, 'POST', {
    username,
    password: initial,
  });
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  const password = strongPassword();
  const changed = await jsonRequest(
    `${baseUrl}/api/v1/auth/change-password`,
    'POST',
    { current_password: initial, new_password: password },
    login.body.data.token,
  );
  if (changed.status !== 200) throw new Error(`change failed: ${JSON.stringify(changed.body)}`);
  return { token: changed.body.data.token, userId: created.body.data.id, username, password };
}

/**
 * Asserts that a protected route refuses a caller without credentials (401
 * `UNAUTHENTICATED`) and one with a forged token (401 `TOKEN_INVALID`). Every protected route
 * gets one such test.
 *
 * @example
 * await expectAnonymousRefused(t.baseUrl, 'POST', '/api/v1/tasks', { title: 'x' });
 */
export async function expectAnonymousRefused(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<void> {
  const anonymous = await jsonRequest(`${baseUrl}${path}`, method, body);
  expect(anonymous.status, `${method} ${path} without a token`).toBe(401);
  expect(anonymous.body.error_code).toBe('UNAUTHENTICATED');
  const forged = await jsonRequest(`${baseUrl}${path}`, method, body, 'eyJhbGciOiJIUzI1NiJ9.e30.x');
  expect(forged.status, `${method} ${path} with a forged token`).toBe(401);
  expect(forged.body.error_code).toBe('TOKEN_INVALID');
}
