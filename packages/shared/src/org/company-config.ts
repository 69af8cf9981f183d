import { z } from 'zod';

import { AUTONOMY_LEVELS, type AutonomyLevel, TASK_ASSIGNMENT_STRATEGIES } from './enums.ts';

/** The original accepts a bare number for autonomy; map it onto the four levels. */
export function autonomyFromNumber(value: number): AutonomyLevel {
  if (value < 0.25) return 'locked';
  if (value < 0.5) return 'supervised';
  if (value < 0.8) return 'semi';
  return 'full';
}

/** `autonomy: 0.5`, `autonomy: semi` or `autonomy: {level: semi, ...}` all mean the same. */
export const autonomyConfigSchema = z.preprocess(
  (value) => {
    if (typeof value === 'number') return { level: autonomyFromNumber(value) };
    if (typeof value === 'string') return { level: value };
    return value;
  },
  z.looseObject({ level: z.enum(AUTONOMY_LEVELS).default('semi') }),
);

export const companySettingsSchema = z.looseObject({
  autonomy: autonomyConfigSchema.prefault({}),
  budget_monthly: z.number().min(0).default(100),
  communication_pattern: z.string().min(1).default('hybrid'),
  tool_access_default: z.array(z.string().min(1)).default([]),
});
export type CompanySettings = z.infer<typeof companySettingsSchema>;

const teamSchema = z.strictObject({
  name: z.string().trim().min(1),
  lead: z.string().trim().min(1),
  members: z.array(z.string().trim().min(1)).default([]),
});

const reportingLineSchema = z
  .strictObject({ subordinate: z.string().min(1), supervisor: z.string().min(1) })
  .refine((line) => line.subordinate.toLowerCase() !== line.supervisor.toLowerCase(), {
    message: 'an agent cannot report to itself',
  });

const policiesSchema = z.looseObject({
  review_requirements: z
    .strictObject({
      min_reviewers: z.number().int().min(0).default(1),
      required_reviewer_roles: z.array(z.string().min(1)).default([]),
      self_review_allowed: z.boolean().default(false),
    })
    // Absent means the department asks for no review; stated (even `{}`), the defaults apply.
    .optional(),
  approval_chains: z
    .array(
      z.strictObject({
        action_type: z.string().min(1),
        approvers: z.array(z.string().min(1)).min(1),
        min_approvals: z.number().int().min(0).default(0),
      }),
    )
    .default([]),
});

/**
 * One department. `head` names the agent that leads it; `head_role` (the templates' form)
 * names a role instead and bootstrap resolves it to the first agent with that role.
 */
export const departmentConfigSchema = z.strictObject({
  name: z.string().trim().min(1).max(64),
  head: z.string().trim().min(1).optional(),
  head_role: z.string().trim().min(1).optional(),
  budget_percent: z.number().min(0).max(100).default(0),
  teams: z.array(teamSchema).default([]),
  reporting_lines: z.array(reportingLineSchema).default([]),
  autonomy_level: z.enum(AUTONOMY_LEVELS).optional(),
  policies: policiesSchema.prefault({}),
});
export type DepartmentConfig = z.infer<typeof departmentConfigSchema>;

export const workflowHandoffSchema = z.strictObject({
  from_department: z.string().min(1),
  to_department: z.string().min(1),
  trigger: z.string().min(1),
  artifacts: z.array(z.string()).default([]),
});

export const escalationPathSchema = z.strictObject({
  from_department: z.string().min(1),
  to_department: z.string().min(1),
  condition: z.string().min(1),
  priority_boost: z.number().int().min(0).max(3).default(1),
});

export const taskAssignmentConfigSchema = z.strictObject({
  strategy: z.enum(TASK_ASSIGNMENT_STRATEGIES).default('role_based'),
  min_score: z.number().min(0).max(1).default(0.1),
  max_concurrent_tasks_per_agent: z.number().int().min(1).max(50).default(5),
});

export const gracefulShutdownConfigSchema = z.strictObject({
  strategy: z.string().min(1).default('cooperative_timeout'),
  grace_seconds: z.number().min(0).max(300).default(30),
  cleanup_seconds: z.number().min(0).max(60).default(5),
});
