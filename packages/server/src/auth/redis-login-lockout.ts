import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

import { createLuaScript } from '../redis/lua-script.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import type { LockoutLimits, LoginLockout } from './login-lockout.ts';

/** Redis time in ms, so every instance ages failures on the same clock. */
const NOW_MS = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS: failure sets. ARGV: window, then the max failures of each key. Replies the longest
 * wait in ms (0 when not locked); drops failures that left the window on the way.
 */
const RETRY_AFTER = createLuaScript(`${NOW_MS}
local window = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local max = tonumber(ARGV[i + 1])
  local count = redis.call('ZCARD', key)
  if count >= max then
    local oldest = redis.call('ZRANGE', key, count - max, count - max, 'WITHSCORES')
    wait = math.max(wait, tonumber(oldest[2]) + window - now)
  end
end
return wait`);

/** KEYS: failure sets. ARGV: window, a unique member. */
const RECORD = createLuaScript(`${NOW_MS}
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, ARGV[1])
end
return 1`);

/**
 * Failed logins in Redis sorted sets (score = time of the failure), one per username and
 * one per client address; each set expires with the window, so sprayed names cost no memory
 * beyond it.
 */
export function createRedisLoginLockout(
  deps: { redis: Redis; keys: RedisKeys },
  options: LockoutLimits,
): LoginLockout {
  const { redis, keys } = deps;
  const userKey = (username: string) => keys.lockout(`user:${username}`);
  const addressKey = (address: string) => keys.lockout(`addr:${address}`);

  return {
    async retryAfter(username, address) {
      const waitMs = (await RETRY_AFTER.run(
        redis,
        [userKey(username), addressKey(address)],
        [options.windowMs, options.maxFailuresPerUser, options.maxFailuresPerAddress],
      )) as number;
      return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
    },
    async recordFailure(username, address) {
      await RECORD.run(
        redis,
        [userKey(username), addressKey(address)],
        [options.windowMs, randomUUID()],
      );
    },
    async recordSuccess(username) {
      await redis.del(userKey(username));
    },
  };
}
