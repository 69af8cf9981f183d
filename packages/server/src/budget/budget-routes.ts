import {
  agentIdParamsSchema,
  agentSpendingSchema,
  autoDowngradeSchema,
  budgetConfigSchema,
  costRecordListQuerySchema,
  costRecordSchema,
  envelopeOf,
  paginatedOf,
  spendingSummarySchema,
} from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { requireCeo, requireRead } from '../auth/guards.ts';
import { ok, page } from '../http/envelope.ts';
import type { BudgetService } from './budget-service.ts';

const security = [{ bearer: [] }];

/**
 * The fields to change; each is stored as its `budget` setting override, so
 * `DELETE /settings/budget/{key}` undoes it. Consistency is checked on the merged result.
 */
const budgetConfigPatchSchema = z.object({
  total_monthly: z.number().min(0).optional(),
  per_task_limit: z.number().min(0).optional(),
  per_agent_daily_limit: z.number().min(0).optional(),
  alerts: z
    .object({
      warn_at: z.number().min(0).max(100).optional(),
      critical_at: z.number().min(0).max(100).optional(),
      hard_stop_at: z.number().min(0).max(100).optional(),
    })
    .optional(),
  auto_downgrade: autoDowngradeSchema.optional(),
  reset_day: z.number().int().min(1).max(28).optional(),
});
const tags = ['budget'];

/** `/budget`: configuration, cost records and spending. */
export function budgetRoutes(budget: BudgetService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/budget/config',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'The budget configuration',
          security,
          response: { 200: envelopeOf(budgetConfigSchema) },
        },
      },
      async () => ok(await budget.getConfig()),
    );

    app.put(
      '/budget/config',
      {
        onRequest: requireCeo,
        schema: {
          tags,
          summary: 'Override the given budget fields (ceo only); the others keep their values',
          security,
          body: budgetConfigPatchSchema,
          response: { 200: envelopeOf(budgetConfigSchema) },
        },
      },
      async (request) => ok(await budget.setConfig(request.body)),
    );

    app.get(
      '/budget/records',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'Cost records, newest first',
          security,
          querystring: costRecordListQuerySchema,
          response: { 200: paginatedOf(costRecordSchema) },
        },
      },
      async (request) => {
        const { offset, limit, ...filter } = request.query;
        const { items, total } = await budget.listRecords(filter, { offset, limit });
        return page(items, total, { offset, limit });
      },
    );

    app.get(
      '/budget/summary',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'Spending in the current billing period',
          security,
          response: { 200: envelopeOf(spendingSummarySchema) },
        },
      },
      async () => ok(await budget.summary()),
    );

    app.get(
      '/budget/agents/:agent_id',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'What one agent has spent',
          security,
          params: agentIdParamsSchema,
          response: { 200: envelopeOf(agentSpendingSchema) },
        },
      },
      async (request) => ok(await budget.agentSpending(request.params.agent_id)),
    );
  };
}
