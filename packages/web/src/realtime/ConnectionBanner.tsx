import { useConnectionStore } from './connection-store.ts';

/** Shown once the client has given up: the page may be stale, and one click tries again. */
export function ConnectionBanner() {
  const status = useConnectionStore((state) => state.status);
  const retryNow = useConnectionStore((state) => state.retryNow);
  if (status !== 'offline') return null;
  return (
    <div
      role="alert"
      data-testid="connection-banner"
      className="flex flex-wrap items-center justify-between gap-3 border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800"
    >
      <span>
        Live updates are off: the server cannot be reached. What you see may be out of date.
      </span>
      <button
        type="button"
        className="btn-secondary"
        data-testid="retry-now"
        onClick={() => retryNow?.()}
        disabled={!retryNow}
      >
        Retry now
      </button>
    </div>
  );
}
