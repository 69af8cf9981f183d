import {
  envelopeOf,
  paginatedOf,
  paginationQuerySchema,
  runViewSchema,
  taskIdParamsSchema,
} from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { requireRead } from '../auth/guards.ts';
import { AppError } from '../http/app-error.ts';
import { ok, page } from '../http/envelope.ts';
import type { Engine } from './engine.ts';
import { toRunView } from './runs/run-store.ts';

const security = [{ bearer: [] }];

const agentParams = z.object({ name: z.string().min(1).max(128) });

/** Runs of tasks: counts, cost and why they stopped. */
export function engineRoutes(engine: Engine): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/tasks/:task_id/runs',
      {
        onRequest: requireRead,
        schema: {
          tags: ['runs'],
          summary: "A task's runs, oldest first (counts and cost, no conversation text)",
          security,
          params: taskIdParamsSchema,
          response: { 200: envelopeOf(z.array(runViewSchema)) },
        },
      },
      async (request) => ok((await engine.runs.listForTask(request.params.task_id)).map(toRunView)),
    );

    app.get(
      '/agents/:name/runs',
      {
        onRequest: requireRead,
        schema: {
          tags: ['runs'],
          summary:
            "An agent's recent runs, newest first (counts and cost, no conversation text); " +
            'an agent without runs, or a name no run carries, answers an empty page',
          security,
          params: agentParams,
          querystring: paginationQuerySchema,
          response: { 200: paginatedOf(runViewSchema) },
        },
      },
      async (request) => {
        const { offset, limit } = request.query;
        const { items, total } = await engine.runs.listForAgent(request.params.name, {
          offset,
          limit,
        });
        return page(items.map(toRunView), total, { offset, limit });
      },
    );

    app.get(
      '/runs/:run_id',
      {
        onRequest: requireRead,
        schema: {
          tags: ['runs'],
          summary: 'One run',
          security,
          params: z.object({ run_id: z.string().min(1).max(128) }),
          response: { 200: envelopeOf(runViewSchema) },
        },
      },
      async (request) => {
        const run = await engine.runs.get(request.params.run_id);
        if (!run) throw new AppError('NOT_FOUND', `Run '${request.params.run_id}' not found`);
        return ok(toRunView(run));
      },
    );
  };
}
