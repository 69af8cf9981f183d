import {
  agentIdParamsSchema,
  agentSpendingSchema,
  budgetConfigSchema,
  costRecordListQuerySchema,
  costRecordSchema,
  envelopeOf,
  paginatedOf,
  spendingSummarySchema,
} from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { requireCeo, requireRead } from '../auth/guards.ts';
import { ok, page } from '../http/envelope.ts';
import type { BudgetService } from './budget-service.ts';

const security = [{ bearer: [] }];
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
          summary: 'Replace the budget configuration (ceo only)',
          security,
          body: budgetConfigSchema,
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
