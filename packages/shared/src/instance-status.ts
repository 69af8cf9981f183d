import { z } from 'zod';

import { HEALTH_STATES, healthStatusSchema } from './health.ts';

/** How one listener of a local instance answered its health probe. */
export const LISTENER_STATES = [...HEALTH_STATES, 'unreachable'] as const;

/**
 * `synthorg status --json`: the state of the local instance that owns one data dir. Scripts
 * parse this, so fields are only ever added.
 */
export const instanceStatusSchema = z.object({
  data_dir: z.string(),
  running: z.boolean(),
  /** A lock file was left by a process that no longer runs; the next start removes it. */
  stale_lock: z.boolean(),
  pid: z.number().int().nullable(),
  started_at: z.string().nullable(),
  cli_version: z.string(),
  urls: z.object({ api: z.string(), dashboard: z.string() }).nullable(),
  health: z
    .object({
      /** Direct probe of the API listener. */
      api: z.enum(LISTENER_STATES),
      /** The same probe through the dashboard listener's `/api` proxy. */
      dashboard: z.enum(LISTENER_STATES),
      detail: healthStatusSchema.nullable(),
    })
    .nullable(),
  /** True while no admin account exists; null when it could not be determined. */
  setup_pending: z.boolean().nullable(),
  healthy: z.boolean(),
});
export type InstanceStatus = z.infer<typeof instanceStatusSchema>;
