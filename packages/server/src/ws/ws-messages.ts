import {
  CHANNELS,
  type Channel,
  type StreamPosition,
  streamPositionSchema,
  WS_ERRORS,
  WS_LIMITS,
} from '@synthorg/shared';

/** Per-channel payload filters: every key must equal the payload's value. */
export type Filters = Record<string, unknown>;

export type ClientAction =
  | { action: 'auth'; ticket: string | undefined }
  | {
      action: 'subscribe';
      channels: Channel[];
      /** `undefined` keeps existing filters; `{}` clears them. */
      filters: Filters | undefined;
      since: Partial<Record<Channel, StreamPosition>> | undefined;
    }
  | { action: 'unsubscribe'; channels: Channel[] }
  | { action: 'ping' };

export type ParsedFrame =
  | { ok: true; message: ClientAction }
  | { ok: false; error: string; unknownAction?: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Unknown channel names are dropped silently, as in the original. */
const knownChannels = (names: string[]): Channel[] =>
  names.filter((name): name is Channel => (CHANNELS as readonly string[]).includes(name));

function filterValueText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

function withinFilterBounds(filters: Filters): boolean {
  const entries = Object.entries(filters);
  if (entries.length > WS_LIMITS.maxFilterKeys) return false;
  return entries.every(
    ([, value]) => filterValueText(value).length <= WS_LIMITS.maxFilterValueLength,
  );
}

function parseSince(raw: unknown): Partial<Record<Channel, StreamPosition>> | 'invalid' {
  if (!isObject(raw)) return 'invalid';
  const since: Partial<Record<Channel, StreamPosition>> = {};
  for (const [name, position] of Object.entries(raw)) {
    const parsed = streamPositionSchema.safeParse(position);
    if (!parsed.success) return 'invalid';
    if ((CHANNELS as readonly string[]).includes(name)) since[name as Channel] = parsed.data;
  }
  return since;
}

function parseChannels(raw: unknown): string[] | undefined {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || !raw.every((name) => typeof name === 'string')) return undefined;
  return raw;
}

/**
 * Turns one client frame into an action or an error reply, checking in the original's order:
 * size, JSON, object, filters, channels, filter bounds, action.
 */
export function parseClientFrame(data: Buffer, isBinary: boolean): ParsedFrame {
  if (data.length > WS_LIMITS.maxFrameBytes) return { ok: false, error: WS_ERRORS.tooLarge };
  if (isBinary) return { ok: false, error: WS_ERRORS.binaryFrame };
  let body: unknown;
  try {
    body = JSON.parse(data.toString('utf8'));
  } catch {
    return { ok: false, error: WS_ERRORS.invalidJson };
  }
  if (!isObject(body)) return { ok: false, error: WS_ERRORS.notObject };
  if (body.filters !== undefined && !isObject(body.filters)) {
    return { ok: false, error: WS_ERRORS.filtersNotObject };
  }
  const channels = parseChannels(body.channels);
  if (!channels) return { ok: false, error: WS_ERRORS.channelsNotStrings };
  const action = typeof body.action === 'string' ? body.action : '';

  switch (action) {
    case 'subscribe': {
      const filters = body.filters as Filters | undefined;
      if (filters && !withinFilterBounds(filters))
        return { ok: false, error: WS_ERRORS.filterBounds };
      const since = body.since === undefined ? undefined : parseSince(body.since);
      if (since === 'invalid') return { ok: false, error: WS_ERRORS.invalidSince };
      return { ok: true, message: { action, channels: knownChannels(channels), filters, since } };
    }
    case 'unsubscribe':
      return { ok: true, message: { action, channels: knownChannels(channels) } };
    case 'ping':
      return { ok: true, message: { action } };
    case 'auth': {
      const ticket =
        typeof body.ticket === 'string' && body.ticket !== '' ? body.ticket : undefined;
      return { ok: true, message: { action, ticket } };
    }
    default:
      return { ok: false, error: WS_ERRORS.unknownAction, unknownAction: action.slice(0, 64) };
  }
}

/** Strict equality per key; structured values compare by their JSON. */
export function matchesFilters(
  filters: Filters | undefined,
  payload: Record<string, unknown>,
): boolean {
  if (!filters) return true;
  for (const [key, expected] of Object.entries(filters)) {
    const actual = payload[key];
    if (actual === expected) continue;
    if (typeof expected !== 'object' || expected === null) return false;
    if (JSON.stringify(actual) !== JSON.stringify(expected)) return false;
  }
  return true;
}
