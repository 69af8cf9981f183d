import { z } from 'zod';

import { paginationQuerySchema } from './envelope.ts';

export const CALL_CATEGORIES = ['productive', 'coordination', 'system'] as const;
export const ALERT_LEVELS = ['normal', 'warning', 'critical', 'hard_stop'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export const budgetAlertsSchema = z
  .object({
    warn_at: z.number().min(0).max(100).default(75),
    critical_at: z.number().min(0).max(100).default(90),
    hard_stop_at: z.number().min(0).max(100).default(100),
  })
  .refine((a) => a.warn_at < a.critical_at && a.critical_at < a.hard_stop_at, {
    message: 'warn_at < critical_at < hard_stop_at is required',
  });

export const autoDowngradeSchema = z.object({
  enabled: z.boolean().default(false),
  threshold: z.number().min(0).max(100).default(85),
  downgrade_map: z
    .array(z.tuple([z.string().min(1), z.string().min(1)]))
    .default([])
    .refine((pairs) => pairs.every(([from, to]) => from !== to), 'no self-mapping')
    .refine((pairs) => new Set(pairs.map(([from]) => from)).size === pairs.length, {
      message: 'sources must be unique',
    }),
  boundary: z.literal('task_assignment').default('task_assignment'),
});

/** Company budget, all amounts in USD. Defaults are the original's. */
export const budgetConfigSchema = z
  .object({
    total_monthly: z.number().min(0).default(100),
    alerts: budgetAlertsSchema.default({ warn_at: 75, critical_at: 90, hard_stop_at: 100 }),
    per_task_limit: z.number().min(0).default(5),
    per_agent_daily_limit: z.number().min(0).default(10),
    auto_downgrade: autoDowngradeSchema.default({
      enabled: false,
      threshold: 85,
      downgrade_map: [],
      boundary: 'task_assignment',
    }),
    reset_day: z.number().int().min(1).max(28).default(1),
  })
  .refine((c) => c.per_task_limit <= c.total_monthly, 'per_task_limit must be <= total_monthly')
  .refine(
    (c) => c.per_agent_daily_limit <= c.total_monthly,
    'per_agent_daily_limit must be <= total_monthly',
  );
export type BudgetConfig = z.output<typeof budgetConfigSchema>;
export type BudgetConfigInput = z.input<typeof budgetConfigSchema>;

export const costRecordSchema = z.object({
  id: z.string(),
  agent_id: z.string(),
  task_id: z.string().nullable(),
  provider: z.string(),
  model: z.string(),
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  cost_usd: z.number(),
  timestamp: z.string(),
  call_category: z.enum(CALL_CATEGORIES).nullable(),
});
export type CostRecord = z.infer<typeof costRecordSchema>;

export const recordCostRequestSchema = z.object({
  /**
   * The caller's own id for this call (e.g. the engine's ledger row), which makes recording
   * idempotent: a second record with the same id stores and publishes nothing.
   */
  id: z.string().min(1).max(128).optional(),
  agent_id: z.string().trim().min(1).max(128),
  task_id: z.string().min(1).max(128).nullable().default(null),
  provider: z.string().trim().min(1).max(128),
  model: z.string().trim().min(1).max(256),
  input_tokens: z.number().int().min(0),
  output_tokens: z.number().int().min(0),
  cost_usd: z.number().min(0),
  call_category: z.enum(CALL_CATEGORIES).nullable().default(null),
});
export type RecordCostInput = z.input<typeof recordCostRequestSchema>;

/**
 * What may still be spent, in USD, never below zero; null where no limit applies (no task, or
 * a configured limit of 0). The engine stops a run before an LLM call when any of them is 0.
 */
export const remainingBudgetSchema = z.object({
  task: z.number().nullable(),
  agent_daily: z.number().nullable(),
  company_monthly: z.number().nullable(),
});
export type RemainingBudget = z.infer<typeof remainingBudgetSchema>;

export const costRecordListQuerySchema = paginationQuerySchema.extend({
  agent_id: z.string().min(1).max(128).optional(),
  task_id: z.string().min(1).max(128).optional(),
});

export const agentSpendingSchema = z.object({
  agent_id: z.string(),
  total_cost_usd: z.number(),
  /** Spend since 00:00 UTC today. */
  daily_cost_usd: z.number(),
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  record_count: z.number().int(),
});
export type AgentSpending = z.infer<typeof agentSpendingSchema>;

export const spendingSummarySchema = z.object({
  period_start: z.string(),
  period_end: z.string(),
  total_cost_usd: z.number(),
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  record_count: z.number().int(),
  by_agent: z.array(
    z.object({ agent_id: z.string(), total_cost_usd: z.number(), record_count: z.number() }),
  ),
  budget_total_monthly: z.number(),
  budget_used_percent: z.number(),
  alert_level: z.enum(ALERT_LEVELS),
});
export type SpendingSummary = z.infer<typeof spendingSummarySchema>;

/** `budget.alert`: the company's monthly alert level rose. */
export type BudgetAlert = {
  level: AlertLevel;
  previous_level: AlertLevel;
  used_percent: number;
  total_cost_usd: number;
  budget_total_monthly: number;
};

export const agentIdParamsSchema = z.object({ agent_id: z.string().min(1).max(128) });
