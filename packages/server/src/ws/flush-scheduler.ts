export interface Flushable {
  flush(): void;
}

/**
 * Batches writes: connections that queued frames during this event-loop turn are flushed
 * together once the turn ends, so each gets one write however many events it received.
 */
export interface FlushScheduler {
  mark(target: Flushable): void;
}

export function createFlushScheduler(): FlushScheduler {
  let dirty = new Set<Flushable>();
  let scheduled = false;

  const run = () => {
    const batch = dirty;
    dirty = new Set();
    scheduled = false;
    for (const target of batch) target.flush();
  };

  return {
    mark(target) {
      dirty.add(target);
      if (scheduled) return;
      scheduled = true;
      setImmediate(run);
    },
  };
}
