import { z } from 'zod';

import { MEETING_PROTOCOLS } from '../meetings.ts';

/**
 * How often a periodic meeting type is held. Periods are UTC: a day, a weekday (Monday to
 * Friday, `per_sprint_day`), an ISO week starting Monday, two such weeks counted from
 * 1970-01-05, a calendar month.
 */
export const MEETING_FREQUENCIES = [
  'daily',
  'per_sprint_day',
  'weekly',
  'bi_weekly',
  'monthly',
] as const;
export type MeetingFrequency = (typeof MEETING_FREQUENCIES)[number];

/** The participant reference that stands for every active agent. */
export const ALL_PARTICIPANTS = 'all';

/**
 * One meeting type: held every `frequency` period, or each time its `trigger` event is
 * posted to `POST /meetings/trigger`. `participants` are references, resolved in this order:
 * a key of the trigger's context (its value names agents), `all`, a department, an agent
 * (name or id). The first participant resolved leads the meeting.
 */
export const meetingTypeConfigSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(128),
    frequency: z.enum(MEETING_FREQUENCIES).optional(),
    trigger: z.string().trim().min(1).max(128).optional(),
    participants: z.array(z.string().trim().min(1).max(256)).min(1).max(50),
    /** The hard token budget of one meeting. */
    duration_tokens: z.number().int().min(1).max(1_000_000).default(2000),
    protocol_config: z
      .looseObject({ protocol: z.enum(MEETING_PROTOCOLS).default('round_robin') })
      .prefault({}),
    auto_create_tasks: z.boolean().default(true),
  })
  .refine((type) => (type.frequency === undefined) !== (type.trigger === undefined), {
    message: 'a meeting type needs either frequency or trigger (exactly one)',
  });
export type MeetingTypeConfig = z.infer<typeof meetingTypeConfigSchema>;

export const meetingsConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  types: z.array(meetingTypeConfigSchema).default([]),
});
export type MeetingsConfig = z.infer<typeof meetingsConfigSchema>;
