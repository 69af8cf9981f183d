import { randomUUID } from 'node:crypto';
import { CHANNELS, type Channel, type WsEvent } from '@synthorg/shared';

import type { HistoryStore } from './history-store.ts';

/** A fixed-size ring of the newest events of one channel. */
class ChannelRing {
  private readonly slots: (WsEvent | undefined)[];
  private readonly capacity: number;
  /** Offset of the newest event; 0 before the first. */
  head = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.slots = new Array(capacity);
  }

  push(event: WsEvent): void {
    this.head = event.id;
    this.slots[event.id % this.capacity] = event;
  }

  /** Oldest offset still held. */
  get tail(): number {
    return Math.max(1, this.head - this.capacity + 1);
  }

  after(offset: number): WsEvent[] {
    const events: WsEvent[] = [];
    for (let id = offset + 1; id <= this.head; id++) {
      const event = this.slots[id % this.capacity];
      if (event) events.push(event);
    }
    return events;
  }
}

/**
 * History in this process's memory. Its epoch is new on every start, so a client that
 * resumes across a restart is told to resync instead of being handed wrong offsets.
 */
export function createMemoryHistory(capacity: number): HistoryStore {
  const epoch = randomUUID();
  const rings = new Map<Channel, ChannelRing>(CHANNELS.map((c) => [c, new ChannelRing(capacity)]));
  const ringOf = (channel: Channel): ChannelRing => {
    const ring = rings.get(channel);
    if (!ring) throw new Error(`unknown channel ${channel}`);
    return ring;
  };

  return {
    async append(draft) {
      const ring = ringOf(draft.channel);
      const event: WsEvent = { id: ring.head + 1, epoch, ...draft };
      ring.push(event);
      return event;
    },
    async read(channel, after) {
      const ring = ringOf(channel);
      const head = { offset: ring.head, epoch };
      if (!after) return { head, events: [], resync: false };
      const covered =
        after.epoch === epoch && after.offset <= ring.head && after.offset >= ring.tail - 1;
      if (!covered) return { head, events: [], resync: true };
      return { head, events: ring.after(after.offset), resync: false };
    },
    healthy: async () => true,
    async close() {},
  };
}
