import type { WsEvent } from '@synthorg/shared';
import { create } from 'zustand';

const KEEP = 100;

interface ActivityState {
  /** Newest first. */
  events: WsEvent[];
  record(event: WsEvent): void;
  clear(): void;
}

/** The live activity feed: the last events received over the connection, in memory only. */
export const useActivityStore = create<ActivityState>((set) => ({
  events: [],
  record: (event) => set((state) => ({ events: [event, ...state.events].slice(0, KEEP) })),
  clear: () => set({ events: [] }),
}));
