import type { Socket } from 'node:net';
import { WS_CLOSE, WS_CLOSE_REASONS } from '@synthorg/shared';
import type { RawData, WebSocket } from 'ws';

import type { Logger } from '../logging/logger.ts';
import type { EventHub } from './event-hub.ts';
import type { FlushScheduler } from './flush-scheduler.ts';
import { type AuthOutcome, logAuthFailure, type WsAuthenticator } from './ws-auth.ts';
import { Connection } from './ws-connection.ts';
import { WS_EVENTS } from './ws-events.ts';
import { type ClientAction, parseClientFrame } from './ws-messages.ts';
import type { WsRegistry } from './ws-registry.ts';
import { Session } from './ws-session.ts';

export interface SocketDeps {
  hub: EventHub;
  registry: WsRegistry;
  authenticator: WsAuthenticator;
  scheduler: FlushScheduler;
  authTimeoutMs: number;
  sendCapBytes: number;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/**
 * One accepted socket from authentication to close. Client frames are handled strictly in
 * arrival order (an `auth` completes before the `subscribe` sent right after it).
 */
export class SocketController {
  private readonly deps: SocketDeps;
  private readonly log: Logger;
  private readonly connection: Connection;
  private session: Session | undefined;
  private authTimer: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(deps: SocketDeps, ws: WebSocket, socket: Socket, id: string, log: Logger) {
    this.deps = deps;
    this.log = log;
    this.connection = new Connection({
      id,
      ws,
      socket,
      scheduler: deps.scheduler,
      sendCapBytes: deps.sendCapBytes,
      onSlowConsumer: (pending) => this.closeSlow(pending),
    });
    deps.registry.track(this.connection);
    ws.on('pong', () => {
      this.connection.missedPongs = 0;
    });
    ws.on('message', (data, isBinary) => this.receive(toBuffer(data), isBinary));
    ws.on('close', (code) => this.closed(code));
  }

  /** Applies the outcome of the `?ticket=` check made before the upgrade. */
  start(outcome: AuthOutcome): void {
    if (outcome.kind === 'authenticated') {
      this.open(outcome);
      return;
    }
    if (outcome.kind === 'failed') {
      this.fail(outcome);
      return;
    }
    this.authTimer = setTimeout(
      () => this.fail({ kind: 'failed', reason: WS_CLOSE_REASONS.authTimeout, cause: 'timeout' }),
      this.deps.authTimeoutMs,
    );
  }

  private open(outcome: Extract<AuthOutcome, { kind: 'authenticated' }>): void {
    if (this.connection.closed) return;
    clearTimeout(this.authTimer);
    const { owner } = outcome;
    this.session = new Session({
      connection: this.connection,
      owner,
      hub: this.deps.hub,
      log: this.log,
    });
    this.deps.registry.addSession(this.session);
    this.log.info(
      { event: WS_EVENTS.connected, user_id: owner.userId, username: owner.username },
      'WebSocket connected',
    );
  }

  private fail(outcome: Extract<AuthOutcome, { kind: 'failed' }>): void {
    clearTimeout(this.authTimer);
    logAuthFailure(this.log, outcome);
    this.connection.close(WS_CLOSE.authFailed, outcome.reason);
  }

  private closeSlow(pendingBytes: number): void {
    this.log.warn(
      {
        event: WS_EVENTS.slowConsumer,
        user_id: this.session?.owner.userId,
        pending_bytes: pendingBytes,
      },
      'slow consumer closed',
    );
    this.connection.close(WS_CLOSE.slowConsumer, WS_CLOSE_REASONS.slowConsumer);
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.connection.closed) return;
    if (!this.connection.allowMessage()) {
      this.log.warn({ event: WS_EVENTS.rateLimited, user_id: this.session?.owner.userId }, 'flood');
      this.connection.close(WS_CLOSE.policyViolation, WS_CLOSE_REASONS.rateLimited);
      return;
    }
    this.queue = this.queue
      .then(() => this.process(data, isBinary))
      .catch((err: unknown) => {
        this.log.error({ event: WS_EVENTS.transportError, err }, 'message handling failed');
        this.connection.close(WS_CLOSE.internalError, WS_CLOSE_REASONS.internalError);
      });
  }

  private async process(data: Buffer, isBinary: boolean): Promise<void> {
    if (this.connection.closed) return;
    const parsed = parseClientFrame(data, isBinary);
    if (!this.session) return this.authenticate(parsed.ok ? parsed.message : undefined);
    if (parsed.ok) return this.session.handle(parsed.message);

    const event =
      parsed.unknownAction === undefined ? WS_EVENTS.invalidMessage : WS_EVENTS.unknownAction;
    this.log.warn(
      { event, error: parsed.error, action: parsed.unknownAction, bytes: data.length },
      'bad frame',
    );
    this.connection.send({ error: parsed.error });
  }

  /** Before authentication only `auth` is accepted; anything else closes with 4001. */
  private async authenticate(message: ClientAction | undefined): Promise<void> {
    if (message?.action !== 'auth') {
      return this.fail({
        kind: 'failed',
        reason: WS_CLOSE_REASONS.authRequired,
        cause: 'frame_before_auth',
      });
    }
    clearTimeout(this.authTimer);
    const outcome = await this.deps.authenticator.fromTicket(message.ticket);
    if (outcome.kind === 'failed') return this.fail(outcome);
    if (outcome.kind !== 'authenticated') return;
    this.open(outcome);
    this.connection.send({ action: 'authenticated' });
  }

  private closed(code: number): void {
    clearTimeout(this.authTimer);
    this.connection.closed = true;
    this.deps.registry.untrack(this.connection);
    if (!this.session) return;
    this.session.end();
    this.deps.registry.removeSession(this.session);
    this.log.info(
      { event: WS_EVENTS.disconnected, user_id: this.session.owner.userId, code },
      'closed',
    );
  }
}
