import { z } from 'zod';

import { CHANNELS, streamPositionSchema, wsEventSchema } from './events.ts';

/**
 * The `/api/v1/ws` protocol: close codes, reasons, limits and every frame in both directions.
 * The server validates with these schemas and the dashboard types its client from them.
 */
export const WS_CLOSE = {
  normal: 1000,
  goingAway: 1001,
  internalError: 1011,
  slowConsumer: 1013,
  authFailed: 4001,
  forbidden: 4003,
  policyViolation: 4008,
  sessionRevoked: 4011,
} as const;
export type WsCloseCode = (typeof WS_CLOSE)[keyof typeof WS_CLOSE];

/** The close reason strings; short, stable, readable by a browser's `CloseEvent.reason`. */
export const WS_CLOSE_REASONS = {
  missingTicket: 'missing_ticket',
  invalidOrExpired: 'invalid_or_expired',
  authTimeout: 'auth_timeout',
  authRequired: 'auth_required',
  loggedOut: 'logged_out',
  passwordChanged: 'password_changed',
  accountDisabled: 'account_disabled',
  rateLimited: 'rate_limited',
  slowConsumer: 'slow_consumer',
  serverShutdown: 'server_shutdown',
  internalError: 'internal_error',
} as const;
export type WsCloseReason = (typeof WS_CLOSE_REASONS)[keyof typeof WS_CLOSE_REASONS];

export const WS_LIMITS = {
  /** UTF-8 bytes of one client frame; larger ones get an error reply. */
  maxFrameBytes: 4096,
  maxFilterKeys: 10,
  /** Characters of a filter value's string form. */
  maxFilterValueLength: 256,
  /** Time to send the first-message `auth` when no `?ticket=` was given. */
  authTimeoutMs: 10_000,
  /** Client frames allowed in a burst; the bucket refills at `messagesPerSecond`. */
  messageBurst: 60,
  messagesPerSecond: 20,
  /** Events kept per channel for `since` recovery. */
  historyPerChannel: 1000,
} as const;

/** Error texts of `{"error": …}` replies; the socket stays open after each. */
export const WS_ERRORS = {
  tooLarge: 'Message too large',
  invalidJson: 'Invalid JSON',
  notObject: 'Expected JSON object',
  filtersNotObject: 'filters must be an object',
  channelsNotStrings: 'channels must be a list of strings',
  filterBounds: 'Filter bounds exceeded',
  invalidSince: 'since must map channels to {offset, epoch}',
  unknownAction: 'Unknown action',
  binaryFrame: 'Expected a text frame',
  alreadyAuthenticated: 'Already authenticated',
} as const;

const channelListSchema = z.array(z.string());

export const wsAuthMessageSchema = z.object({
  action: z.literal('auth'),
  ticket: z.string().optional(),
});

export const wsSubscribeMessageSchema = z.object({
  action: z.literal('subscribe'),
  channels: channelListSchema.default([]),
  filters: z.record(z.string(), z.unknown()).optional(),
  since: z.record(z.string(), streamPositionSchema).optional(),
});
export type WsSubscribeMessage = z.infer<typeof wsSubscribeMessageSchema>;

export const wsUnsubscribeMessageSchema = z.object({
  action: z.literal('unsubscribe'),
  channels: channelListSchema.default([]),
});

export const wsPingMessageSchema = z.object({ action: z.literal('ping') });

export const wsClientMessageSchema = z.discriminatedUnion('action', [
  wsAuthMessageSchema,
  wsSubscribeMessageSchema,
  wsUnsubscribeMessageSchema,
  wsPingMessageSchema,
]);
export type WsClientMessage = z.infer<typeof wsClientMessageSchema>;

const channelSchema = z.enum(CHANNELS);

export const wsAuthenticatedReplySchema = z.object({ action: z.literal('authenticated') });

export const wsSubscribedReplySchema = z.object({
  action: z.literal('subscribed'),
  /** The connection's whole subscription set, sorted. */
  channels: z.array(channelSchema),
  /** Head of each channel named in the request: resume after it with `since`. */
  positions: z.partialRecord(channelSchema, streamPositionSchema),
});

export const wsUnsubscribedReplySchema = z.object({
  action: z.literal('unsubscribed'),
  channels: z.array(channelSchema),
});

export const wsResyncRequiredReplySchema = z.object({
  action: z.literal('resync_required'),
  channels: z.array(channelSchema),
});

export const wsPongReplySchema = z.object({ action: z.literal('pong') });

export const wsErrorReplySchema = z.object({ error: z.string() });

/** Every frame the server sends: a reply to an action, an error reply, or an event. */
export const wsServerMessageSchema = z.union([
  wsAuthenticatedReplySchema,
  wsSubscribedReplySchema,
  wsUnsubscribedReplySchema,
  wsResyncRequiredReplySchema,
  wsPongReplySchema,
  wsErrorReplySchema,
  wsEventSchema,
]);
export type WsServerMessage = z.infer<typeof wsServerMessageSchema>;
export type WsSubscribedReply = z.infer<typeof wsSubscribedReplySchema>;
