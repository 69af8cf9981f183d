/** The timer functions the cell needs; the browser's by default, a manual clock in tests. */
export interface DebounceTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserTimers: DebounceTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A value that settles `delayMs` after the last change pushed into it. */
export interface DebouncedCell<T> {
  /** The latest input; it settles once no other input came for `delayMs`. */
  set(value: T): void;
  /** The settled value. */
  get(): T;
  /** Called once per settled change. Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Drops a pending change; nothing settles afterwards. */
  dispose(): void;
}

/**
 * Framework-free core of `useDebouncedValue`: a burst of inputs (keystrokes) settles once,
 * on its last value; an input equal to the settled value cancels what was pending, so typing
 * a character and deleting it again settles nothing.
 */
export function createDebouncedCell<T>(
  initial: T,
  delayMs: number,
  timers: DebounceTimers = browserTimers,
): DebouncedCell<T> {
  let settled = initial;
  let pending: { handle: unknown } | null = null;
  let disposed = false;
  const listeners = new Set<() => void>();

  const cancel = () => {
    if (pending) timers.clearTimeout(pending.handle);
    pending = null;
  };

  return {
    set(value) {
      if (disposed) return;
      cancel();
      if (Object.is(value, settled)) return;
      pending = {
        handle: timers.setTimeout(() => {
          pending = null;
          settled = value;
          for (const listener of [...listeners]) listener();
        }, delayMs),
      };
    },
    get: () => settled,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      cancel();
      listeners.clear();
    },
  };
}
