import { z } from 'zod';

/**
 * Provider drivers. `openai_compatible` covers Ollama, vLLM, LM Studio and OpenRouter;
 * `scripted` replays a YAML script and never leaves the machine (demos, dry runs).
 */
export const PROVIDER_DRIVERS = ['openai_compatible', 'openai', 'anthropic', 'scripted'] as const;
export type ProviderDriver = (typeof PROVIDER_DRIVERS)[number];

/** How a failed LLM call is classified; only `transient` and `rate_limit` are retried. */
export const PROVIDER_FAILURE_KINDS = [
  'transient',
  'rate_limit',
  'auth',
  'refusal',
  'invalid_request',
] as const;
export type ProviderFailureKind = (typeof PROVIDER_FAILURE_KINDS)[number];

export const MODEL_TIERS = ['large', 'medium', 'small'] as const;
export type ModelTier = (typeof MODEL_TIERS)[number];

export const providerModelSchema = z.object({
  id: z.string().min(1),
  /** A tier alias (`large`/`medium`/`small`) or any other name agents may refer to. */
  alias: z.string().min(1).optional(),
  cost_per_1k_input: z.number().min(0).default(0),
  cost_per_1k_output: z.number().min(0).default(0),
  max_context: z.number().int().positive().default(200_000),
});
export type ProviderModel = z.infer<typeof providerModelSchema>;

export const retryConfigSchema = z.object({
  max_retries: z.number().int().min(0).max(10).default(3),
  /** Seconds before the first retry; doubled (by `exponential_base`) per attempt. */
  base_delay: z.number().min(0).default(1),
  max_delay: z.number().min(0).default(60),
  exponential_base: z.number().min(1).default(2),
  jitter: z.boolean().default(true),
});
export type RetryConfig = z.infer<typeof retryConfigSchema>;

export const providerConfigSchema = z.object({
  driver: z.enum(PROVIDER_DRIVERS).default('openai_compatible'),
  base_url: z.url().optional(),
  api_key: z.string().optional(),
  models: z.array(providerModelSchema).min(1),
  retry: retryConfigSchema.default(retryConfigSchema.parse({})),
  /** Seconds one HTTP call may take. */
  timeout: z.number().positive().default(120),
  /** `scripted` only: path of the YAML script, relative to the config file's directory. */
  script: z.string().optional(),
});
export type ProviderConfig = z.infer<typeof providerConfigSchema>;

export const providersConfigSchema = z.record(z.string().min(1), providerConfigSchema);
export type ProvidersConfig = z.infer<typeof providersConfigSchema>;

/** One scripted reply: text, tool calls, or both. Usage defaults keep demo costs visible. */
export const scriptedReplySchema = z.object({
  content: z.string().optional(),
  tool_calls: z
    .array(z.object({ name: z.string().min(1), arguments: z.record(z.string(), z.unknown()) }))
    .default([]),
  usage: z
    .object({
      input_tokens: z.number().int().min(0),
      output_tokens: z.number().int().min(0),
    })
    .default({ input_tokens: 100, output_tokens: 40 }),
});
export type ScriptedReply = z.infer<typeof scriptedReplySchema>;

/**
 * A scripted provider's file. Replies are consumed per run in order; `match` picks the
 * script whose text appears in the task title (first match wins, `default` otherwise).
 */
export const providerScriptSchema = z.object({
  scripts: z
    .array(
      z.object({
        match: z.string().optional(),
        replies: z.array(scriptedReplySchema).min(1),
      }),
    )
    .min(1),
});
export type ProviderScript = z.infer<typeof providerScriptSchema>;

/** Why a run's loop stopped. */
export const TERMINATION_REASONS = [
  'completed',
  'max_turns',
  'repeated_tool_call',
  'budget_exhausted',
  'parked',
  'rejected',
  'error',
  'shutdown',
] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];

export const RUN_STATUSES = ['running', 'parked', 'finished', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A run as the API shows it (no message text: conversations may hold workspace content). */
export const runViewSchema = z.object({
  id: z.string(),
  task_id: z.string(),
  agent_id: z.string(),
  attempt: z.number().int(),
  status: z.enum(RUN_STATUSES),
  termination_reason: z.enum(TERMINATION_REASONS).nullable(),
  error: z.string().nullable(),
  turn_count: z.number().int(),
  llm_calls: z.number().int(),
  cost_usd: z.number(),
  approval_id: z.string().nullable(),
  started_at: z.string(),
  updated_at: z.string(),
  finished_at: z.string().nullable(),
});
export type RunView = z.infer<typeof runViewSchema>;

/** Payload of `agent.activity`: one step of a run, for the live feed. */
export const agentActivitySchema = z.object({
  agent_id: z.string(),
  task_id: z.string(),
  run_id: z.string(),
  turn: z.number().int(),
  kind: z.enum(['llm_call', 'tool_call', 'tool_refused', 'parked', 'finished']),
  summary: z.string(),
  scripted: z.boolean(),
});
export type AgentActivity = z.infer<typeof agentActivitySchema>;

/** A provider as the API shows it; the key is never included, only whether one is set. */
export const providerViewSchema = z.object({
  name: z.string(),
  driver: z.enum(PROVIDER_DRIVERS),
  scripted: z.boolean(),
  base_url: z.string().nullable(),
  has_api_key: z.boolean(),
  models: z.array(providerModelSchema),
});
export type ProviderView = z.infer<typeof providerViewSchema>;
