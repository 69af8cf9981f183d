import { describe, expect, it } from 'vitest';

import { createAuthStore, type SessionStorage } from '../../src/auth/auth-store.ts';
import { safeRedirect } from '../../src/auth/LoginPage.tsx';

function memoryStorage(
  initial: Record<string, string> = {},
): SessionStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const admin = { id: 'u1', username: 'admin', role: 'ceo', must_change_password: false } as const;

describe('auth store', () => {
  it('starts anonymous without a stored session', () => {
    const store = createAuthStore(memoryStorage());
    expect(store.getState().status).toBe('anonymous');
  });

  it('keeps a stored, unexpired token across a reload and waits to restore the profile', () => {
    const storage = memoryStorage();
    const first = createAuthStore(storage, () => 1_000);
    first.getState().signIn('jwt-1', 3600, admin);

    const reloaded = createAuthStore(storage, () => 2_000);
    expect(reloaded.getState()).toMatchObject({ status: 'restoring', token: 'jwt-1', user: null });
    reloaded.getState().setUser(admin);
    expect(reloaded.getState()).toMatchObject({ status: 'authenticated', user: { role: 'ceo' } });
  });

  it('drops an expired or malformed stored session', () => {
    const expired = memoryStorage({
      'synthorg.session': JSON.stringify({ token: 't', expiresAt: 5 }),
    });
    expect(createAuthStore(expired, () => 10).getState().status).toBe('anonymous');
    expect(expired.data.size).toBe(0);

    const garbage = memoryStorage({ 'synthorg.session': '{not json' });
    expect(createAuthStore(garbage).getState().status).toBe('anonymous');
  });

  it('forgets the token on sign-out and remembers why', () => {
    const storage = memoryStorage();
    const store = createAuthStore(storage);
    store.getState().signIn('jwt-1', 60, admin);
    store.getState().signOut('login_revoked');
    expect(store.getState()).toMatchObject({
      status: 'anonymous',
      token: null,
      signOutReason: 'login_revoked',
    });
    expect(storage.data.size).toBe(0);
  });
});

describe('post-login redirect', () => {
  it('follows only paths of this app', () => {
    expect(safeRedirect('/tasks?status=blocked')).toBe('/tasks?status=blocked');
    expect(safeRedirect(null)).toBe('/');
    expect(safeRedirect('https://evil.example/')).toBe('/');
    expect(safeRedirect('//evil.example/')).toBe('/');
  });
});
