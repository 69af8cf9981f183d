import {
  createProjectRequestSchema,
  envelopeOf,
  paginatedOf,
  projectIdParamsSchema,
  projectListQuerySchema,
  projectSchema,
  updateProjectRequestSchema,
} from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { requireRead, requireWrite } from '../auth/guards.ts';
import { ok, page } from '../http/envelope.ts';
import type { ProjectService } from './project-service.ts';

const security = [{ bearer: [] }];
const tags = ['projects'];

/** `/projects`: persisted projects (the original answered 501 here). */
export function projectRoutes(projects: ProjectService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/projects',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'List projects',
          security,
          querystring: projectListQuerySchema,
          response: { 200: paginatedOf(projectSchema) },
        },
      },
      async (request) => {
        const { offset, limit, ...filter } = request.query;
        const { items, total } = await projects.list(filter, { offset, limit });
        return page(items, total, { offset, limit });
      },
    );

    app.get(
      '/projects/:project_id',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'Get a project with its task ids',
          security,
          params: projectIdParamsSchema,
          response: { 200: envelopeOf(projectSchema) },
        },
      },
      async (request) => ok(await projects.get(request.params.project_id)),
    );

    app.post(
      '/projects',
      {
        onRequest: requireWrite,
        schema: {
          tags,
          summary: 'Create a project',
          security,
          body: createProjectRequestSchema,
          response: { 201: envelopeOf(projectSchema) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(ok(await projects.create(request.body, request.user.username))),
    );

    app.patch(
      '/projects/:project_id',
      {
        onRequest: requireWrite,
        schema: {
          tags,
          summary: 'Edit a project',
          security,
          params: projectIdParamsSchema,
          body: updateProjectRequestSchema,
          response: { 200: envelopeOf(projectSchema) },
        },
      },
      async (request) =>
        ok(await projects.update(request.params.project_id, request.body, request.user.username)),
    );
  };
}
