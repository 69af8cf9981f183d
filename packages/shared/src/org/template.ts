import { z } from 'zod';

import { budgetConfigSchema } from '../budget.ts';

import {
  authoritySchema,
  memoryConfigSchema,
  modelConfigSchema,
  personalitySchema,
  skillsSchema,
  toolPermissionsSchema,
} from './agent-config.ts';
import {
  departmentConfigSchema,
  escalationPathSchema,
  workflowHandoffSchema,
} from './company-config.ts';
import {
  AUTONOMY_LEVELS,
  COMPANY_TYPES,
  PERSONALITY_PRESET_NAMES,
  SENIORITY_LEVELS,
  TEMPLATE_VAR_TYPES,
} from './enums.ts';
import { meetingsConfigSchema } from './meetings-config.ts';
import { providerEntrySchema, providerNameSchema } from './provider-config.ts';

/** Template names become file names: no separators, no dots at the start. */
export const templateNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-" only');

export const templateVariableSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a valid identifier'),
    description: z.string().default(''),
    var_type: z.enum(TEMPLATE_VAR_TYPES).default('str'),
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    required: z.boolean().default(false),
  })
  .refine((v) => !(v.required && v.default !== undefined), {
    message: 'a required variable cannot have a default',
    path: ['default'],
  });
export type TemplateVariable = z.infer<typeof templateVariableSchema>;

/** One agent slot of a template; the name may be empty (auto-named) or hold Jinja. */
export const templateAgentSchema = z
  .strictObject({
    role: z.string().trim().min(1),
    name: z.string().optional(),
    level: z.enum(SENIORITY_LEVELS).default('mid'),
    model: modelConfigSchema.prefault({ model_id: 'medium' }),
    personality_preset: z.enum(PERSONALITY_PRESET_NAMES).optional(),
    personality: personalitySchema.optional(),
    department: z.string().trim().min(1).optional(),
    merge_id: z.string().min(1).optional(),
    _remove: z.boolean().default(false),
    skills: skillsSchema.optional(),
    tools: toolPermissionsSchema.optional(),
    authority: authoritySchema.optional(),
    memory: memoryConfigSchema.optional(),
    autonomy_level: z.enum(AUTONOMY_LEVELS).optional(),
  })
  .refine((a) => !(a.personality_preset && a.personality), {
    message: 'use personality_preset or personality, not both',
    path: ['personality'],
  });
export type TemplateAgent = z.infer<typeof templateAgentSchema>;

export const templateBodySchema = z.looseObject({
  name: z.string().trim().min(1),
  description: z.string().default(''),
  version: z.string().default('1.0.0'),
  min_agents: z.number().int().min(0).optional(),
  max_agents: z.number().int().min(1).optional(),
  tags: z.array(z.string()).default([]),
  variables: z.array(templateVariableSchema).default([]),
  company: z
    .looseObject({
      type: z.enum(COMPANY_TYPES).default('custom'),
      budget_monthly: z.number().min(0).optional(),
      autonomy: z.unknown().optional(),
    })
    .prefault({}),
  departments: z.array(departmentConfigSchema).default([]),
  agents: z.array(templateAgentSchema).default([]),
  workflow: z.string().default('agile_kanban'),
  communication: z.string().default('hybrid'),
  workflow_handoffs: z.array(workflowHandoffSchema).optional(),
  escalation_paths: z.array(escalationPathSchema).optional(),
  extends: templateNameSchema.optional(),
  /** Our extensions: a template may ship providers, a budget and a meetings section. */
  providers: z.record(providerNameSchema, providerEntrySchema).optional(),
  budget: budgetConfigSchema.optional(),
  meetings: meetingsConfigSchema.optional(),
});
export type TemplateBody = z.infer<typeof templateBodySchema>;

export const templateFileSchema = z.looseObject({ template: templateBodySchema });

/** What `GET`-style listings and `synthorg init` show about a template. */
export const templateSummarySchema = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  source: z.enum(['builtin', 'user', 'file']),
  tags: z.array(z.string()),
  variables: z.array(templateVariableSchema),
});
export type TemplateSummary = z.infer<typeof templateSummarySchema>;
