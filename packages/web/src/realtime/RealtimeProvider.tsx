import { CHANNELS } from '@synthorg/shared';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';

import { isApiError } from '../api/api-error.ts';
import { authApi } from '../auth/auth-api.ts';
import { useAuthStore } from '../auth/auth-store.ts';
import { useActivityStore } from './activity-store.ts';
import { bindBrowserTriggers } from './browser-triggers.ts';
import { AuthLostError, type Connection, createConnection } from './connection.ts';
import { useConnectionStore } from './connection-store.ts';
import { applyEventToCache, refetchChannels } from './event-cache.ts';

let active: Connection | null = null;

/** The live connection, for logout to close it before revoking the token. */
export function stopRealtime(): void {
  active?.stop();
  active = null;
}

function wsUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/api/v1/ws`;
}

async function fetchTicket(): Promise<string> {
  try {
    return (await authApi.wsTicket()).ticket;
  } catch (error) {
    if (isApiError(error) && error.status === 401) throw new AuthLostError(error.code);
    throw error;
  }
}

/**
 * Owns the one WebSocket of a signed-in dashboard: opened once for the whole app (not per
 * page), closed when the login ends. Events go into the query cache and the activity feed.
 */
export function RealtimeProvider(props: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const token = useAuthStore((state) => state.token);

  useEffect(() => {
    if (!token) return;
    const connection = createConnection({
      url: wsUrl(),
      channels: CHANNELS,
      fetchTicket,
      onEvent: (event) => {
        useActivityStore.getState().record(event);
        applyEventToCache(queryClient, event);
      },
      onResync: (channels) => refetchChannels(queryClient, channels),
      onSnapshot: (snapshot) => useConnectionStore.getState().applySnapshot(snapshot),
      onAuthLost: (reason) =>
        useAuthStore
          .getState()
          .signOut(reason === 'login_revoked' ? 'login_revoked' : 'session_ended'),
    });
    active = connection;
    useConnectionStore.getState().setRetry(() => connection.retryNow());
    const unbind = bindBrowserTriggers(connection, window, document);
    connection.start();
    return () => {
      unbind();
      connection.stop();
      if (active === connection) active = null;
      useConnectionStore.getState().setRetry(null);
    };
  }, [token, queryClient]);

  return <>{props.children}</>;
}
