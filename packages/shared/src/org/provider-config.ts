import { z } from 'zod';

import { PROVIDER_KINDS } from './enums.ts';

export const providerNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, "_", "." and "-" only');

export const providerModelSchema = z.strictObject({
  id: z.string().min(1).max(256),
  /** A tier alias (`large`, `medium`, `small`) or any short name agents may use instead. */
  alias: z.string().min(1).max(64).optional(),
  cost_per_1k_input: z.number().min(0).default(0),
  cost_per_1k_output: z.number().min(0).default(0),
  max_context: z.number().int().min(1).default(200_000),
  estimated_latency_ms: z.number().int().min(1).max(300_000).optional(),
});
export type ProviderModel = z.infer<typeof providerModelSchema>;

export const retryConfigSchema = z.strictObject({
  max_retries: z.number().int().min(0).max(10).default(3),
  base_delay: z.number().min(0).default(1),
  max_delay: z.number().min(0).default(60),
  exponential_base: z.number().min(1).default(2),
  jitter: z.boolean().default(true),
});

export const rateLimiterConfigSchema = z.strictObject({
  /** 0 = unlimited. */
  max_requests_per_minute: z.number().int().min(0).default(0),
  /** 0 = unlimited. */
  max_concurrent: z.number().int().min(0).default(0),
});

/**
 * One LLM provider. `api_key` is usually `${SOME_ENV_VAR}`: the reference is what gets
 * stored, the value is resolved when the runtime builds its client. `driver` is the
 * original's field and is accepted for compatibility; `kind` decides the client.
 */
export const providerConfigSchema = z
  .looseObject({
    kind: z.enum(PROVIDER_KINDS).default('openai-compatible'),
    driver: z.string().optional(),
    base_url: z.url({ protocol: /^https?$/ }).optional(),
    api_key: z.string().min(1).optional(),
    models: z.array(providerModelSchema).default([]),
    retry: retryConfigSchema.prefault({}),
    rate_limiter: rateLimiterConfigSchema.prefault({}),
    /** For `kind: scripted`: a YAML script of replies, relative to the data dir. */
    script: z.string().min(1).optional(),
  })
  .superRefine((provider, ctx) => {
    const seen = new Set<string>();
    provider.models.forEach((model, index) => {
      for (const [field, value] of [
        ['id', model.id],
        ['alias', model.alias],
      ] as const) {
        if (value === undefined) continue;
        if (seen.has(value)) {
          ctx.addIssue({
            code: 'custom',
            path: ['models', index, field],
            message: `model ${field} '${value}' is defined twice in this provider`,
          });
        }
        seen.add(value);
      }
    });
  });
export type ProviderConfig = z.infer<typeof providerConfigSchema>;
