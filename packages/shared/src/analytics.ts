import { z } from 'zod';

import { TASK_STATUSES } from './tasks.ts';

export const analyticsOverviewSchema = z.object({
  total_tasks: z.number().int(),
  tasks_by_status: z.record(z.enum(TASK_STATUSES), z.number().int()),
  total_agents: z.number().int(),
  total_cost_usd: z.number(),
  pending_approvals: z.number().int(),
});
export type AnalyticsOverview = z.infer<typeof analyticsOverviewSchema>;
