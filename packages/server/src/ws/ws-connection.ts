import type { Socket } from 'node:net';
import { WS_LIMITS, type WsCloseCode, type WsCloseReason } from '@synthorg/shared';
import type { WebSocket } from 'ws';

import type { FlushScheduler } from './flush-scheduler.ts';
import { encodeJsonFrame } from './frame.ts';

export interface ConnectionOptions {
  id: string;
  ws: WebSocket;
  /** The TCP socket under `ws`; pre-framed frames are written to it directly. */
  socket: Socket;
  scheduler: FlushScheduler;
  /** Bytes that may wait unsent (our queue plus the socket's buffer) before 1013. */
  sendCapBytes: number;
  onSlowConsumer: (pendingBytes: number) => void;
}

/**
 * The transport side of one WebSocket: an outbox of whole frames flushed once per turn, the
 * send cap, the flood limit and close. Every data frame the server sends goes through the
 * outbox, so replies and events leave in the order they were queued; `ws` itself only
 * writes control frames (ping, close).
 */
export class Connection {
  readonly id: string;
  readonly ws: WebSocket;
  private readonly socket: Socket;
  private readonly scheduler: FlushScheduler;
  private readonly sendCapBytes: number;
  private readonly onSlowConsumer: (pendingBytes: number) => void;
  private outbox: Buffer[] = [];
  private outboxBytes = 0;
  private tokens: number = WS_LIMITS.messageBurst;
  private refilledAt = Date.now();
  closed = false;
  missedPongs = 0;

  constructor(options: ConnectionOptions) {
    this.id = options.id;
    this.ws = options.ws;
    this.socket = options.socket;
    this.scheduler = options.scheduler;
    this.sendCapBytes = options.sendCapBytes;
    this.onSlowConsumer = options.onSlowConsumer;
  }

  /** Queues a pre-encoded frame; never blocks. Past the cap the connection closes with 1013. */
  sendFrame(frame: Buffer): void {
    if (this.closed) return;
    const pending = this.socket.writableLength + this.outboxBytes + frame.length;
    if (pending > this.sendCapBytes) {
      this.outbox = [];
      this.outboxBytes = 0;
      this.onSlowConsumer(pending);
      return;
    }
    this.outbox.push(frame);
    this.outboxBytes += frame.length;
    this.scheduler.mark(this);
  }

  send(message: unknown): void {
    this.sendFrame(encodeJsonFrame(message));
  }

  /** Writes the whole outbox at once (one `writev` for several frames). */
  flush(): void {
    if (this.outbox.length === 0) return;
    const frames = this.outbox;
    this.outbox = [];
    this.outboxBytes = 0;
    if (this.socket.destroyed || this.ws.readyState !== this.ws.OPEN) return;
    if (frames.length === 1) {
      this.socket.write(frames[0] as Buffer);
      return;
    }
    this.socket.cork();
    for (const frame of frames) this.socket.write(frame);
    this.socket.uncork();
  }

  /** Spends one token of the flood bucket; false when the client sends too fast. */
  allowMessage(): boolean {
    const now = Date.now();
    const refill = ((now - this.refilledAt) / 1000) * WS_LIMITS.messagesPerSecond;
    this.tokens = Math.min(WS_LIMITS.messageBurst, this.tokens + refill);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Sends what is queued, then the close frame. Idempotent. */
  close(code: WsCloseCode, reason: WsCloseReason): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    if (this.ws.readyState === this.ws.OPEN) this.ws.close(code, reason);
  }

  /** Drops the socket without a close handshake (dead peer). */
  terminate(): void {
    this.closed = true;
    this.ws.terminate();
  }
}
