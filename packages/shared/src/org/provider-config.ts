import { z } from 'zod';

import { type PROVIDER_DRIVERS, providerConfigSchema } from '../engine.ts';

export const providerNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, "_", "." and "-" only');

/** Spellings accepted for a driver: ours, the hyphenated form, and the original's `litellm`. */
const DRIVER_ALIASES: Record<string, (typeof PROVIDER_DRIVERS)[number]> = {
  'openai-compatible': 'openai_compatible',
  litellm: 'openai_compatible',
};

function normalizeDriver(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const { kind, ...rest } = value as Record<string, unknown>;
  const driver = rest.driver ?? kind;
  if (typeof driver !== 'string') return rest;
  return { ...rest, driver: DRIVER_ALIASES[driver] ?? driver };
}

/**
 * One provider entry of the company config. The runtime's schema (`engine.ts`) decides the
 * fields; here `kind` is accepted as a synonym of `driver`, `litellm` maps to
 * `openai_compatible`, and model ids and aliases must be unique within the provider.
 * `api_key` is usually `${SOME_ENV_VAR}`: the reference is stored, the value is resolved
 * only when the runtime builds its client.
 */
export const providerEntrySchema = z.preprocess(
  normalizeDriver,
  providerConfigSchema.superRefine((provider, ctx) => {
    const seen = new Set<string>();
    provider.models.forEach((model, index) => {
      for (const field of ['id', 'alias'] as const) {
        const value = model[field];
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
  }),
);
