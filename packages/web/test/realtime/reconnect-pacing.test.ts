import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { backoffDelay } from '../../src/realtime/backoff.ts';
import { createHarness } from './support/harness.ts';

/** Runs a connection against a server that drops every socket, for `ms` of simulated time. */
async function attemptsWhileFailing(random: () => number, ms: number, nudgeEveryMs?: number) {
  const harness = createHarness({ random, options: { maxAttempts: 1_000 } });
  harness.connection.start();
  await harness.clock.advance(0);
  let closed = 0;
  for (let elapsed = 0; elapsed < ms; elapsed += 100) {
    while (closed < harness.sockets.length) {
      harness.sockets[closed]?.serverClose(1006);
      closed += 1;
    }
    if (nudgeEveryMs && elapsed % nudgeEveryMs === 0) harness.connection.nudge();
    await harness.clock.advance(100);
  }
  return harness.tickets.length;
}

describe('reconnect pacing', () => {
  it('draws every delay within [1 s, min(30 s, 2^(n+1) s)]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const delay = backoffDelay(attempt, () => r);
          const cap = Math.min(30_000, 1_000 * 2 ** (attempt + 1));
          return delay >= 1_000 && delay <= cap;
        },
      ),
    );
  });

  it('spreads clients: different random draws give different delays', () => {
    const delays = new Set([0.1, 0.3, 0.5, 0.7, 0.9].map((r) => backoffDelay(4, () => r)));
    expect(delays.size).toBe(5);
  });

  it('bounds attempts per minute even with the unluckiest draws and constant nudging', async () => {
    const attempts = await attemptsWhileFailing(() => 0, 60_000, 200);
    expect(attempts).toBeLessThanOrEqual(61);
    expect(attempts).toBeGreaterThan(1);
  });

  it('makes only a handful of attempts per minute with typical draws', async () => {
    const attempts = await attemptsWhileFailing(() => 0.5, 60_000);
    // Delays 1.5, 2.5, 4.5, 8.5, 16.5, 15.5 … s: the sixth attempt lands after about 49 s.
    expect(attempts).toBeLessThanOrEqual(8);
    expect(attempts).toBeGreaterThanOrEqual(5);
  });
});
