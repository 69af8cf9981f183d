import { wsServerMessageSchema } from '@synthorg/shared';
import WebSocket from 'ws';

const STEP_TIMEOUT_MS = 5000;

export interface RoundTripOptions {
  /** `ws://…/api/v1/ws?ticket=…` */
  url: string;
  /** Sent as a browser would: the dashboard's origin. */
  origin: string;
  nonce: string;
  /** Asks the server to publish `system.test` with the nonce. */
  publish(): Promise<void>;
}

/** Which step of the round trip failed, and how; null when the event came back. */
export interface RoundTripFailure {
  step: 'upgrade' | 'subscribe' | 'event';
  detail: string;
}

type Waiter = { accept(data: unknown): boolean; done(failure: string | null): void };

function describeClose(code: number, reason: Buffer): string {
  return `closed with ${code}${reason.length ? ` ${reason.toString()}` : ''}`;
}

/**
 * Opens the socket, subscribes to `system`, has the server publish `system.test` and waits
 * for that event. Resolves with the first failing step, or null.
 */
export function wsRoundTrip(options: RoundTripOptions): Promise<RoundTripFailure | null> {
  return new Promise((resolve) => {
    const socket = new WebSocket(options.url, { headers: { origin: options.origin } });
    let step: RoundTripFailure['step'] = 'upgrade';
    let waiter: Waiter | null = null;
    let timer: NodeJS.Timeout | undefined;
    const finish = (failure: RoundTripFailure | null) => {
      clearTimeout(timer);
      waiter = null;
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
      resolve(failure);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => finish({ step, detail: `no answer within ${STEP_TIMEOUT_MS / 1000} s` }),
        STEP_TIMEOUT_MS,
      );
    };
    const expect = (accept: Waiter['accept'], next: () => void) => {
      arm();
      waiter = {
        accept,
        done: (failure) => (failure ? finish({ step, detail: failure }) : next()),
      };
    };
    socket.on('unexpected-response', (_request, response) => {
      finish({ step: 'upgrade', detail: `HTTP ${response.statusCode} instead of 101` });
    });
    socket.on('error', (error) => finish({ step, detail: error.message }));
    socket.on('close', (code, reason) => finish({ step, detail: describeClose(code, reason) }));
    socket.on('message', (raw) => {
      const parsed = wsServerMessageSchema.safeParse(JSON.parse(raw.toString()));
      if (!parsed.success || !waiter) return;
      if (waiter.accept(parsed.data)) waiter.done(null);
    });
    socket.on('open', () => {
      step = 'subscribe';
      socket.send(JSON.stringify({ action: 'subscribe', channels: ['system'] }));
      expect(
        (message) => (message as { action?: string }).action === 'subscribed',
        () => {
          step = 'event';
          expect(
            (message) => {
              const event = message as { event_type?: string; payload?: { nonce?: unknown } };
              return event.event_type === 'system.test' && event.payload?.nonce === options.nonce;
            },
            () => finish(null),
          );
          options.publish().catch((error: unknown) => {
            finish({ step: 'event', detail: `publishing failed: ${String(error)}` });
          });
        },
      );
    });
    arm();
  });
}
