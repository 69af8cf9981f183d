import {
  artifactIdParamsSchema,
  artifactListQuerySchema,
  artifactSchema,
  createArtifactRequestSchema,
  envelopeOf,
  nullEnvelopeSchema,
  paginatedOf,
} from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { requireRead, requireWrite } from '../auth/guards.ts';
import { ok, page } from '../http/envelope.ts';
import type { ArtifactService } from './artifact-service.ts';

const security = [{ bearer: [] }];
const tags = ['artifacts'];

/** `/artifacts`: what agents produced, metadata and content. */
export function artifactRoutes(artifacts: ArtifactService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/artifacts',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'List artifacts (metadata only)',
          security,
          querystring: artifactListQuerySchema,
          response: { 200: paginatedOf(artifactSchema) },
        },
      },
      async (request) => {
        const { offset, limit, ...filter } = request.query;
        const { items, total } = await artifacts.list(filter, { offset, limit });
        return page(items, total, { offset, limit });
      },
    );

    app.get(
      '/artifacts/:artifact_id',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'Artifact metadata',
          security,
          params: artifactIdParamsSchema,
          response: { 200: envelopeOf(artifactSchema) },
        },
      },
      async (request) => ok(await artifacts.get(request.params.artifact_id)),
    );

    app.get(
      '/artifacts/:artifact_id/content',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'Artifact content, always served as plain text',
          security,
          params: artifactIdParamsSchema,
        },
      },
      async (request, reply) => {
        const { content } = await artifacts.content(request.params.artifact_id);
        // Agent-written content is never rendered by the browser as HTML on our origin.
        return reply.type('text/plain; charset=utf-8').send(content);
      },
    );

    app.post(
      '/artifacts',
      {
        onRequest: requireWrite,
        schema: {
          tags,
          summary: 'Store an artifact for a task',
          security,
          body: createArtifactRequestSchema,
          response: { 201: envelopeOf(artifactSchema) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(ok(await artifacts.create(request.body, request.user.username))),
    );

    app.delete(
      '/artifacts/:artifact_id',
      {
        onRequest: requireWrite,
        schema: {
          tags,
          summary: 'Delete an artifact',
          security,
          params: artifactIdParamsSchema,
          response: { 200: nullEnvelopeSchema },
        },
      },
      async (request) => {
        await artifacts.delete(request.params.artifact_id, request.user.username);
        return ok(null);
      },
    );
  };
}
