import type { Channel, StreamPosition } from '@synthorg/shared';
import type { Redis } from 'ioredis';

import type { LockoutLimits, LoginLockout } from '../auth/login-lockout.ts';
import { DEFAULT_LOCKOUT } from '../auth/login-lockout.ts';
import { createRedisLoginLockout } from '../auth/redis-login-lockout.ts';
import type { Logger } from '../logging/logger.ts';
import type { FanOutBus } from '../ws/fan-out-bus.ts';
import type { HistoryStore } from '../ws/history-store.ts';
import { createRedisBus } from '../ws/redis-bus.ts';
import { createRedisHistory } from '../ws/redis-history.ts';
import { createRedisTicketStore } from '../ws/redis-ticket-store.ts';
import type { TicketStore } from '../ws/ticket-store.ts';
import { closeRedis, createRedisConnection } from './redis-connection.ts';
import { createRedisKeys } from './redis-keys.ts';

/** Where `@fastify/rate-limit` keeps its counters when they are shared. */
export interface RateLimitStore {
  redis: Redis;
  nameSpace: string;
}

/**
 * The state that must be shared for several instances to act as one: event fan-out and
 * history, tickets, login failures and rate-limit counters. The composition root builds it in
 * memory or in Redis.
 */
export interface SharedState {
  mode: 'memory' | 'redis';
  history: HistoryStore;
  bus: FanOutBus;
  tickets: TicketStore;
  lockout: LoginLockout;
  /** Absent in memory mode: the plugin's own in-process store is used. */
  rateLimitStore?: RateLimitStore;
  /** Closes the connections; call after the hub and the ticket service are closed. */
  close(): Promise<void>;
}

/** The Redis half of scale-out mode: two connections (commands, subscriber) per instance. */
export function createRedisSharedState(options: {
  url: string;
  prefix: string;
  historyCapacity: number;
  log: Logger;
  /** Read on every login attempt; an object with getters follows the current settings. */
  lockout?: LockoutLimits;
}): SharedState {
  const { url, log } = options;
  const keys = createRedisKeys(options.prefix);
  // One retry per command: a request or a publish fails fast while Redis is away.
  const redis = createRedisConnection({ url, role: 'commands', log, maxRetriesPerRequest: 1 });
  const subscriber = createRedisConnection({ url, role: 'subscriber', log });
  const history = createRedisHistory({ redis, keys, capacity: options.historyCapacity });
  const recover = async (channel: Channel, after: StreamPosition) => {
    const read = await history.read(channel, after);
    return read.resync ? undefined : read.events;
  };
  return {
    mode: 'redis',
    history,
    bus: createRedisBus({ redis, subscriber, keys, log, recover }),
    tickets: createRedisTicketStore({ redis, keys }),
    lockout: createRedisLoginLockout({ redis, keys }, options.lockout ?? DEFAULT_LOCKOUT),
    rateLimitStore: { redis, nameSpace: keys.rateLimit() },
    async close() {
      await Promise.all([closeRedis(subscriber), closeRedis(redis)]);
    },
  };
}
