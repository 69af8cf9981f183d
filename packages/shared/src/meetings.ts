import { z } from 'zod';

import { paginationQuerySchema } from './envelope.ts';

export const MEETING_STATUSES = [
  'scheduled',
  'in_progress',
  'completed',
  'failed',
  'cancelled',
  'budget_exhausted',
] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MEETING_PROTOCOLS = ['round_robin', 'position_papers', 'structured_phases'] as const;

export const meetingRecordSchema = z.object({
  meeting_id: z.string(),
  meeting_type_name: z.string(),
  protocol_type: z.enum(MEETING_PROTOCOLS),
  status: z.enum(MEETING_STATUSES),
  /** The minutes as produced by the protocol; free-form until the protocols land. */
  minutes: z.record(z.string(), z.unknown()).nullable(),
  error_message: z.string().nullable(),
  token_budget: z.number().int(),
  participant_ids: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});
export type MeetingRecord = z.infer<typeof meetingRecordSchema>;

export const meetingListQuerySchema = paginationQuerySchema.extend({
  status: z.enum(MEETING_STATUSES).optional(),
  meeting_type: z.string().min(1).max(128).optional(),
});

const contextValue = z.union([z.string().max(1024), z.array(z.string().max(1024)).max(50)]);

export const triggerMeetingRequestSchema = z.object({
  event_name: z.string().trim().min(1).max(128),
  context: z
    .record(z.string().max(256), contextValue)
    .refine((c) => Object.keys(c).length <= 20, 'at most 20 keys')
    .default({}),
});
export type TriggerMeetingRequest = z.input<typeof triggerMeetingRequestSchema>;

export const meetingIdParamsSchema = z.object({ meeting_id: z.string().min(1).max(128) });
