import { Redis } from 'ioredis';

import type { Logger } from '../logging/logger.ts';
import { REDIS_EVENTS } from './redis-events.ts';

/** A health probe that hangs is as bad as a failed one. */
const PING_TIMEOUT_MS = 1000;

/**
 * Where a Redis URL points, for logs: scheme, host, port and database, never the user or
 * password.
 */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '[unparseable redis url]';
  }
}

export interface RedisConnectionOptions {
  url: string;
  /** Which part of the server uses the connection: `commands`, `subscriber`, `rate_limit`. */
  role: string;
  log: Logger;
  /**
   * Attempts per command while reconnecting before it fails. A low number keeps a request or a
   * publish from hanging for long when Redis is down.
   */
  maxRetriesPerRequest?: number;
}

/**
 * Opens one ioredis connection that logs its lifecycle (with the URL's password left out) and
 * reconnects forever with a capped backoff, so a Redis restart heals by itself.
 */
export function createRedisConnection(options: RedisConnectionOptions): Redis {
  const { url, role, log } = options;
  const target = describeRedisUrl(url);
  const redis = new Redis(url, {
    connectionName: `synthorg-${role}`,
    maxRetriesPerRequest: options.maxRetriesPerRequest ?? 2,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  let failing = false;

  redis.on('ready', () => {
    failing = false;
    log.info({ event: REDIS_EVENTS.connected, role, target }, 'redis connected');
  });
  redis.on('error', (err: Error) => {
    // One line per outage, not one per reconnect attempt.
    if (failing) return;
    failing = true;
    log.error({ event: REDIS_EVENTS.error, role, target, err }, 'redis error');
  });
  redis.on('reconnecting', (delay: number) => {
    log.debug({ event: REDIS_EVENTS.reconnecting, role, target, delay_ms: delay }, 'reconnect');
  });
  redis.on('end', () => log.info({ event: REDIS_EVENTS.closed, role, target }, 'redis closed'));
  return redis;
}

/**
 * True when the connection is up and answers a PING promptly. On a subscriber connection the
 * answer also proves that the (re)subscription sent before it has been processed.
 */
export async function redisReachable(redis: Redis): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  try {
    // Any reply will do: a subscribed connection answers PING with an array, not "PONG".
    return await Promise.race([redis.ping().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Quits gracefully, or drops the connection when Redis cannot be reached to say goodbye. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  await redis.quit().catch(() => redis.disconnect());
}
