import { randomBytes } from 'node:crypto';
import type { WsTicketResponse } from '@synthorg/shared';

import { AUTH_EVENTS, AUTH_FAILURE_REASONS } from '../auth/auth-events.ts';
import type { AuthSession } from '../auth/auth-types.ts';
import { AppError } from '../http/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import type { TicketOwner, TicketStore } from './ticket-store.ts';
import { WS_EVENTS } from './ws-events.ts';

export const MAX_PENDING_TICKETS = 5;

export type Redeemed =
  | { ok: true; owner: TicketOwner }
  | { ok: false; cause: 'not_found' | 'expired' };

export interface TicketService {
  /** A fresh single-use ticket for the caller; 429 `TICKET_LIMIT` past 5 pending. */
  issue(session: AuthSession): Promise<WsTicketResponse>;
  /** Consumes the ticket whatever happens next; never logs its value. */
  redeem(ticket: string): Promise<Redeemed>;
  purgeExpired(): Promise<void>;
  close(): Promise<void>;
}

export function createTicketService(deps: {
  store: TicketStore;
  /** Lifetime of a ticket issued now; a function when it may change while running. */
  ttlMs: number | (() => number);
  log: Logger;
}): TicketService {
  const { store, log } = deps;
  const ttlNow = typeof deps.ttlMs === 'number' ? () => deps.ttlMs as number : deps.ttlMs;

  return {
    async issue({ user, token }) {
      const ttlMs = ttlNow();
      const ttlSeconds = Math.max(1, Math.ceil(ttlMs / 1000));
      // 32 random bytes in base64url: 43 characters, URL-safe, 256 bits.
      const ticket = randomBytes(32).toString('base64url');
      const owner = {
        userId: user.id,
        username: user.username,
        role: user.role,
        tokenId: token.id,
        passwordSignature: token.passwordSignature,
      };
      const result = await store.issue(ticket, owner, ttlMs, MAX_PENDING_TICKETS);
      if (!result.issued) {
        const retryAfter = String(Math.ceil(result.retryAfterMs / 1000));
        log.warn(
          { event: AUTH_EVENTS.failed, reason: AUTH_FAILURE_REASONS.ticketLimit, user_id: user.id },
          'ticket limit reached',
        );
        throw new AppError('TICKET_LIMIT', 'Too many pending tickets; wait for one to expire', {
          headers: { 'Retry-After': retryAfter },
        });
      }
      log.info(
        {
          event: WS_EVENTS.ticketIssued,
          user_id: user.id,
          username: user.username,
          ttl_seconds: ttlSeconds,
        },
        'ticket issued',
      );
      return { ticket, expires_in: ttlSeconds };
    },

    async redeem(ticket) {
      const result = await store.consume(ticket);
      if (result.status === 'not_found') return { ok: false, cause: 'not_found' };
      const { owner } = result;
      if (result.status === 'expired') {
        log.info(
          {
            event: WS_EVENTS.ticketExpired,
            user_id: owner.userId,
            overdue_seconds: result.overdueMs / 1000,
          },
          'ticket expired',
        );
        return { ok: false, cause: 'expired' };
      }
      log.info(
        { event: WS_EVENTS.ticketConsumed, user_id: owner.userId, username: owner.username },
        'ticket consumed',
      );
      return { ok: true, owner };
    },

    async purgeExpired() {
      const { removed, remaining } = await store.purgeExpired();
      if (removed > 0)
        log.debug({ event: WS_EVENTS.ticketCleanup, removed, remaining }, 'tickets purged');
    },

    close: () => store.close(),
  };
}
