import type { Channel, StreamPosition, WsEvent } from '@synthorg/shared';

export type Positions = Partial<Record<Channel, StreamPosition>>;

/**
 * The last `{offset, epoch}` seen per channel: what a resubscribe sends as `since`, and what
 * drops an event delivered twice (replay overlapping live delivery).
 */
export function createStreamPositions() {
  const positions = new Map<Channel, StreamPosition>();
  let latestAck: Positions | null = null;

  return {
    /** Records the event's position; false when it was already seen. */
    accept(event: WsEvent): boolean {
      const known = positions.get(event.channel);
      if (known && known.epoch === event.epoch && event.id <= known.offset) return false;
      positions.set(event.channel, { offset: event.id, epoch: event.epoch });
      return true;
    },

    /** A new socket: the previous socket's ack no longer describes the server. */
    newSocket(): void {
      latestAck = null;
    },

    /** The subscribe ack tells where each channel stands, so a client with no events can resume. */
    seedFromAck(ack: Positions): void {
      latestAck = ack;
      for (const [channel, position] of Object.entries(ack)) {
        if (!positions.has(channel as Channel)) positions.set(channel as Channel, position);
      }
    },

    /** History lost: continue from where this socket's ack says the channel is now. */
    resync(channels: Channel[]): void {
      for (const channel of channels) {
        const fresh = latestAck?.[channel];
        if (fresh) positions.set(channel, fresh);
        else positions.delete(channel);
      }
    },

    snapshot(): Positions {
      return Object.fromEntries(positions);
    },
  };
}
