import type { TicketOwner, TicketStore } from './ticket-store.ts';

interface Entry {
  owner: TicketOwner;
  expiresAt: number;
}

/** Tickets in a map of this process: single-instance deployments only. */
export function createMemoryTicketStore(now: () => number = Date.now): TicketStore {
  const tickets = new Map<string, Entry>();

  const pendingOf = (userId: string): number[] => {
    const at = now();
    const expiries: number[] = [];
    for (const entry of tickets.values()) {
      if (entry.owner.userId === userId && entry.expiresAt > at) expiries.push(entry.expiresAt);
    }
    return expiries.sort((a, b) => a - b);
  };

  return {
    async issue(ticket, owner, ttlMs, maxPending) {
      const pending = pendingOf(owner.userId);
      if (pending.length >= maxPending) {
        const oldest = pending[pending.length - maxPending] ?? now();
        return { issued: false, retryAfterMs: Math.max(1, oldest - now()) };
      }
      tickets.set(ticket, { owner, expiresAt: now() + ttlMs });
      return { issued: true };
    },
    async consume(ticket) {
      const entry = tickets.get(ticket);
      tickets.delete(ticket);
      if (!entry) return { status: 'not_found' };
      const overdueMs = now() - entry.expiresAt;
      if (overdueMs >= 0) return { status: 'expired', owner: entry.owner, overdueMs };
      return { status: 'valid', owner: entry.owner };
    },
    async purgeExpired() {
      const at = now();
      let removed = 0;
      for (const [ticket, entry] of tickets) {
        if (entry.expiresAt <= at) {
          tickets.delete(ticket);
          removed++;
        }
      }
      return { removed, remaining: tickets.size };
    },
    async close() {
      tickets.clear();
    },
  };
}
