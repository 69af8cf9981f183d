import type { Channel, WsEvent } from '@synthorg/shared';

import { type BackoffOptions, DEFAULT_BACKOFF } from './backoff.ts';
import type { Positions } from './stream-positions.ts';

/**
 * `connecting` is the first attempt, `reconnecting` every later one; `offline` means the
 * client gave up (or was refused) and waits for `retryNow()` or a browser nudge.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** Failed attempts since the last time the connection was live. */
  failures: number;
  /** Epoch ms of the scheduled retry, when one is scheduled. */
  nextRetryAt: number | null;
}

/** The part of the standard `WebSocket` this client uses; Node 24 and browsers both have it. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface ConnectionOptions extends BackoffOptions {
  /** Consecutive failed attempts before giving up and showing "retry now". */
  maxAttempts: number;
  /** Quiet time between app-level pings while live. */
  pingIntervalMs: number;
  /** A ping unanswered this long means a half-open socket. */
  pongTimeoutMs: number;
  /** Socket open + subscribe ack must complete within this. */
  connectTimeoutMs: number;
}

export const DEFAULT_CONNECTION_OPTIONS: ConnectionOptions = {
  ...DEFAULT_BACKOFF,
  maxAttempts: 12,
  pingIntervalMs: 10_000,
  pongTimeoutMs: 5_000,
  connectTimeoutMs: 10_000,
};

/** Thrown by `fetchTicket` when the login itself is gone (401): retrying cannot help. */
export class AuthLostError extends Error {
  override name = 'AuthLostError';
}

export type AuthLostReason = 'ticket_rejected' | 'login_revoked';

export interface ConnectionDeps {
  /** `ws(s)://host/api/v1/ws`; the ticket is appended per attempt. */
  url: string;
  channels: readonly Channel[];
  /** Issues a fresh single-use ticket; called once per attempt. */
  fetchTicket(): Promise<string>;
  onEvent(event: WsEvent): void;
  /** History no longer covers the gap: refetch these channels' data over REST. */
  onResync(channels: Channel[]): void;
  onSnapshot(snapshot: ConnectionSnapshot): void;
  onAuthLost(reason: AuthLostReason): void;
  createSocket?: (url: string) => SocketLike;
  timers?: Timers;
  random?: () => number;
  options?: Partial<ConnectionOptions>;
}

export interface Connection {
  start(): void;
  stop(): void;
  /** User asked: start over with a fresh attempt budget. */
  retryNow(): void;
  /** The browser came back online or became visible: check the link soon. */
  nudge(): void;
  /** Last seen position per channel (what a resubscribe sends as `since`). */
  positions(): Positions;
}
