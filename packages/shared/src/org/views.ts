import { z } from 'zod';

import { budgetConfigSchema } from '../budget.ts';

import {
  authoritySchema,
  memoryConfigSchema,
  personalitySchema,
  skillsSchema,
  toolPermissionsSchema,
} from './agent-config.ts';
import { departmentConfigSchema } from './company-config.ts';
import {
  AGENT_RUNTIME_STATUSES,
  AGENT_STATUSES,
  AUTONOMY_LEVELS,
  COMPANY_TYPES,
  SENIORITY_LEVELS,
} from './enums.ts';

/** The model an agent runs on, after bootstrap resolved its tier alias. */
export const agentModelSchema = z.object({
  provider: z.string(),
  model_id: z.string(),
  /** The alias the config used (`large`, …), when it used one. */
  tier: z.string().nullable(),
  temperature: z.number(),
  max_tokens: z.number().int(),
  fallback_model: z.string().nullable(),
});
export type AgentModel = z.infer<typeof agentModelSchema>;

export const agentSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  department: z.string(),
  level: z.enum(SENIORITY_LEVELS),
  status: z.enum(AGENT_STATUSES),
  runtime_status: z.enum(AGENT_RUNTIME_STATUSES),
  personality: personalitySchema,
  model: agentModelSchema,
  memory: memoryConfigSchema,
  tools: toolPermissionsSchema,
  authority: authoritySchema,
  skills: skillsSchema,
  /** Per-agent override; null means the department's or company's level applies. */
  autonomy_level: z.enum(AUTONOMY_LEVELS).nullable(),
  hiring_date: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Agent = z.infer<typeof agentSchema>;

export const departmentSchema = departmentConfigSchema
  .omit({ head: true, head_role: true })
  .extend({
    /** Name of the agent leading the department, null when no agent fills the head role. */
    head: z.string().nullable(),
    head_role: z.string().nullable(),
    autonomy_level: z.enum(AUTONOMY_LEVELS).nullable(),
  });
export type Department = z.infer<typeof departmentSchema>;

export const companySchema = z.object({
  id: z.string(),
  company_name: z.string(),
  company_type: z.enum(COMPANY_TYPES),
  autonomy_level: z.enum(AUTONOMY_LEVELS),
  communication_pattern: z.string(),
  budget: budgetConfigSchema,
  /** Where the company came from: `template:<key>` or `file:<name>`. */
  source: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  departments: z.array(departmentSchema),
  agents: z.array(agentSchema),
});
export type Company = z.infer<typeof companySchema>;

export const AUTONOMY_SOURCES = ['agent', 'department', 'company'] as const;

export const autonomyViewSchema = z.object({
  agent_id: z.string(),
  level: z.enum(AUTONOMY_LEVELS),
  source: z.enum(AUTONOMY_SOURCES),
  promotion_pending: z.boolean(),
});
export type AutonomyView = z.infer<typeof autonomyViewSchema>;

export const autonomyUpdateSchema = z.strictObject({ level: z.enum(AUTONOMY_LEVELS) });
export type AutonomyUpdate = z.infer<typeof autonomyUpdateSchema>;

export const agentListQuerySchema = z.object({
  department: z.string().min(1).max(64).optional(),
  level: z.enum(SENIORITY_LEVELS).optional(),
  status: z.enum(AGENT_STATUSES).optional(),
  runtime_status: z.enum(AGENT_RUNTIME_STATUSES).optional(),
});

/** Payload of `agent.status_changed`. */
export const agentStatusChangedSchema = z.object({
  agent_id: z.string(),
  name: z.string(),
  runtime_status: z.enum(AGENT_RUNTIME_STATUSES),
  previous_status: z.enum(AGENT_RUNTIME_STATUSES),
  changed_at: z.string(),
});
export type AgentStatusChanged = z.infer<typeof agentStatusChangedSchema>;
