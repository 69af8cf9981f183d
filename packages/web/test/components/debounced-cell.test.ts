import { describe, expect, it } from 'vitest';

import { createDebouncedCell } from '../../src/components/debounced-cell.ts';
import { createManualClock } from '../realtime/support/manual-clock.ts';

/** Types `text` one character at a time, `gapMs` apart, as a user would. */
async function type(
  cell: { set(value: string): void },
  clock: { advance(ms: number): Promise<void> },
  text: string,
  gapMs: number,
) {
  for (let i = 1; i <= text.length; i++) {
    cell.set(text.slice(0, i));
    await clock.advance(gapMs);
  }
}

describe('the debounce behind useDebouncedValue (manual clock)', () => {
  it('settles a burst of keystrokes once, on the last value', async () => {
    const clock = createManualClock();
    const cell = createDebouncedCell('', 300, clock);
    const settled: string[] = [];
    cell.subscribe(() => settled.push(cell.get()));

    await type(cell, clock, 'launch', 120);
    expect(settled).toEqual([]);
    expect(cell.get()).toBe('');
    await clock.advance(300);
    expect(settled).toEqual(['launch']);
    expect(cell.get()).toBe('launch');
  });

  it('settles each pause separately: one change per pause, not per keystroke', async () => {
    const clock = createManualClock();
    const cell = createDebouncedCell('', 300, clock);
    const settled: string[] = [];
    cell.subscribe(() => settled.push(cell.get()));

    await type(cell, clock, 'dev', 50);
    await clock.advance(400);
    cell.set('dev-');
    await clock.advance(100);
    cell.set('dev-a');
    await clock.advance(299);
    expect(settled).toEqual(['dev']);
    await clock.advance(1);
    expect(settled).toEqual(['dev', 'dev-a']);
  });

  it('settles nothing when the text returns to the settled value before the delay', async () => {
    const clock = createManualClock();
    const cell = createDebouncedCell('alice', 300, clock);
    let calls = 0;
    cell.subscribe(() => {
      calls += 1;
    });
    cell.set('alicex');
    await clock.advance(200);
    cell.set('alice');
    await clock.advance(1_000);
    expect(calls).toBe(0);
    expect(cell.get()).toBe('alice');
  });

  it('settles the empty string too (clearing a filter)', async () => {
    const clock = createManualClock();
    const cell = createDebouncedCell('launch', 300, clock);
    cell.set('');
    await clock.advance(300);
    expect(cell.get()).toBe('');
  });

  it('drops a pending change on dispose and ignores later input', async () => {
    const clock = createManualClock();
    const cell = createDebouncedCell('', 300, clock);
    let calls = 0;
    cell.subscribe(() => {
      calls += 1;
    });
    cell.set('half-typed');
    cell.dispose();
    cell.set('after');
    await clock.advance(1_000);
    expect(calls).toBe(0);
    expect(cell.get()).toBe('');
  });

  it('stops notifying a listener that unsubscribed', async () => {
    const clock = createManualClock();
    const cell = createDebouncedCell(0, 10, clock);
    const seen: number[] = [];
    const stop = cell.subscribe(() => seen.push(cell.get()));
    cell.set(1);
    await clock.advance(10);
    stop();
    cell.set(2);
    await clock.advance(10);
    expect(seen).toEqual([1]);
    expect(cell.get()).toBe(2);
  });
});
