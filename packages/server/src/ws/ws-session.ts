import {
  type Channel,
  type StreamPosition,
  WS_ERRORS,
  type WsEvent,
  type WsSubscribedReply,
} from '@synthorg/shared';

import type { Logger } from '../logging/logger.ts';
import type { EventHub, Subscriber } from './event-hub.ts';
import { encodeJsonFrame } from './frame.ts';
import type { TicketOwner } from './ticket-store.ts';
import type { Connection } from './ws-connection.ts';
import { WS_EVENTS } from './ws-events.ts';
import { type ClientAction, type Filters, matchesFilters } from './ws-messages.ts';

type SubscribeAction = Extract<ClientAction, { action: 'subscribe' }>;

/**
 * The protocol state of one authenticated socket: its subscriptions and filters, and the
 * channels being recovered (live events are held back until the replay has been sent).
 */
export class Session implements Subscriber {
  readonly connection: Connection;
  readonly owner: TicketOwner;
  private readonly hub: EventHub;
  private readonly log: Logger;
  private readonly filters = new Map<Channel, Filters>();
  private readonly held = new Map<Channel, WsEvent[]>();

  constructor(deps: { connection: Connection; owner: TicketOwner; hub: EventHub; log: Logger }) {
    this.connection = deps.connection;
    this.owner = deps.owner;
    this.hub = deps.hub;
    this.log = deps.log;
  }

  deliver(event: WsEvent, frame: Buffer): void {
    if (!matchesFilters(this.filters.get(event.channel), event.payload)) return;
    const held = this.held.get(event.channel);
    if (held) held.push(event);
    else this.connection.sendFrame(frame);
  }

  async handle(message: ClientAction): Promise<void> {
    switch (message.action) {
      case 'subscribe':
        return this.subscribe(message);
      case 'unsubscribe':
        this.hub.remove(this, message.channels);
        for (const channel of message.channels) this.filters.delete(channel);
        this.log.debug(
          { event: WS_EVENTS.unsubscribe, channels: message.channels },
          'unsubscribed',
        );
        return this.connection.send({
          action: 'unsubscribed',
          channels: this.hub.channelsOf(this),
        });
      case 'ping':
        return this.connection.send({ action: 'pong' });
      case 'auth':
        return this.connection.send({ error: WS_ERRORS.alreadyAuthenticated });
    }
  }

  end(): void {
    this.hub.removeAll(this);
    this.held.clear();
  }

  private setFilters(channel: Channel, filters: Filters | undefined): void {
    if (filters === undefined) return;
    if (Object.keys(filters).length === 0) this.filters.delete(channel);
    else this.filters.set(channel, filters);
  }

  private async subscribe(message: SubscribeAction): Promise<void> {
    const { channels, since } = message;
    for (const channel of channels) {
      this.setFilters(channel, message.filters);
      if (!this.held.has(channel)) this.held.set(channel, []);
    }
    this.hub.add(this, channels);
    const reads = await Promise.all(channels.map((c) => this.hub.read(c, since?.[c])));

    const positions: WsSubscribedReply['positions'] = {};
    const resync: Channel[] = [];
    channels.forEach((channel, i) => {
      const read = reads[i];
      if (!read) return;
      positions[channel] = read.head;
      if (read.resync) resync.push(channel);
    });
    this.connection.send({ action: 'subscribed', channels: this.hub.channelsOf(this), positions });
    this.log.debug(
      { event: WS_EVENTS.subscribe, channels, active: this.hub.channelsOf(this) },
      'sub',
    );
    if (resync.length > 0) {
      this.log.info({ event: WS_EVENTS.resyncRequired, channels: resync }, 'resync required');
      this.connection.send({ action: 'resync_required', channels: resync });
    }
    channels.forEach((channel, i) => {
      const read = reads[i];
      if (read) this.release(channel, since?.[channel], read.head, read.events);
    });
  }

  /** Sends the replay, then the live events held meanwhile that the replay did not cover. */
  private release(
    channel: Channel,
    after: StreamPosition | undefined,
    head: StreamPosition,
    replay: WsEvent[],
  ): void {
    const held = this.held.get(channel) ?? [];
    this.held.delete(channel);
    const filters = this.filters.get(channel);
    const replayed = replay.filter((event) => matchesFilters(filters, event.payload));
    for (const event of replayed) this.connection.sendFrame(encodeJsonFrame(event));
    if (after && replay.length > 0) {
      this.log.info({ event: WS_EVENTS.replayed, channel, count: replayed.length }, 'replayed');
    }
    const covered = after ? head.offset : 0;
    for (const event of held) {
      if (event.epoch !== head.epoch || event.id > covered) {
        this.connection.sendFrame(encodeJsonFrame(event));
      }
    }
  }
}
