import type { SessionRevocations } from '../auth/session-revocations.ts';
import type { Logger } from '../logging/logger.ts';
import type { FanOutBus } from './fan-out-bus.ts';
import { WS_EVENTS } from './ws-events.ts';

/**
 * Session revocations carried by the fan-out bus, so a logout, password change or disabled
 * account on one instance closes the user's sockets on every instance.
 */
export function revocationsOverBus(bus: FanOutBus, log: Logger): SessionRevocations {
  return {
    emit(revocation) {
      // TODO(revocation during an outage): a revocation Redis did not take is only logged; the
      // user's sockets on other instances stay open until they reconnect (and are re-checked).
      bus.revoke(revocation).catch((err: unknown) => {
        log.error(
          { event: WS_EVENTS.revocationNotSent, user_id: revocation.userId, err },
          'revocation not sent to other instances',
        );
      });
    },
    subscribe: (listener) => bus.onRevocation(listener),
  };
}
