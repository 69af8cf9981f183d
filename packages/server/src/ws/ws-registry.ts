import { WS_CLOSE, WS_CLOSE_REASONS, type WsCloseReason } from '@synthorg/shared';

import type { SessionRevocation } from '../auth/session-revocations.ts';
import type { Logger } from '../logging/logger.ts';
import type { Connection } from './ws-connection.ts';
import { WS_EVENTS } from './ws-events.ts';
import type { Session } from './ws-session.ts';

const REVOCATION_REASONS: Record<SessionRevocation['reason'], WsCloseReason> = {
  logout: WS_CLOSE_REASONS.loggedOut,
  password_changed: WS_CLOSE_REASONS.passwordChanged,
  disabled: WS_CLOSE_REASONS.accountDisabled,
};

/** Sockets that get the 1001 close frame this long before they are dropped on shutdown. */
const SHUTDOWN_GRACE_MS = 2000;

/**
 * Every open socket of this instance: heartbeats for all of them, and by user for the
 * authenticated ones, so a revoked session closes with 4011 at once.
 */
export interface WsRegistry {
  track(connection: Connection): void;
  untrack(connection: Connection): void;
  addSession(session: Session): void;
  removeSession(session: Session): void;
  revoke(revocation: SessionRevocation): void;
  /** Closes every socket with 1001 and waits (briefly) for them to go. */
  shutdown(): Promise<void>;
  size(): number;
}

export function createWsRegistry(deps: { heartbeatMs: number; log: Logger }): WsRegistry {
  const { log } = deps;
  const connections = new Set<Connection>();
  const sessionsByUser = new Map<string, Set<Session>>();

  const beat = () => {
    for (const connection of connections) {
      if (connection.missedPongs >= 2) {
        log.info({ event: WS_EVENTS.heartbeatTimeout, conn_id: connection.id }, 'no pong');
        connection.terminate();
        continue;
      }
      connection.missedPongs++;
      connection.ws.ping();
    }
  };
  const heartbeat = setInterval(beat, deps.heartbeatMs);
  heartbeat.unref();

  return {
    track: (connection) => connections.add(connection),
    untrack: (connection) => connections.delete(connection),
    addSession(session) {
      const set = sessionsByUser.get(session.owner.userId) ?? new Set<Session>();
      set.add(session);
      sessionsByUser.set(session.owner.userId, set);
    },
    removeSession(session) {
      const set = sessionsByUser.get(session.owner.userId);
      set?.delete(session);
      if (set?.size === 0) sessionsByUser.delete(session.owner.userId);
    },
    revoke(revocation) {
      const reason = REVOCATION_REASONS[revocation.reason];
      for (const session of sessionsByUser.get(revocation.userId) ?? []) {
        if (revocation.tokenId && session.owner.tokenId !== revocation.tokenId) continue;
        log.info(
          {
            event: WS_EVENTS.sessionRevoked,
            conn_id: session.connection.id,
            user_id: revocation.userId,
            reason,
          },
          'session revoked',
        );
        session.connection.close(WS_CLOSE.sessionRevoked, reason);
      }
    },
    async shutdown() {
      clearInterval(heartbeat);
      log.info({ event: WS_EVENTS.shutdown, open: connections.size }, 'closing sockets');
      const closing = [...connections].map(
        (connection) =>
          new Promise<void>((resolve) => {
            if (connection.ws.readyState === connection.ws.CLOSED) return resolve();
            const timer = setTimeout(() => {
              connection.terminate();
              resolve();
            }, SHUTDOWN_GRACE_MS);
            connection.ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            connection.close(WS_CLOSE.goingAway, WS_CLOSE_REASONS.serverShutdown);
          }),
      );
      await Promise.all(closing);
    },
    size: () => connections.size,
  };
}
