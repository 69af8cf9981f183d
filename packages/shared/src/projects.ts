import { z } from 'zod';

import { paginationQuerySchema } from './envelope.ts';

export const PROJECT_STATUSES = [
  'planning',
  'active',
  'on_hold',
  'completed',
  'cancelled',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const projectSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  team: z.array(z.string()),
  lead: z.string().nullable(),
  /** Ids of the tasks whose `project` is this project, oldest first. */
  task_ids: z.array(z.string()),
  deadline: z.string().nullable(),
  budget: z.number(),
  status: z.enum(PROJECT_STATUSES),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Project = z.infer<typeof projectSchema>;

const team = z
  .array(z.string().trim().min(1).max(128))
  .max(100)
  .refine((t) => new Set(t).size === t.length, 'must be unique');

export const createProjectRequestSchema = z.object({
  name: z.string().trim().min(1).max(256),
  description: z.string().trim().max(4096).default(''),
  team: team.default([]),
  lead: z.string().trim().min(1).max(128).optional(),
  deadline: z.iso.datetime({ offset: true }).optional(),
  budget: z.number().min(0).default(0),
  status: z.enum(PROJECT_STATUSES).default('planning'),
});
export type CreateProjectRequest = z.input<typeof createProjectRequestSchema>;

/**
 * Strict like the task patch: an unknown key is refused rather than ignored, and a patch
 * without an editable field (`{}` or only `expected_version`) is "nothing to update".
 */
export const updateProjectRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(256).optional(),
    description: z.string().trim().max(4096).optional(),
    team: team.optional(),
    lead: z.string().trim().min(1).max(128).nullable().optional(),
    deadline: z.iso.datetime({ offset: true }).nullable().optional(),
    budget: z.number().min(0).optional(),
    status: z.enum(PROJECT_STATUSES).optional(),
    expected_version: z.number().int().min(1).optional(),
  })
  .refine((patch) => Object.keys(patch).some((k) => k !== 'expected_version'), {
    message: 'nothing to update: give at least one editable field',
  });
export type UpdateProjectRequest = z.input<typeof updateProjectRequestSchema>;

export const projectListQuerySchema = paginationQuerySchema.extend({
  status: z.enum(PROJECT_STATUSES).optional(),
});

export const projectIdParamsSchema = z.object({ project_id: z.string().min(1).max(128) });
