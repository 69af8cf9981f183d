import type { EventPayload, EventType } from '@synthorg/shared';
import WebSocket from 'ws';

import type { EventPublisher } from '../../src/events/event-publisher.ts';

import { type Json, jsonRequest } from './http.ts';

export interface WsClient {
  ws: WebSocket;
  /** Every JSON frame received so far, in order. */
  messages: Json[];
  /** Resolves on open; rejects with the HTTP status when the upgrade is refused. */
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
  /** The first received frame (from index `from`) matching `predicate`, waiting if needed. */
  next(
    predicate: (message: Json) => boolean,
    options?: { from?: number; timeoutMs?: number },
  ): Promise<Json>;
  /** Sends an app-level ping and waits for its pong: every earlier frame has then arrived. */
  barrier(): Promise<void>;
  events(): Json[];
  /** After a barrier: the position to read later events from. */
  mark(): Promise<number>;
  /** After a barrier: the events (frames with an `event_type`) received since `from`. */
  eventsSince(from: number): Promise<Json[]>;
}

export interface ConnectOptions {
  ticket?: string;
  /** Raw query string (without `?`), instead of `ticket`. */
  query?: string;
  origin?: string;
  path?: string;
  autoPong?: boolean;
}

/** `POST /auth/ws-ticket` with the token; fails the test on anything but 200. */
export async function issueTicket(baseUrl: string, token: string): Promise<string> {
  const response = await jsonRequest(`${baseUrl}/api/v1/auth/ws-ticket`, 'POST', undefined, token);
  if (response.status !== 200)
    throw new Error(`ticket: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data.ticket as string;
}

/** Opens a real `ws` client against the server and records everything it receives. */
export function connectWs(wsUrl: string, options: ConnectOptions = {}): WsClient {
  const query = options.query ?? (options.ticket !== undefined ? `ticket=${options.ticket}` : '');
  const url = `${wsUrl}${options.path ?? '/api/v1/ws'}${query ? `?${query}` : ''}`;
  const headers = options.origin ? { origin: options.origin } : undefined;
  const ws = new WebSocket(url, { headers, autoPong: options.autoPong ?? true });
  const messages: Json[] = [];
  const waiters = new Set<() => void>();

  ws.on('message', (data) => {
    messages.push(JSON.parse(data.toString()));
    for (const waiter of waiters) waiter();
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  opened.catch(() => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const waiter of waiters) waiter();
    });
  });

  const next: WsClient['next'] = (predicate, { from = 0, timeoutMs = 15_000 } = {}) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = messages.slice(from).find(predicate);
        if (found !== undefined) {
          cleanup();
          resolve(found);
        } else if (ws.readyState === WebSocket.CLOSED) {
          cleanup();
          reject(
            new Error(`socket closed before a matching frame; got ${JSON.stringify(messages)}`),
          );
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(messages)}`),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  return {
    ws,
    messages,
    opened,
    closed,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next,
    async barrier() {
      const from = messages.length;
      ws.send(JSON.stringify({ action: 'ping' }));
      await next((m) => m.action === 'pong', { from });
    },
    events: () => messages.filter((m) => typeof m.event_type === 'string'),
    async mark() {
      await this.barrier();
      return messages.length;
    },
    async eventsSince(from) {
      await this.barrier();
      return messages.slice(from).filter((m) => typeof m.event_type === 'string');
    },
  };
}

/** Subscribes and waits for the ack. */
export async function subscribe(client: WsClient, request: Record<string, unknown>): Promise<Json> {
  const from = client.messages.length;
  client.send({ action: 'subscribe', ...request });
  return client.next((m) => m.action === 'subscribed', { from });
}

/**
 * Publishes through the production hub with a free-form payload: transport tests care about
 * delivery, not about the entity shapes the domains declare for their events.
 */
export function publishRaw(
  events: EventPublisher,
  type: EventType,
  payload: Record<string, unknown>,
): void {
  events.publish(type, payload as EventPayload<typeof type>);
}
