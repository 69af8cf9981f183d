import {
  type Channel,
  EVENT_CHANNELS,
  type EventPayload,
  type EventType,
  type StreamPosition,
  type WsEvent,
} from '@synthorg/shared';

import type { EventPublisher } from '../events/event-publisher.ts';
import type { Logger } from '../logging/logger.ts';
import { createDeliveryTracker } from './delivery-tracker.ts';
import type { FanOutBus } from './fan-out-bus.ts';
import { encodeJsonFrame } from './frame.ts';
import type { HistoryRead, HistoryStore } from './history-store.ts';
import { WS_EVENTS } from './ws-events.ts';

/** A receiver of a channel's events: one WebSocket session. */
export interface Subscriber {
  /** `frame` is the event already encoded; the same bytes go to every subscriber. */
  deliver(event: WsEvent, frame: Buffer): void;
}

/**
 * The in-process event hub: publishers hand it typed events, the history gives each its
 * offset, the bus carries it to every instance, and the hub delivers it to the local
 * subscribers of its channel through two indexes (channel → subscribers, subscriber →
 * channels).
 */
export interface EventHub extends EventPublisher {
  add(subscriber: Subscriber, channels: Channel[]): void;
  remove(subscriber: Subscriber, channels: Channel[]): void;
  removeAll(subscriber: Subscriber): void;
  channelsOf(subscriber: Subscriber): Channel[];
  read(channel: Channel, after?: StreamPosition): Promise<HistoryRead>;
  /** Resolves once every event published so far has been delivered locally. */
  settled(): Promise<void>;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

export function createEventHub(deps: {
  history: HistoryStore;
  bus: FanOutBus;
  log: Logger;
}): EventHub {
  const { history, bus, log } = deps;
  const byChannel = new Map<Channel, Set<Subscriber>>();
  const bySubscriber = new Map<Subscriber, Set<Channel>>();
  let inFlight: Promise<void> = Promise.resolve();
  const tracker = createDeliveryTracker();

  const deliverLocally = (event: WsEvent) => {
    tracker.delivered(event);
    const subscribers = byChannel.get(event.channel);
    if (!subscribers || subscribers.size === 0) return;
    const frame = encodeJsonFrame(event);
    for (const subscriber of subscribers) subscriber.deliver(event, frame);
  };
  const unsubscribeBus = bus.subscribe(deliverLocally);

  const publishOne = async (type: EventType, payload: Record<string, unknown>) => {
    const channel = EVENT_CHANNELS[type];
    const event = await history.append({
      event_type: type,
      channel,
      timestamp: new Date().toISOString(),
      payload,
    });
    // Either way `settled()` then means delivered here, as it does in process.
    if (history.fansOut) await tracker.reached(event);
    else await bus.publish(event);
    log.debug(
      { event: WS_EVENTS.eventPublished, event_type: type, channel, id: event.id },
      'event',
    );
  };

  return {
    publish<T extends EventType>(type: T, payload: EventPayload<T>) {
      const done = publishOne(type, payload).catch((err: unknown) => {
        log.error({ event: WS_EVENTS.publishFailed, event_type: type, err }, 'publish failed');
      });
      inFlight = inFlight.then(() => done);
    },
    add(subscriber, channels) {
      const own = bySubscriber.get(subscriber) ?? new Set<Channel>();
      bySubscriber.set(subscriber, own);
      for (const channel of channels) {
        own.add(channel);
        const set = byChannel.get(channel) ?? new Set<Subscriber>();
        set.add(subscriber);
        byChannel.set(channel, set);
      }
    },
    remove(subscriber, channels) {
      const own = bySubscriber.get(subscriber);
      for (const channel of channels) {
        own?.delete(channel);
        byChannel.get(channel)?.delete(subscriber);
      }
    },
    removeAll(subscriber) {
      for (const channel of bySubscriber.get(subscriber) ?? []) {
        byChannel.get(channel)?.delete(subscriber);
      }
      bySubscriber.delete(subscriber);
    },
    channelsOf: (subscriber) => [...(bySubscriber.get(subscriber) ?? [])].sort(),
    read: (channel, after) => history.read(channel, after),
    settled: () => inFlight,
    async healthy() {
      const [h, b] = await Promise.all([history.healthy(), bus.healthy()]);
      return h && b;
    },
    async close() {
      await inFlight;
      unsubscribeBus();
      await bus.close();
      await history.close();
    },
  };
}
