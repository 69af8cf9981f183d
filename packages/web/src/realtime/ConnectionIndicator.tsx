import { indicatorStateOf, useConnectionStore } from './connection-store.ts';

const LOOK = {
  live: { dot: 'bg-green-500', label: 'Live' },
  reconnecting: { dot: 'bg-amber-400 animate-pulse', label: 'Reconnecting' },
  offline: { dot: 'bg-red-500', label: 'Offline' },
} as const;

/** The three-state live indicator; tests read `data-state`. */
export function ConnectionIndicator() {
  const status = useConnectionStore((state) => state.status);
  const state = indicatorStateOf(status);
  const look = LOOK[state];
  return (
    <span
      role="status"
      aria-live="polite"
      data-testid="connection-indicator"
      data-state={state}
      title={`Live updates: ${look.label.toLowerCase()}`}
      className="inline-flex items-center gap-2 rounded-full border border-slate-200 bg-white px-2.5 py-1 text-xs font-medium text-slate-700"
    >
      <span className={`h-2.5 w-2.5 rounded-full ${look.dot}`} aria-hidden="true" />
      {look.label}
    </span>
  );
}
