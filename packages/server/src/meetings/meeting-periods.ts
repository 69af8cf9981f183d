import type { MeetingFrequency } from '@synthorg/shared';

const DAY_MS = 24 * 60 * 60 * 1000;
/** 1970-01-05, the first Monday after the epoch, counted in days: fortnights start there. */
const FIRST_MONDAY = 4;

const dayString = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The UTC date (`YYYY-MM-DD`) on which the period containing `now` starts, or undefined when
 * the frequency holds no meeting then (`per_sprint_day` on a Saturday or Sunday).
 *
 * @example
 * periodStart('weekly', new Date('2026-12-04T18:00:00Z')); // '2026-11-30' (its Monday)
 */
export function periodStart(frequency: MeetingFrequency, now: Date): string | undefined {
  const day = Math.floor(now.getTime() / DAY_MS);
  const weekday = now.getUTCDay();
  switch (frequency) {
    case 'daily':
      return dayString(day);
    case 'per_sprint_day':
      return weekday === 0 || weekday === 6 ? undefined : dayString(day);
    case 'weekly':
      return dayString(day - ((weekday + 6) % 7));
    case 'bi_weekly':
      return dayString(day - ((((day - FIRST_MONDAY) % 14) + 14) % 14));
    case 'monthly':
      return `${now.toISOString().slice(0, 7)}-01`;
  }
}
