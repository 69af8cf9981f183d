import { backoffDelay } from './backoff.ts';
import {
  AuthLostError,
  type AuthLostReason,
  type Connection,
  type ConnectionDeps,
  type ConnectionStatus,
  DEFAULT_CONNECTION_OPTIONS,
  type SocketLike,
  type Timers,
} from './connection-types.ts';
import { PING_FRAME, parseServerFrame, type ServerFrame, subscribeFrame } from './frames.ts';
import { createStreamPositions } from './stream-positions.ts';

export * from './connection-types.ts';

const CLOSE_LOGIN_REVOKED = 4011;
const CLOSE_FORBIDDEN = 4003;
const CLOSE_CLIENT_TIMEOUT = 4000;

const systemTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/**
 * The dashboard's one WebSocket: ticket per attempt, jittered backoff, ping watchdog and
 * resume from the last seen offset. Framework-free; the React side only renders snapshots.
 *
 * @example
 * const connection = createConnection({ url, channels: CHANNELS, fetchTicket, onEvent, … });
 * connection.start();
 */
export function createConnection(deps: ConnectionDeps): Connection {
  const options = { ...DEFAULT_CONNECTION_OPTIONS, ...deps.options };
  const timers = deps.timers ?? systemTimers;
  const random = deps.random ?? Math.random;
  const createSocket = deps.createSocket ?? ((url: string) => new WebSocket(url));
  const positions = createStreamPositions();

  let status: ConnectionStatus = 'idle';
  let failures = 0;
  let nextRetryAt: number | null = null;
  let generation = 0;
  let socket: SocketLike | null = null;
  let lastAttemptAt = Number.NEGATIVE_INFINITY;
  let retryTimer: unknown = null;
  let connectTimer: unknown = null;
  let pingTimer: unknown = null;
  let pongTimer: unknown = null;

  function publish(next: ConnectionStatus): void {
    status = next;
    deps.onSnapshot({ status, failures, nextRetryAt });
  }

  function clearTimer(handle: unknown): null {
    if (handle !== null) timers.clearTimeout(handle);
    return null;
  }

  function clearAllTimers(): void {
    retryTimer = clearTimer(retryTimer);
    connectTimer = clearTimer(connectTimer);
    pingTimer = clearTimer(pingTimer);
    pongTimer = clearTimer(pongTimer);
    nextRetryAt = null;
  }

  /** Forgets the current socket so its late callbacks are ignored, and closes it. */
  function dropSocket(code = 1000, reason = 'client_closing'): void {
    const current = socket;
    socket = null;
    if (!current) return;
    current.onopen = null;
    current.onmessage = null;
    current.onclose = null;
    current.onerror = null;
    try {
      current.close(code, reason);
    } catch {
      // Closing a socket that never opened can throw in some engines; it is gone either way.
    }
  }

  function scheduleReconnect(): void {
    clearAllTimers();
    if (failures >= options.maxAttempts) {
      publish('offline');
      return;
    }
    const now = timers.now();
    // Never start two attempts closer than `baseMs`, whatever triggered them.
    const spacing = lastAttemptAt + options.baseMs - now;
    const delay = Math.max(backoffDelay(failures, random, options), spacing);
    failures += 1;
    nextRetryAt = now + delay;
    retryTimer = timers.setTimeout(() => void attempt(), delay);
    publish('reconnecting');
  }

  function failAttempt(gen: number): void {
    if (gen !== generation) return;
    dropSocket(CLOSE_CLIENT_TIMEOUT, 'client_retry');
    scheduleReconnect();
  }

  function authLost(reason: AuthLostReason): void {
    generation += 1;
    clearAllTimers();
    dropSocket();
    publish('idle');
    deps.onAuthLost(reason);
  }

  function schedulePing(gen: number): void {
    pingTimer = timers.setTimeout(() => {
      pingTimer = null;
      if (gen !== generation || !socket) return;
      sendSafely(PING_FRAME);
      pongTimer = timers.setTimeout(() => failAttempt(gen), options.pongTimeoutMs);
    }, options.pingIntervalMs);
  }

  function sendSafely(frame: string): void {
    try {
      socket?.send(frame);
    } catch {
      // A send on a dying socket: the close handler or the watchdog takes it from here.
    }
  }

  function becomeLive(gen: number): void {
    connectTimer = clearTimer(connectTimer);
    failures = 0;
    publish('live');
    schedulePing(gen);
  }

  function handleFrame(gen: number, frame: ServerFrame): void {
    if (frame.kind === 'subscribed') {
      positions.seedFromAck(frame.positions);
      if (status !== 'live') becomeLive(gen);
    } else if (frame.kind === 'pong') {
      pongTimer = clearTimer(pongTimer);
      if (pingTimer === null) schedulePing(gen);
    } else if (frame.kind === 'resync_required') {
      positions.resync(frame.channels);
      if (frame.channels.length > 0) deps.onResync(frame.channels);
    } else if (frame.kind === 'event') {
      if (positions.accept(frame.event)) deps.onEvent(frame.event);
    }
  }

  function handleClose(gen: number, code: number): void {
    if (gen !== generation) return;
    socket = null;
    if (code === CLOSE_LOGIN_REVOKED) {
      authLost('login_revoked');
      return;
    }
    if (code === CLOSE_FORBIDDEN) {
      clearAllTimers();
      publish('offline');
      return;
    }
    scheduleReconnect();
  }

  function openSocket(gen: number, ticket: string): void {
    const url = `${deps.url}?ticket=${encodeURIComponent(ticket)}`;
    const current = createSocket(url);
    socket = current;
    positions.newSocket();
    connectTimer = timers.setTimeout(() => failAttempt(gen), options.connectTimeoutMs);
    current.onopen = () => {
      if (gen === generation) current.send(subscribeFrame(deps.channels, positions.snapshot()));
    };
    current.onmessage = (message) => {
      if (gen !== generation || typeof message.data !== 'string') return;
      handleFrame(gen, parseServerFrame(message.data));
    };
    current.onclose = (event) => handleClose(gen, event.code);
    current.onerror = () => {
      // Always followed by a close event, which decides what happens next.
    };
  }

  async function attempt(): Promise<void> {
    generation += 1;
    const gen = generation;
    clearAllTimers();
    dropSocket();
    lastAttemptAt = timers.now();
    publish(failures === 0 && status !== 'live' ? 'connecting' : 'reconnecting');

    let ticket: string;
    try {
      ticket = await deps.fetchTicket();
    } catch (error) {
      if (gen !== generation) return;
      if (error instanceof AuthLostError) authLost('ticket_rejected');
      else scheduleReconnect();
      return;
    }
    if (gen !== generation) return;
    openSocket(gen, ticket);
  }

  return {
    start() {
      if (status !== 'idle') return;
      failures = 0;
      // Deferred a turn: a start undone at once (a remount) then never issues a ticket that
      // nobody redeems, which would count against the user's pending-ticket cap.
      publish('connecting');
      retryTimer = timers.setTimeout(() => void attempt(), 0);
    },
    stop() {
      generation += 1;
      clearAllTimers();
      dropSocket();
      failures = 0;
      publish('idle');
    },
    retryNow() {
      if (status === 'live' || status === 'idle') return;
      failures = 0;
      void attempt();
    },
    nudge() {
      if (status === 'live' && socket && pongTimer === null) {
        // Coming back from sleep: probe now instead of waiting out the ping interval.
        pingTimer = clearTimer(pingTimer);
        sendSafely(PING_FRAME);
        const gen = generation;
        pongTimer = timers.setTimeout(() => failAttempt(gen), options.pongTimeoutMs);
        return;
      }
      if (status === 'offline') failures = 0;
      if (status !== 'reconnecting' && status !== 'offline') return;
      if (retryTimer === null && status === 'reconnecting') return;
      const wait = Math.max(0, lastAttemptAt + options.baseMs - timers.now());
      clearAllTimers();
      nextRetryAt = timers.now() + wait;
      retryTimer = timers.setTimeout(() => void attempt(), wait);
      publish('reconnecting');
    },
    positions: () => positions.snapshot(),
  };
}
