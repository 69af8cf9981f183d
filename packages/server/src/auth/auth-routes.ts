import {
  changePasswordRequestSchema,
  envelopeOf,
  loginRequestSchema,
  logoutResponseSchema,
  passwordChangedResponseSchema,
  setupRequestSchema,
  tokenResponseSchema,
  userInfoSchema,
} from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { ok } from '../http/envelope.ts';
import type { AuthService } from './auth-service.ts';
import { requireToken } from './guards.ts';

export interface AuthRoutesOptions {
  auth: AuthService;
  /** Per-address limit on setup, login and change-password, apart from the global limit. */
  limitPerMinute: number;
}

const security = [{ bearer: [] }];

/** `/auth/*`: first-run setup, login, the caller's identity, password change and logout. */
export function authRoutes(options: AuthRoutesOptions): FastifyPluginAsyncZod {
  const { auth } = options;
  const limited = { rateLimit: { max: options.limitPerMinute, timeWindow: '1 minute' } };

  return async (app) => {
    app.post(
      '/auth/setup',
      {
        config: limited,
        schema: {
          tags: ['auth'],
          summary: 'Create the first account (role ceo); 409 once any account exists',
          body: setupRequestSchema,
          response: { 201: envelopeOf(tokenResponseSchema) },
        },
      },
      async (request, reply) => {
        const token = await auth.setup(request.body.username, request.body.password);
        return reply.status(201).send(ok(token));
      },
    );

    app.post(
      '/auth/login',
      {
        config: limited,
        schema: {
          tags: ['auth'],
          summary: 'Exchange username and password for a bearer JWT',
          body: loginRequestSchema,
          response: { 200: envelopeOf(tokenResponseSchema) },
        },
      },
      async (request) =>
        ok(await auth.login(request.body.username, request.body.password, request.ip)),
    );

    app.get(
      '/auth/me',
      {
        onRequest: requireToken,
        schema: {
          tags: ['auth'],
          summary: 'The authenticated caller',
          security,
          response: { 200: envelopeOf(userInfoSchema) },
        },
      },
      async (request) => {
        const { id, username, role, mustChangePassword } = request.user;
        return ok({ id, username, role, must_change_password: mustChangePassword });
      },
    );

    app.post(
      '/auth/change-password',
      {
        config: limited,
        onRequest: requireToken,
        schema: {
          tags: ['auth'],
          summary: 'Change the password; every earlier token dies, a fresh one is returned',
          security,
          body: changePasswordRequestSchema,
          response: { 200: envelopeOf(passwordChangedResponseSchema) },
        },
      },
      async (request) => {
        const session = { user: request.user, token: request.authToken };
        const { current_password, new_password } = request.body;
        return ok(await auth.changePassword(session, current_password, new_password));
      },
    );

    app.post(
      '/auth/logout',
      {
        onRequest: requireToken,
        schema: {
          tags: ['auth'],
          summary: 'Revoke the token of this request and close its WebSocket sessions',
          security,
          response: { 200: envelopeOf(logoutResponseSchema) },
        },
      },
      async (request) => {
        await auth.logout({ user: request.user, token: request.authToken });
        return ok(null);
      },
    );
  };
}
