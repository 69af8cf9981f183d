import type { Channel, StreamPosition, WsEvent } from '@synthorg/shared';

/** An event before the history has given it its place (`id`, `epoch`). */
export type EventDraft = Omit<WsEvent, 'id' | 'epoch'>;

export interface HistoryRead {
  /** The channel's newest position at the time of the read. */
  head: StreamPosition;
  /** Events after the requested position, oldest first (empty without a position). */
  events: WsEvent[];
  /** True when the history no longer covers the gap or the epoch differs. */
  resync: boolean;
}

/**
 * Per-channel event history: assigns offsets and keeps the newest events for `since`
 * recovery. In process by default; Redis Streams in scale-out mode. Appends to one channel
 * resolve in call order.
 */
export interface HistoryStore {
  /**
   * True when `append` also hands the event to every instance in the same atomic step (Redis),
   * so the hub must not publish it on the bus again. Doing both at once keeps the bus order of
   * a channel equal to its offset order while several instances publish to it.
   */
  readonly fansOut?: boolean;
  append(draft: EventDraft): Promise<WsEvent>;
  /** The head, and with `after` every event after it (or `resync`). */
  read(channel: Channel, after?: StreamPosition): Promise<HistoryRead>;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
