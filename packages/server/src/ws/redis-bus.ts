import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

import type { RevocationListener } from '../auth/session-revocations.ts';
import type { Logger } from '../logging/logger.ts';
import { decodeBusMessage, encodeBusMessage } from '../redis/bus-message.ts';
import { redisReachable } from '../redis/redis-connection.ts';
import { REDIS_EVENTS } from '../redis/redis-events.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { createGapFiller, type RecoverEvents } from './bus-gap-filler.ts';
import type { BusListener, FanOutBus } from './fan-out-bus.ts';

export interface RedisBusDeps {
  /** Publishes; shared with the other Redis stores. */
  redis: Redis;
  /** A connection of its own: once subscribed, Redis accepts no other commands on it. */
  subscriber: Redis;
  keys: RedisKeys;
  log: Logger;
  /** Reads events this instance missed (from the history) when the bus skipped offsets. */
  recover: RecoverEvents;
}

/**
 * Redis pub/sub on one channel (`<prefix>bus`). Every instance receives its own events back,
 * which keeps one delivery order for all instances; revocations it sent itself are skipped,
 * since `revoke` already ran them here.
 */
export function createRedisBus(deps: RedisBusDeps): FanOutBus {
  const { redis, subscriber, keys, log } = deps;
  const instanceId = randomUUID();
  const listeners = new Set<BusListener>();
  const revocationListeners = new Set<RevocationListener>();
  const channel = keys.bus();
  const gaps = createGapFiller({
    recover: deps.recover,
    deliver: (event) => {
      for (const listener of listeners) listener(event);
    },
    log,
  });

  const receive = (from: string, raw: string) => {
    if (from !== channel) return;
    let message: ReturnType<typeof decodeBusMessage>;
    try {
      message = decodeBusMessage(raw);
    } catch (err) {
      log.warn({ event: REDIS_EVENTS.messageInvalid, err }, 'bus message not understood');
      return;
    }
    if (message?.kind === 'event') {
      gaps.accept(message.event);
    } else if (message?.kind === 'revocation' && message.origin !== instanceId) {
      for (const listener of revocationListeners) listener(message.revocation);
    }
  };
  subscriber.on('message', receive);
  // ioredis subscribes again by itself after a reconnect.
  const subscribed = subscriber.subscribe(channel);

  return {
    async publish(event) {
      await redis.publish(channel, encodeBusMessage({ kind: 'event', event }));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async revoke(revocation) {
      for (const listener of revocationListeners) listener(revocation);
      const message = encodeBusMessage({ kind: 'revocation', revocation, origin: instanceId });
      await redis.publish(channel, message);
    },
    onRevocation(listener) {
      revocationListeners.add(listener);
      return () => revocationListeners.delete(listener);
    },
    async healthy() {
      await subscribed.catch(() => undefined);
      const [listening, publishing] = await Promise.all([
        redisReachable(subscriber),
        redisReachable(redis),
      ]);
      return listening && publishing;
    },
    async close() {
      subscriber.off('message', receive);
      listeners.clear();
      revocationListeners.clear();
      if (subscriber.status === 'ready') await subscriber.unsubscribe(channel).catch(() => {});
    },
  };
}
