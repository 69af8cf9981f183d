import type { WsEvent } from '@synthorg/shared';

import type { SessionRevocation } from '../auth/session-revocations.ts';

/**
 * What travels on the Redis bus channel: a one-letter tag, then JSON. The tag lets a Lua
 * script publish an event it has just built without a JSON library, and lets a receiver skip
 * parsing messages it does not want.
 */
export const BUS_TAGS = { event: 'e', revocation: 'r' } as const;

export type BusMessage =
  | { kind: 'event'; event: WsEvent }
  | { kind: 'revocation'; revocation: SessionRevocation; origin: string };

export function encodeBusMessage(message: BusMessage): string {
  if (message.kind === 'event') return BUS_TAGS.event + JSON.stringify(message.event);
  return BUS_TAGS.revocation + JSON.stringify({ ...message.revocation, origin: message.origin });
}

/** Undefined for anything this version does not understand (e.g. a newer instance's tag). */
export function decodeBusMessage(raw: string): BusMessage | undefined {
  const body = raw.slice(1);
  if (raw.startsWith(BUS_TAGS.event)) return { kind: 'event', event: JSON.parse(body) as WsEvent };
  if (!raw.startsWith(BUS_TAGS.revocation)) return undefined;
  const { origin, ...revocation } = JSON.parse(body) as SessionRevocation & { origin: string };
  return { kind: 'revocation', revocation, origin };
}
