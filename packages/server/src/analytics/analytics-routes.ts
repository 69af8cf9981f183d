import { analyticsOverviewSchema, envelopeOf } from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import type { ApprovalService } from '../approvals/approval-service.ts';
import { requireRead } from '../auth/guards.ts';
import type { BudgetService } from '../budget/budget-service.ts';
import { ok } from '../http/envelope.ts';
import type { AgentDirectory } from '../tasks/agent-directory.ts';
import type { TaskService } from '../tasks/task-service.ts';

export interface AnalyticsDeps {
  tasks: TaskService;
  budget: BudgetService;
  approvals: ApprovalService;
  agents?: AgentDirectory | undefined;
}

/** `/analytics/overview`: the dashboard's headline numbers. */
export function analyticsRoutes(deps: AnalyticsDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/analytics/overview',
      {
        onRequest: requireRead,
        schema: {
          tags: ['analytics'],
          summary: 'Task counts by status, agents, total cost, pending approvals',
          security: [{ bearer: [] }],
          response: { 200: envelopeOf(analyticsOverviewSchema) },
        },
      },
      async () => {
        const tasksByStatus = await deps.tasks.countByStatus();
        return ok({
          total_tasks: Object.values(tasksByStatus).reduce((sum, n) => sum + n, 0),
          tasks_by_status: tasksByStatus,
          total_agents: (await deps.agents?.count()) ?? 0,
          total_cost_usd: await deps.budget.totalCost(),
          pending_approvals: await deps.approvals.countPending(),
        });
      },
    );
  };
}
