import type { Timers } from '../../../src/realtime/connection.ts';

interface Scheduled {
  at: number;
  seq: number;
  callback: () => void;
}

/** A clock the test advances by hand; timers fire in due order. */
export function createManualClock(): Timers & { advance(ms: number): Promise<void> } {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, Scheduled>();

  function nextDue(limit: number): Scheduled | undefined {
    let best: Scheduled | undefined;
    for (const entry of pending.values()) {
      if (entry.at > limit) continue;
      if (!best || entry.at < best.at || (entry.at === best.at && entry.seq < best.seq)) {
        best = entry;
      }
    }
    return best;
  }

  return {
    now: () => now,
    setTimeout(callback, ms) {
      seq += 1;
      pending.set(seq, { at: now + Math.max(0, ms), seq, callback });
      return seq;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = nextDue(until);
        if (!due) break;
        pending.delete(due.seq);
        now = due.at;
        due.callback();
        // Let the connection's awaited ticket promises settle between timers.
        await flushMicrotasks();
      }
      now = until;
      await flushMicrotasks();
    },
  };
}

export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}
