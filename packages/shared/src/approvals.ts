import { z } from 'zod';

import { paginationQuerySchema } from './envelope.ts';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** TTL bounds in seconds: one minute to one week. */
export const APPROVAL_TTL_MIN_SECONDS = 60;
export const APPROVAL_TTL_MAX_SECONDS = 604_800;

/** `category:action`, exactly one colon, both sides non-blank (e.g. `deploy:production`). */
export const actionTypeSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^:\s][^:]*:[^:]*[^:\s]$/, 'must be category:action');

export const approvalSchema = z.object({
  id: z.string(),
  action_type: z.string(),
  title: z.string(),
  description: z.string(),
  requested_by: z.string(),
  risk_level: z.enum(RISK_LEVELS),
  status: z.enum(APPROVAL_STATUSES),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  decided_at: z.string().nullable(),
  decided_by: z.string().nullable(),
  decision_reason: z.string().nullable(),
  task_id: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
});
export type Approval = z.infer<typeof approvalSchema>;

const metadataSchema = z
  .record(z.string().min(1).max(256), z.string().max(256))
  .refine((m) => Object.keys(m).length <= 20, 'at most 20 entries');

export const createApprovalRequestSchema = z.object({
  action_type: actionTypeSchema,
  title: z.string().trim().min(1).max(256),
  description: z.string().trim().min(1).max(4096),
  risk_level: z.enum(RISK_LEVELS),
  ttl_seconds: z
    .number()
    .int()
    .min(APPROVAL_TTL_MIN_SECONDS)
    .max(APPROVAL_TTL_MAX_SECONDS)
    .optional(),
  task_id: z.string().min(1).max(128).optional(),
  metadata: metadataSchema.default({}),
});
export type CreateApprovalRequest = z.input<typeof createApprovalRequestSchema>;
export type CreateApprovalInput = z.output<typeof createApprovalRequestSchema>;

export const approveRequestSchema = z.object({
  comment: z.string().trim().min(1).max(4096).optional(),
});
export type ApproveRequest = z.input<typeof approveRequestSchema>;

export const rejectRequestSchema = z.object({
  reason: z.string().trim().min(1).max(4096),
});
export type RejectRequest = z.input<typeof rejectRequestSchema>;

export const approvalListQuerySchema = paginationQuerySchema.extend({
  status: z.enum(APPROVAL_STATUSES).optional(),
  risk_level: z.enum(RISK_LEVELS).optional(),
  action_type: z.string().min(1).max(128).optional(),
  task_id: z.string().min(1).max(128).optional(),
});
export type ApprovalListQuery = z.infer<typeof approvalListQuerySchema>;

export const approvalIdParamsSchema = z.object({ approval_id: z.string().min(1).max(128) });
