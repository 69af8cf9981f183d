import type { Channel } from '@synthorg/shared';

/**
 * Every Redis key and pub/sub channel name the server uses, under one prefix so several
 * deployments (or test runs) can share a Redis. docs/scaling.md lists them with their TTLs.
 */
export interface RedisKeys {
  readonly prefix: string;
  /** A pending ticket, by the SHA-256 of its value (string, PX = ticket TTL + grace). */
  ticket(ticketHash: string): string;
  /** A user's pending tickets: ticket hash → expiry time in ms (sorted set). */
  userTickets(userId: string): string;
  /** The match pattern of every `userTickets` key, for the periodic purge. */
  userTicketsPattern(): string;
  /** A channel's event history (stream; entry id `<offset>-0`). */
  history(channel: Channel): string;
  /** A channel's history epoch and last offset (hash: `epoch`, `seq`). */
  historyMeta(channel: Channel): string;
  /** The pub/sub channel that carries events and session revocations to every instance. */
  bus(): string;
  /** Failed-login times of one username or client address (sorted set). */
  lockout(subject: string): string;
  /** Namespace handed to `@fastify/rate-limit`. */
  rateLimit(): string;
}

export function createRedisKeys(prefix: string): RedisKeys {
  return {
    prefix,
    ticket: (ticketHash) => `${prefix}ticket:${ticketHash}`,
    userTickets: (userId) => `${prefix}tickets:user:${userId}`,
    userTicketsPattern: () => `${escapeGlob(prefix)}tickets:user:*`,
    history: (channel) => `${prefix}history:${channel}`,
    historyMeta: (channel) => `${prefix}history:${channel}:meta`,
    bus: () => `${prefix}bus`,
    lockout: (subject) => `${prefix}lockout:${subject}`,
    rateLimit: () => `${prefix}rate:`,
  };
}

/** A prefix may contain glob characters; SCAN must match them literally. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
