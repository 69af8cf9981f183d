import {
  agentListQuerySchema,
  agentSchema,
  autonomyUpdateSchema,
  autonomyViewSchema,
  envelopeOf,
  paginatedOf,
  paginationQuerySchema,
} from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { requireRead, requireWrite } from '../auth/guards.ts';
import { ok, pageOf } from '../http/envelope.ts';
import type { AgentsService } from './agents-service.ts';

const security = [{ bearer: [] }];
/** An agent is addressed by id or by name (the dashboard links by name). */
const agentParams = z.object({ name: z.string().min(1).max(128) });

/** `/agents`: the company's agents and their autonomy. */
export function agentRoutes(agents: AgentsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/agents',
      {
        onRequest: requireRead,
        schema: {
          tags: ['agents'],
          summary: 'Agents, paginated; filter by department, level, status, runtime_status',
          security,
          querystring: paginationQuerySchema.extend(agentListQuerySchema.shape),
          response: { 200: paginatedOf(agentSchema) },
        },
      },
      async (request) => pageOf(await agents.list(request.query), request.query),
    );

    app.get(
      '/agents/:name',
      {
        onRequest: requireRead,
        schema: {
          tags: ['agents'],
          summary: 'One agent by id or name',
          security,
          params: agentParams,
          response: { 200: envelopeOf(agentSchema) },
        },
      },
      async (request) => ok(await agents.get(request.params.name)),
    );

    app.get(
      '/agents/:name/autonomy',
      {
        onRequest: requireRead,
        schema: {
          tags: ['agents'],
          summary: 'The autonomy level that applies to the agent and where it comes from',
          security,
          params: agentParams,
          response: { 200: envelopeOf(autonomyViewSchema) },
        },
      },
      async (request) => ok(await agents.autonomy(request.params.name)),
    );

    app.post(
      '/agents/:name/autonomy',
      {
        onRequest: requireWrite,
        schema: {
          tags: ['agents'],
          summary: "Set the agent's own autonomy level (junior agents cannot be full)",
          security,
          params: agentParams,
          body: autonomyUpdateSchema,
          response: { 200: envelopeOf(autonomyViewSchema) },
        },
      },
      async (request) => ok(await agents.setAutonomy(request.params.name, request.body.level)),
    );
  };
}
