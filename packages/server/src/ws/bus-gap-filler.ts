import type { Channel, StreamPosition, WsEvent } from '@synthorg/shared';

import type { Logger } from '../logging/logger.ts';
import { REDIS_EVENTS } from '../redis/redis-events.ts';

/** The events after `after` still in the history; undefined when it no longer covers them. */
export type RecoverEvents = (
  channel: Channel,
  after: StreamPosition,
) => Promise<WsEvent[] | undefined>;

export interface GapFiller {
  accept(event: WsEvent): void;
}

/**
 * Hands on each channel's events in offset order, each once. Redis pub/sub drops what is
 * published while a subscriber is disconnected; the first event after such a gap makes this
 * read the missing ones from the history and deliver them first. Events arriving meanwhile
 * wait, so the order holds.
 */
export function createGapFiller(deps: {
  recover: RecoverEvents;
  deliver: (event: WsEvent) => void;
  log: Logger;
}): GapFiller {
  const { recover, deliver, log } = deps;
  const last = new Map<Channel, StreamPosition>();
  const waiting = new Map<Channel, WsEvent[]>();

  const isNew = (event: WsEvent) => {
    const previous = last.get(event.channel);
    return !previous || previous.epoch !== event.epoch || event.id > previous.offset;
  };
  const emit = (event: WsEvent) => {
    if (!isNew(event)) return;
    last.set(event.channel, { offset: event.id, epoch: event.epoch });
    deliver(event);
  };

  const fill = async (channel: Channel, after: StreamPosition, queue: WsEvent[]) => {
    let missing: WsEvent[] | undefined;
    try {
      missing = await recover(channel, after);
    } catch (err) {
      log.warn({ event: REDIS_EVENTS.error, channel, err }, 'missed events not recovered');
    }
    waiting.delete(channel);
    // TODO(uncovered gap): when the history no longer covers the gap, the sockets should get
    // `resync_required`; for now they continue with the newer events and the gap is logged.
    const first = queue[0]?.id ?? 0;
    const recovered = (missing ?? []).filter((event) => event.id < first);
    log.info(
      { event: REDIS_EVENTS.gapFilled, channel, after: after.offset, recovered: recovered.length },
      'bus gap filled',
    );
    for (const event of [...recovered, ...queue]) emit(event);
  };

  return {
    accept(event) {
      const queue = waiting.get(event.channel);
      if (queue) {
        queue.push(event);
        return;
      }
      const previous = last.get(event.channel);
      const gap = previous && previous.epoch === event.epoch && event.id > previous.offset + 1;
      if (!gap) return emit(event);
      const held = [event];
      waiting.set(event.channel, held);
      void fill(event.channel, previous, held);
    },
  };
}
