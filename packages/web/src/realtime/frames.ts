import {
  CHANNELS,
  type Channel,
  type StreamPosition,
  streamPositionSchema,
  type WsEvent,
  wsEventSchema,
} from '@synthorg/shared';
import { z } from 'zod';

const channelSchema = z.enum(CHANNELS);

const subscribedSchema = z.object({
  action: z.literal('subscribed'),
  channels: z.array(z.string()),
  positions: z.record(z.string(), streamPositionSchema).optional(),
});

const resyncSchema = z.object({
  action: z.literal('resync_required'),
  channels: z.array(z.string()),
});

/** A server frame, classified. Unknown channel names are dropped rather than trusted. */
export type ServerFrame =
  | { kind: 'subscribed'; positions: Partial<Record<Channel, StreamPosition>> }
  | { kind: 'pong' }
  | { kind: 'resync_required'; channels: Channel[] }
  | { kind: 'event'; event: WsEvent }
  | { kind: 'error'; error: string }
  | { kind: 'unknown' };

function knownChannels(names: string[]): Channel[] {
  return names.filter((name): name is Channel => channelSchema.safeParse(name).success);
}

function positionsOf(raw: Record<string, StreamPosition> | undefined) {
  const positions: Partial<Record<Channel, StreamPosition>> = {};
  for (const [name, position] of Object.entries(raw ?? {})) {
    if (channelSchema.safeParse(name).success) positions[name as Channel] = position;
  }
  return positions;
}

/** Parses one text frame; anything malformed becomes `unknown` and is ignored by the caller. */
export function parseServerFrame(text: string): ServerFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'unknown' };
  }
  if (typeof value !== 'object' || value === null) return { kind: 'unknown' };

  const record = value as Record<string, unknown>;
  if (record.action === 'pong') return { kind: 'pong' };
  const subscribed = subscribedSchema.safeParse(value);
  if (subscribed.success) {
    return { kind: 'subscribed', positions: positionsOf(subscribed.data.positions) };
  }
  const resync = resyncSchema.safeParse(value);
  if (resync.success)
    return { kind: 'resync_required', channels: knownChannels(resync.data.channels) };
  const event = wsEventSchema.safeParse(value);
  if (event.success) return { kind: 'event', event: event.data };
  if (typeof record.error === 'string') return { kind: 'error', error: record.error };
  return { kind: 'unknown' };
}

/** The client's frames. */
export function subscribeFrame(
  channels: readonly Channel[],
  since: Partial<Record<Channel, StreamPosition>>,
): string {
  const hasSince = Object.keys(since).length > 0;
  return JSON.stringify({ action: 'subscribe', channels, ...(hasSince ? { since } : {}) });
}

export const PING_FRAME = JSON.stringify({ action: 'ping' });
