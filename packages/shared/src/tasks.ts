import { z } from 'zod';

import { paginationQuerySchema } from './envelope.ts';

export const TASK_STATUSES = [
  'created',
  'assigned',
  'in_progress',
  'in_review',
  'completed',
  'blocked',
  'failed',
  'interrupted',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_TYPES = [
  'development',
  'design',
  'research',
  'review',
  'meeting',
  'admin',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const COMPLEXITIES = ['simple', 'medium', 'complex', 'epic'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

export const TASK_STRUCTURES = ['sequential', 'parallel', 'mixed'] as const;
export const COORDINATION_TOPOLOGIES = [
  'sas',
  'centralized',
  'decentralized',
  'context_dependent',
  'auto',
] as const;

export const ARTIFACT_TYPES = ['code', 'tests', 'documentation'] as const;
export type ArtifactType = (typeof ARTIFACT_TYPES)[number];

/**
 * The task state machine: for each status, the statuses it may move to. `completed` and
 * `cancelled` are terminal. Every write path of the server checks moves against this table.
 */
export const TASK_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  created: ['assigned'],
  assigned: ['in_progress', 'blocked', 'cancelled', 'failed', 'interrupted'],
  in_progress: ['in_review', 'blocked', 'cancelled', 'failed', 'interrupted'],
  in_review: ['completed', 'in_progress', 'blocked', 'cancelled'],
  blocked: ['assigned'],
  failed: ['assigned'],
  interrupted: ['assigned'],
  completed: [],
  cancelled: [],
};

/** True when the state machine allows `from → to`. */
export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return TASK_TRANSITIONS[from].includes(to);
}

/** Statuses in which a task must have an assignee; `created` must have none. */
export const STATUSES_REQUIRING_ASSIGNEE: readonly TaskStatus[] = [
  'assigned',
  'in_progress',
  'in_review',
  'completed',
];

/** Agents are referenced by their name, the key of `/agents/{agent_name}`. */
export const agentRefSchema = z.string().trim().min(1).max(128);
export const idSchema = z.string().min(1).max(128);

export const expectedArtifactSchema = z.object({
  type: z.enum(ARTIFACT_TYPES),
  path: z.string().min(1).max(1024),
});

export const acceptanceCriterionSchema = z.object({
  description: z.string().trim().min(1).max(1024),
  met: z.boolean().default(false),
});

export const taskSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  type: z.enum(TASK_TYPES),
  priority: z.enum(PRIORITIES),
  project: z.string(),
  created_by: z.string(),
  assigned_to: z.string().nullable(),
  reviewers: z.array(z.string()),
  dependencies: z.array(z.string()),
  artifacts_expected: z.array(expectedArtifactSchema),
  acceptance_criteria: z.array(z.object({ description: z.string(), met: z.boolean() })),
  estimated_complexity: z.enum(COMPLEXITIES),
  budget_limit: z.number(),
  deadline: z.string().nullable(),
  max_retries: z.number().int(),
  retry_count: z.number().int(),
  status: z.enum(TASK_STATUSES),
  /** Why the task reached its current status (cancel or failure reason), when one was given. */
  status_reason: z.string().nullable(),
  parent_task_id: z.string().nullable(),
  delegation_chain: z.array(z.string()),
  task_structure: z.enum(TASK_STRUCTURES).nullable(),
  coordination_topology: z.enum(COORDINATION_TOPOLOGIES),
  /** Increases by one on every change; send it back as `expected_version`. */
  version: z.number().int().min(1),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Task = z.infer<typeof taskSchema>;

const isoDate = z.iso.datetime({ offset: true });
const uniqueRefs = z
  .array(agentRefSchema)
  .max(50)
  .refine((refs) => new Set(refs).size === refs.length, 'must be unique');

export const createTaskRequestSchema = z.object({
  title: z.string().trim().min(1).max(256),
  description: z.string().trim().min(1).max(4096),
  type: z.enum(TASK_TYPES),
  priority: z.enum(PRIORITIES).default('medium'),
  project: idSchema,
  /** Defaults to the caller's username. */
  created_by: agentRefSchema.optional(),
  /** When given the task starts `assigned` instead of `created`. */
  assigned_to: agentRefSchema.optional(),
  estimated_complexity: z.enum(COMPLEXITIES).default('medium'),
  budget_limit: z.number().min(0).default(0),
  reviewers: uniqueRefs.default([]),
  dependencies: z.array(idSchema).max(100).default([]),
  artifacts_expected: z.array(expectedArtifactSchema).max(50).default([]),
  acceptance_criteria: z.array(acceptanceCriterionSchema).max(50).default([]),
  deadline: isoDate.optional(),
  max_retries: z.number().int().min(0).max(10).default(1),
  parent_task_id: idSchema.optional(),
  delegation_chain: uniqueRefs.default([]),
});
export type CreateTaskRequest = z.input<typeof createTaskRequestSchema>;
export type CreateTaskInput = z.output<typeof createTaskRequestSchema>;

const expectedVersion = z.number().int().min(1).optional();

/**
 * Strict: any other key (status, assignee, version, a typo) is refused naming the key rather
 * than silently ignored. At least one editable field is required; `expected_version` alone
 * is "nothing to update".
 */
export const updateTaskRequestSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(256).optional(),
    description: z.string().trim().min(1).max(4096).optional(),
    priority: z.enum(PRIORITIES).optional(),
    budget_limit: z.number().min(0).optional(),
    deadline: isoDate.nullable().optional(),
    acceptance_criteria: z.array(acceptanceCriterionSchema).max(50).optional(),
    expected_version: expectedVersion,
  })
  .refine((patch) => Object.keys(patch).some((k) => k !== 'expected_version'), {
    message: 'nothing to update: give at least one editable field',
  });
export type UpdateTaskRequest = z.input<typeof updateTaskRequestSchema>;

export const transitionTaskRequestSchema = z.object({
  target_status: z.enum(TASK_STATUSES),
  /** Required when moving to `assigned`; replaces the assignee otherwise. */
  assigned_to: agentRefSchema.optional(),
  reason: z.string().trim().min(1).max(4096).optional(),
  expected_version: expectedVersion,
});
export type TransitionTaskRequest = z.input<typeof transitionTaskRequestSchema>;

export const cancelTaskRequestSchema = z.object({
  reason: z.string().trim().min(1).max(4096),
  expected_version: expectedVersion,
});
export type CancelTaskRequest = z.input<typeof cancelTaskRequestSchema>;

export const assignTaskRequestSchema = z.object({
  assigned_to: agentRefSchema,
  expected_version: expectedVersion,
});
export type AssignTaskRequest = z.input<typeof assignTaskRequestSchema>;

export const taskListQuerySchema = paginationQuerySchema.extend({
  status: z.enum(TASK_STATUSES).optional(),
  assigned_to: agentRefSchema.optional(),
  project: idSchema.optional(),
});
export type TaskListQuery = z.infer<typeof taskListQuerySchema>;

export const taskIdParamsSchema = z.object({ task_id: idSchema });

/** `task.status_changed` and `task.assigned` carry the task plus where it came from. */
export type TaskChange = Task & { previous_status: TaskStatus; reason: string | null };

/** `task.deleted` carries only the identity of what was removed. */
export type TaskDeleted = { id: string; version: number };
