import type { Channel, StreamPosition, WsEvent } from '@synthorg/shared';

/**
 * How long `reached` waits for an event to come back from the bus before giving up, so a
 * message lost with a Redis connection cannot hang a shutdown.
 */
const ECHO_TIMEOUT_MS = 2000;

interface Waiter {
  position: StreamPosition;
  resolve: () => void;
}

/**
 * Remembers, per channel, the newest event this instance has delivered to its sockets, so a
 * publisher can wait until its own event has come back from the bus (Redis delivers an
 * instance's events to itself asynchronously, possibly before the append call returns).
 */
export interface DeliveryTracker {
  delivered(event: WsEvent): void;
  /** Resolves once `event` (or a later one of its channel) has been delivered locally. */
  reached(event: WsEvent): Promise<void>;
}

export function createDeliveryTracker(): DeliveryTracker {
  const newest = new Map<Channel, StreamPosition>();
  const waiters = new Map<Channel, Set<Waiter>>();

  const covers = (at: StreamPosition | undefined, target: StreamPosition) =>
    at !== undefined && (at.epoch !== target.epoch || at.offset >= target.offset);

  return {
    delivered(event) {
      const position = { offset: event.id, epoch: event.epoch };
      newest.set(event.channel, position);
      for (const waiter of waiters.get(event.channel) ?? []) {
        if (covers(position, waiter.position)) waiter.resolve();
      }
    },
    reached(event) {
      const target = { offset: event.id, epoch: event.epoch };
      if (covers(newest.get(event.channel), target)) return Promise.resolve();
      const set = waiters.get(event.channel) ?? new Set<Waiter>();
      waiters.set(event.channel, set);
      return new Promise<void>((resolve) => {
        const waiter: Waiter = {
          position: target,
          resolve: () => {
            clearTimeout(timer);
            set.delete(waiter);
            resolve();
          },
        };
        const timer = setTimeout(waiter.resolve, ECHO_TIMEOUT_MS);
        timer.unref();
        set.add(waiter);
      });
    },
  };
}
