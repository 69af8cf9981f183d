import { WS_CLOSE_REASONS, type WsCloseReason } from '@synthorg/shared';

import type { Logger } from '../logging/logger.ts';
import type { TicketService } from './ticket-service.ts';
import type { TicketOwner } from './ticket-store.ts';
import { WS_EVENTS } from './ws-events.ts';

export type AuthOutcome =
  | { kind: 'authenticated'; owner: TicketOwner }
  | { kind: 'failed'; reason: WsCloseReason; cause: string }
  /** No `?ticket=`: the first message must be `auth`. */
  | { kind: 'deferred' };

export interface WsAuthenticator {
  /** Reads `?ticket=` before the upgrade, so the socket is ready when it opens. */
  fromQuery(query: Record<string, unknown>): Promise<AuthOutcome>;
  fromTicket(ticket: string | undefined): Promise<AuthOutcome>;
}

export function createWsAuthenticator(deps: {
  tickets: TicketService;
  /** False when the ticket's user or token has been revoked since it was issued. */
  sessionActive: (owner: TicketOwner) => Promise<boolean>;
}): WsAuthenticator {
  const { tickets, sessionActive } = deps;

  const fromTicket = async (ticket: string | undefined): Promise<AuthOutcome> => {
    if (ticket === undefined || ticket === '') {
      return { kind: 'failed', reason: WS_CLOSE_REASONS.missingTicket, cause: 'missing' };
    }
    const redeemed = await tickets.redeem(ticket);
    if (!redeemed.ok) {
      return { kind: 'failed', reason: WS_CLOSE_REASONS.invalidOrExpired, cause: redeemed.cause };
    }
    if (!(await sessionActive(redeemed.owner))) {
      return { kind: 'failed', reason: WS_CLOSE_REASONS.invalidOrExpired, cause: 'session_ended' };
    }
    return { kind: 'authenticated', owner: redeemed.owner };
  };

  return {
    fromTicket,
    async fromQuery(query) {
      if ('ticket' in query) {
        return fromTicket(typeof query.ticket === 'string' ? query.ticket : undefined);
      }
      // A JWT in the URL leaks into logs and history: refused outright, never read.
      if ('token' in query) {
        return { kind: 'failed', reason: WS_CLOSE_REASONS.missingTicket, cause: 'token_in_url' };
      }
      return { kind: 'deferred' };
    },
  };
}

export function logAuthFailure(
  log: Logger,
  outcome: Extract<AuthOutcome, { kind: 'failed' }>,
): void {
  log.warn(
    { event: WS_EVENTS.ticketInvalid, reason: outcome.reason, cause: outcome.cause },
    'WebSocket authentication failed',
  );
}
