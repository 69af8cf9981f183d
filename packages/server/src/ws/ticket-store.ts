import type { Role } from '@synthorg/shared';

/** Whom a ticket authenticates: a copy of the caller, plus the token it was issued under. */
export interface TicketOwner {
  userId: string;
  username: string;
  role: Role;
  /** The JWT's id, so a logout can close exactly the sockets opened under it. */
  tokenId: string;
  /** The token's password signature: a password change also voids unredeemed tickets. */
  passwordSignature: string;
}

export type TicketIssue = { issued: true } | { issued: false; retryAfterMs: number };

export type TicketRedemption =
  | { status: 'valid'; owner: TicketOwner }
  | { status: 'expired'; owner: TicketOwner; overdueMs: number }
  | { status: 'not_found' };

/**
 * Where pending tickets live: in process by default, Redis in scale-out mode. Every method is
 * async so a networked store fits. `consume` must be atomic (remove-then-inspect): two
 * concurrent redemptions of one ticket have exactly one `valid` winner, and a ticket is gone
 * after any redemption attempt, expired or not.
 */
export interface TicketStore {
  /** Stores `ticket` unless the owner already holds `maxPending` unexpired tickets. */
  issue(
    ticket: string,
    owner: TicketOwner,
    ttlMs: number,
    maxPending: number,
  ): Promise<TicketIssue>;
  consume(ticket: string): Promise<TicketRedemption>;
  /** Removes expired tickets; returns how many were removed and how many remain. */
  purgeExpired(): Promise<{ removed: number; remaining: number }>;
  close(): Promise<void>;
}
