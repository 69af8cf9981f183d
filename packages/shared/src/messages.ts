import { z } from 'zod';

import { paginationQuerySchema } from './envelope.ts';

export const MESSAGE_TYPES = [
  'task_update',
  'question',
  'announcement',
  'review_request',
  'approval',
  'delegation',
  'status_report',
  'escalation',
  'meeting_contribution',
  'hr_notification',
] as const;
export const MESSAGE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const MESSAGE_CHANNEL_TYPES = ['topic', 'direct', 'broadcast'] as const;

/** Channels every company starts with. */
export const DEFAULT_MESSAGE_CHANNELS = [
  '#all-hands',
  '#engineering',
  '#product',
  '#design',
  '#incidents',
  '#code-review',
  '#watercooler',
] as const;

export const attachmentSchema = z.object({
  type: z.enum(['artifact', 'file', 'link']),
  ref: z.string().min(1).max(1024),
});

export const messageSchema = z.object({
  id: z.string(),
  timestamp: z.string(),
  sender: z.string(),
  to: z.string(),
  type: z.enum(MESSAGE_TYPES),
  priority: z.enum(MESSAGE_PRIORITIES),
  channel: z.string(),
  content: z.string(),
  attachments: z.array(attachmentSchema),
  metadata: z.record(z.string(), z.unknown()),
});
export type Message = z.infer<typeof messageSchema>;

export const messageChannelSchema = z.object({
  name: z.string(),
  type: z.enum(MESSAGE_CHANNEL_TYPES),
  subscribers: z.array(z.string()),
});
export type MessageChannel = z.infer<typeof messageChannelSchema>;

const channelName = z.string().trim().min(1).max(128);

export const sendMessageRequestSchema = z.object({
  /** Defaults to the caller's username. */
  sender: z.string().trim().min(1).max(128).optional(),
  /** An agent name or the channel itself. Defaults to the channel. */
  to: z.string().trim().min(1).max(128).optional(),
  channel: channelName,
  type: z.enum(MESSAGE_TYPES).default('announcement'),
  priority: z.enum(MESSAGE_PRIORITIES).default('normal'),
  content: z.string().trim().min(1).max(16_384),
  attachments: z.array(attachmentSchema).max(20).default([]),
  metadata: z
    .record(z.string().max(256), z.unknown())
    .refine((m) => Object.keys(m).length <= 20, 'at most 20 entries')
    .default({}),
});
export type SendMessageRequest = z.input<typeof sendMessageRequestSchema>;

export const messageListQuerySchema = paginationQuerySchema.extend({
  channel: channelName.optional(),
});
