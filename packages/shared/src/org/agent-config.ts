import { z } from 'zod';

import {
  AGENT_STATUSES,
  AUTONOMY_LEVELS,
  COLLABORATION_PREFERENCES,
  COMMUNICATION_VERBOSITIES,
  CONFLICT_APPROACHES,
  DECISION_MAKING_STYLES,
  LOW_MEDIUM_HIGH,
  MEMORY_LEVELS,
  SENIORITY_LEVELS,
  TOOL_ACCESS_LEVELS,
} from './enums.ts';

const unit = z.number().min(0).max(1).default(0.5);

/** How an agent behaves. Big-Five values feed team compatibility, never the prompt. */
export const personalitySchema = z.strictObject({
  traits: z.array(z.string().min(1)).default([]),
  communication_style: z.string().max(100).default('neutral'),
  risk_tolerance: z.enum(LOW_MEDIUM_HIGH).default('medium'),
  creativity: z.enum(LOW_MEDIUM_HIGH).default('medium'),
  description: z.string().max(500).default(''),
  openness: unit,
  conscientiousness: unit,
  extraversion: unit,
  agreeableness: unit,
  /** 1 = calm under pressure. */
  stress_response: unit,
  decision_making: z.enum(DECISION_MAKING_STYLES).default('consultative'),
  collaboration: z.enum(COLLABORATION_PREFERENCES).default('team'),
  verbosity: z.enum(COMMUNICATION_VERBOSITIES).default('balanced'),
  conflict_approach: z.enum(CONFLICT_APPROACHES).default('collaborate'),
});
export type Personality = z.infer<typeof personalitySchema>;

/**
 * Which model an agent uses. `model_id` may be a tier alias (`large`, `medium`, `small`) that
 * bootstrap resolves against the providers' model aliases; `provider: default` means "any
 * provider that defines that alias". A bare string is shorthand for `{model_id: <string>}`.
 */
export const modelConfigSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { model_id: value } : value),
  z.strictObject({
    provider: z.string().min(1).default('default'),
    model_id: z.string().min(1),
    temperature: z.number().min(0).max(2).default(0.7),
    max_tokens: z.number().int().min(1).default(4096),
    fallback_model: z.string().min(1).optional(),
  }),
);
export type ModelConfig = z.infer<typeof modelConfigSchema>;

export const memoryConfigSchema = z
  .strictObject({
    type: z.enum(MEMORY_LEVELS).default('session'),
    retention_days: z.number().int().min(1).optional(),
  })
  .refine((m) => m.type !== 'none' || m.retention_days === undefined, {
    message: 'retention_days must be empty when memory type is none',
    path: ['retention_days'],
  });

export const toolPermissionsSchema = z
  .strictObject({
    access_level: z.enum(TOOL_ACCESS_LEVELS).default('standard'),
    allowed: z.array(z.string().min(1)).default([]),
    denied: z.array(z.string().min(1)).default([]),
  })
  .refine(
    (t) => {
      const denied = new Set(t.denied.map((name) => name.toLowerCase()));
      return !t.allowed.some((name) => denied.has(name.toLowerCase()));
    },
    { message: 'a tool cannot be both allowed and denied', path: ['denied'] },
  );

export const authoritySchema = z.strictObject({
  can_approve: z.array(z.string().min(1)).default([]),
  reports_to: z.string().min(1).optional(),
  can_delegate_to: z.array(z.string().min(1)).default([]),
  /** USD per task; 0 = no agent-specific limit. */
  budget_limit: z.number().min(0).default(0),
});

export const skillsSchema = z.strictObject({
  primary: z.array(z.string().min(1)).default([]),
  secondary: z.array(z.string().min(1)).default([]),
});

/** Agent names are shown in the dashboard and used in URLs; keep them printable. */
export const agentNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .refine((name) => !/[/\\?#%]/.test(name) && ![...name].some((c) => c.charCodeAt(0) < 32), {
    message: 'must not contain / \\ ? # % or control characters',
  });

/** One agent in the company YAML (`agents:`). */
export const agentConfigSchema = z
  .strictObject({
    name: agentNameSchema,
    role: z.string().trim().min(1).max(128),
    department: z.string().trim().min(1).max(64).default('engineering'),
    level: z.enum(SENIORITY_LEVELS).default('mid'),
    personality: personalitySchema.prefault({}),
    model: modelConfigSchema.prefault({ model_id: 'medium' }),
    memory: memoryConfigSchema.prefault({}),
    tools: toolPermissionsSchema.prefault({}),
    authority: authoritySchema.prefault({}),
    skills: skillsSchema.prefault({}),
    autonomy_level: z.enum(AUTONOMY_LEVELS).optional(),
    status: z.enum(AGENT_STATUSES).default('active'),
  })
  .refine((a) => !(a.level === 'junior' && a.autonomy_level === 'full'), {
    message: 'a junior agent cannot have full autonomy',
    path: ['autonomy_level'],
  });
export type AgentConfig = z.infer<typeof agentConfigSchema>;
export type AgentConfigInput = z.input<typeof agentConfigSchema>;
