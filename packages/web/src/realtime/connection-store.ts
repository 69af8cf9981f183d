import { create } from 'zustand';

import type { ConnectionSnapshot, ConnectionStatus } from './connection.ts';

/** What the indicator shows: the five client states folded into three. */
export type IndicatorState = 'live' | 'reconnecting' | 'offline';

export function indicatorStateOf(status: ConnectionStatus): IndicatorState {
  if (status === 'live') return 'live';
  if (status === 'connecting' || status === 'reconnecting') return 'reconnecting';
  return 'offline';
}

interface ConnectionStore extends ConnectionSnapshot {
  /** Set by the realtime provider while a connection exists. */
  retryNow: (() => void) | null;
  applySnapshot(snapshot: ConnectionSnapshot): void;
  setRetry(retry: (() => void) | null): void;
}

export const useConnectionStore = create<ConnectionStore>((set) => ({
  status: 'idle',
  failures: 0,
  nextRetryAt: null,
  retryNow: null,
  applySnapshot: (snapshot) => set(snapshot),
  setRetry: (retryNow) => set({ retryNow }),
}));
