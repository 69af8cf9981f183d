import type { WsEvent } from '@synthorg/shared';

export type BusListener = (event: WsEvent) => void;

/**
 * Carries every published event to every API instance's hub, this one included. In process
 * by default; Redis pub/sub in scale-out mode.
 */
export interface FanOutBus {
  publish(event: WsEvent): Promise<void>;
  subscribe(listener: BusListener): () => void;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/** The single-instance bus: delivery is a direct call. */
export function createInProcessBus(): FanOutBus {
  const listeners = new Set<BusListener>();
  return {
    async publish(event) {
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    healthy: async () => true,
    async close() {
      listeners.clear();
    },
  };
}
