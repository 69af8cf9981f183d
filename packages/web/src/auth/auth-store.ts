import type { UserInfo } from '@synthorg/shared';
import { create } from 'zustand';

const STORAGE_KEY = 'synthorg.session';

/**
 * `restoring`: a stored token exists and `/auth/me` is being asked who it belongs to; the
 * guarded pages wait for it, so a reload keeps the user's role (the original lost it).
 */
export type AuthStatus = 'restoring' | 'anonymous' | 'authenticated';

export type SignOutReason = 'logout' | 'session_ended' | 'login_revoked';

interface StoredSession {
  token: string;
  expiresAt: number;
}

interface AuthState {
  status: AuthStatus;
  token: string | null;
  expiresAt: number | null;
  user: UserInfo | null;
  /** Why the last sign-out happened, shown once on the login page. */
  signOutReason: SignOutReason | null;
  signIn(token: string, expiresInSeconds: number, user: UserInfo): void;
  setUser(user: UserInfo): void;
  signOut(reason: SignOutReason): void;
}

export interface SessionStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function readSession(storage: SessionStorage | undefined, now: number): StoredSession | null {
  try {
    const parsed = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    if (!parsed || typeof parsed.token !== 'string' || !(parsed.expiresAt > now)) return null;
    return parsed;
  } catch {
    return null;
  }
}

/** Builds the store; the app uses the browser's localStorage, tests pass their own. */
export function createAuthStore(storage: SessionStorage | undefined, now = Date.now) {
  const stored = readSession(storage, now());
  if (!stored) storage?.removeItem(STORAGE_KEY);

  return create<AuthState>((set) => ({
    status: stored ? 'restoring' : 'anonymous',
    token: stored?.token ?? null,
    expiresAt: stored?.expiresAt ?? null,
    user: null,
    signOutReason: null,
    signIn(token, expiresInSeconds, user) {
      const expiresAt = now() + expiresInSeconds * 1000;
      storage?.setItem(STORAGE_KEY, JSON.stringify({ token, expiresAt }));
      set({ status: 'authenticated', token, expiresAt, user, signOutReason: null });
    },
    setUser(user) {
      set({ user, status: 'authenticated' });
    },
    signOut(reason) {
      storage?.removeItem(STORAGE_KEY);
      set({ status: 'anonymous', token: null, expiresAt: null, user: null, signOutReason: reason });
    },
  }));
}

export type AuthStore = ReturnType<typeof createAuthStore>;

export const useAuthStore: AuthStore = createAuthStore(
  typeof localStorage === 'undefined' ? undefined : localStorage,
);
