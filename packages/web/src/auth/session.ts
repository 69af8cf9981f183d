import type { TokenResponse } from '@synthorg/shared';
import { configureApi } from '../api/api-client.ts';
import { isApiError } from '../api/api-error.ts';
import { authApi, type Credentials } from './auth-api.ts';
import type { AuthStore } from './auth-store.ts';

/** Lets the API client read the token and end the login on a dead session. */
export function connectApiToAuth(store: AuthStore): void {
  configureApi({
    getToken: () => store.getState().token,
    onUnauthenticated: () => store.getState().signOut('session_ended'),
  });
}

/**
 * After a reload: asks the server who the stored token belongs to. A rejected token signs
 * out; a server that cannot be reached rethrows, so the page can offer a retry instead of
 * throwing the user out.
 */
export async function restoreSession(store: AuthStore): Promise<void> {
  const { status, token } = store.getState();
  if (status !== 'restoring' || !token) return;
  try {
    store.getState().setUser(await authApi.me(token));
  } catch (error) {
    if (isApiError(error) && error.status === 401) store.getState().signOut('session_ended');
    else throw error;
  }
}

/** Turns a token response into a signed-in store (the profile is fetched with the new token). */
export async function completeSignIn(store: AuthStore, response: TokenResponse): Promise<void> {
  const user = await authApi.me(response.token);
  store.getState().signIn(response.token, response.expires_in, user);
}

export async function signInWith(store: AuthStore, credentials: Credentials): Promise<void> {
  await completeSignIn(store, await authApi.login(credentials));
}
