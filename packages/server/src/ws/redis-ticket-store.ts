import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

import { createLuaScript } from '../redis/lua-script.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import type { TicketOwner, TicketStore } from './ticket-store.ts';

/**
 * An expired ticket is kept this long past its expiry, so a late redemption is reported (and
 * logged) as expired rather than unknown; Redis drops it after that on its own.
 */
const EXPIRED_GRACE_MS = 60_000;

/** Redis time in ms, so every instance measures expiry on the same clock. */
const NOW_MS = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS: ticket, user's pending set. ARGV: ticket hash, owner JSON, ttl, grace, max pending.
 * Counting, refusing and storing in one script makes the cap hold across instances.
 */
const ISSUE = createLuaScript(`${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local max = tonumber(ARGV[5])
local pending = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
local count = #pending / 2
if count >= max then
  return {0, tonumber(pending[(count - max) * 2 + 2]) - now}
end
local expires = now + tonumber(ARGV[3])
local keep = tonumber(ARGV[3]) + tonumber(ARGV[4])
redis.call('SET', KEYS[1], expires .. ' ' .. ARGV[2], 'PX', keep)
redis.call('ZADD', KEYS[2], expires, ARGV[1])
redis.call('PEXPIRE', KEYS[2], keep)
return {1, 0}`);

/** KEYS: ticket. Read-and-delete in one step: of two concurrent redemptions one gets it. */
const CONSUME = createLuaScript(`local value = redis.call('GET', KEYS[1])
if not value then return false end
redis.call('DEL', KEYS[1])
${NOW_MS}
return {value, now}`);

/** The key names carry a hash of the ticket, so the Redis keyspace holds no usable ticket. */
function hashOf(ticket: string): string {
  return createHash('sha256').update(ticket).digest('base64url');
}

function parseStored(value: string): { expiresAt: number; owner: TicketOwner } {
  const cut = value.indexOf(' ');
  return {
    expiresAt: Number(value.slice(0, cut)),
    owner: JSON.parse(value.slice(cut + 1)) as TicketOwner,
  };
}

/** Tickets in Redis: issued on one instance, redeemable on any. */
export function createRedisTicketStore(deps: { redis: Redis; keys: RedisKeys }): TicketStore {
  const { redis, keys } = deps;

  return {
    async issue(ticket, owner, ttlMs, maxPending) {
      const hash = hashOf(ticket);
      const [issued, retryAfterMs] = (await ISSUE.run(
        redis,
        [keys.ticket(hash), keys.userTickets(owner.userId)],
        [hash, JSON.stringify(owner), ttlMs, EXPIRED_GRACE_MS, maxPending],
      )) as [number, number];
      if (issued === 1) return { issued: true };
      return { issued: false, retryAfterMs: Math.max(1, retryAfterMs) };
    },

    async consume(ticket) {
      const hash = hashOf(ticket);
      const reply = (await CONSUME.run(redis, [keys.ticket(hash)], [])) as [string, number] | null;
      if (!reply) return { status: 'not_found' };
      const [value, now] = reply;
      const { expiresAt, owner } = parseStored(value);
      // Only frees a slot of the pending cap; the ticket itself is already gone.
      await redis.zrem(keys.userTickets(owner.userId), hash);
      const overdueMs = now - expiresAt;
      if (overdueMs >= 0) return { status: 'expired', owner, overdueMs };
      return { status: 'valid', owner };
    },

    async purgeExpired() {
      // Ticket keys expire by themselves; what is left are stale entries of the pending sets.
      const [seconds, micros] = await redis.time();
      const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      let removed = 0;
      let remaining = 0;
      const stream = redis.scanStream({ match: keys.userTicketsPattern(), count: 200 });
      for await (const batch of stream) {
        for (const key of batch as string[]) {
          removed += await redis.zremrangebyscore(key, '-inf', now);
          remaining += await redis.zcard(key);
        }
      }
      return { removed, remaining };
    },

    // The connection belongs to the composition root, which closes it once.
    async close() {},
  };
}
