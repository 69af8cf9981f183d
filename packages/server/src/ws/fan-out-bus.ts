import type { WsEvent } from '@synthorg/shared';

import type { RevocationListener, SessionRevocation } from '../auth/session-revocations.ts';

export type BusListener = (event: WsEvent) => void;

/**
 * Carries every published event, and every ended session, to every API instance, this one
 * included. In process by default; Redis pub/sub in scale-out mode.
 */
export interface FanOutBus {
  publish(event: WsEvent): Promise<void>;
  subscribe(listener: BusListener): () => void;
  /**
   * Ends a user's sessions everywhere: this instance's listeners are called at once (so a
   * logout closes local sockets even while Redis is away), the other instances' via the bus.
   */
  revoke(revocation: SessionRevocation): Promise<void>;
  onRevocation(listener: RevocationListener): () => void;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/** The single-instance bus: delivery is a direct call. */
export function createInProcessBus(): FanOutBus {
  const listeners = new Set<BusListener>();
  const revocationListeners = new Set<RevocationListener>();
  return {
    async publish(event) {
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async revoke(revocation) {
      for (const listener of revocationListeners) listener(revocation);
    },
    onRevocation(listener) {
      revocationListeners.add(listener);
      return () => revocationListeners.delete(listener);
    },
    healthy: async () => true,
    async close() {
      listeners.clear();
      revocationListeners.clear();
    },
  };
}
