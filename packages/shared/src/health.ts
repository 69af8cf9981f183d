import { z } from 'zod';

export const HEALTH_STATES = ['ok', 'degraded', 'down'] as const;

export const healthStatusSchema = z.object({
  status: z.enum(HEALTH_STATES),
  persistence: z.boolean(),
  message_bus: z.boolean(),
  version: z.string(),
  uptime_seconds: z.number(),
});
export type HealthStatus = z.infer<typeof healthStatusSchema>;
