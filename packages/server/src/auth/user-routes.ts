import {
  createUserRequestSchema,
  envelopeOf,
  paginatedOf,
  paginationQuerySchema,
  updateUserRequestSchema,
  userIdParamsSchema,
  userSchema,
} from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { ok, pageOf } from '../http/envelope.ts';
import { requireCeo } from './guards.ts';
import type { UserService } from './user-service.ts';

const security = [{ bearer: [] }];

/** `/users`: account management for the ceo (our extension to the original API). */
export function userRoutes(users: UserService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/users',
      {
        onRequest: requireCeo,
        schema: {
          tags: ['users'],
          summary: 'List accounts',
          security,
          querystring: paginationQuerySchema,
          response: { 200: paginatedOf(userSchema) },
        },
      },
      async (request) => pageOf(await users.list(), request.query),
    );

    app.post(
      '/users',
      {
        onRequest: requireCeo,
        schema: {
          tags: ['users'],
          summary: 'Create an account; it must change its password at first login',
          security,
          body: createUserRequestSchema,
          response: { 201: envelopeOf(userSchema) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(ok(await users.create(request.user, request.body))),
    );

    app.patch(
      '/users/:id',
      {
        onRequest: requireCeo,
        schema: {
          tags: ['users'],
          summary: 'Change role or disable; disabling closes the account’s WebSockets (4011)',
          security,
          params: userIdParamsSchema,
          body: updateUserRequestSchema,
          response: { 200: envelopeOf(userSchema) },
        },
      },
      async (request) => ok(await users.update(request.user, request.params.id, request.body)),
    );
  };
}
