import {
  DOCTOR_SESSION_SECONDS,
  doctorEchoRequestSchema,
  doctorEchoResponseSchema,
  doctorSessionRequestSchema,
  envelopeOf,
  tokenResponseSchema,
} from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import type { AuthService } from '../auth/auth-service.ts';
import { requireRead } from '../auth/guards.ts';
import type { UserRepository } from '../auth/user-repository.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import { AppError } from '../http/app-error.ts';
import { ok } from '../http/envelope.ts';
import type { Logger } from '../logging/logger.ts';
import { DOCTOR_EVENTS } from './doctor-events.ts';
import { redeemDoctorToken } from './doctor-token.ts';

export interface DoctorRouteOptions {
  dataDir: string;
  auth: AuthService;
  users: UserRepository;
  events: EventPublisher;
  log: Logger;
}

/** The first enabled `ceo`: the account setup created, which doctor acts as. */
async function firstCeo(users: UserRepository) {
  const all = await users.list();
  return all.find((user) => user.role === 'ceo' && user.disabled === 0);
}

/**
 * Endpoints for `synthorg doctor`'s round trip. `/doctor/session` trades the one-time token
 * file for a 60-second JWT of the first ceo: only someone who can write into the data dir (and
 * so could read the database anyway) gets one. `/doctor/echo` publishes `system.test`.
 */
export function doctorRoutes(options: DoctorRouteOptions): FastifyPluginAsyncZod {
  const { log } = options;
  return async (app) => {
    app.post(
      '/doctor/session',
      {
        schema: {
          tags: ['doctor'],
          summary: 'Trade the one-time doctor token file for a short-lived token',
          body: doctorSessionRequestSchema,
          response: { 201: envelopeOf(tokenResponseSchema) },
        },
      },
      async (request, reply) => {
        const redeemed = redeemDoctorToken(options.dataDir, request.body.token);
        if (!redeemed.ok) {
          log.warn({ event: DOCTOR_EVENTS.sessionRefused, reason: redeemed.reason }, 'refused');
          throw new AppError('TOKEN_INVALID', 'Invalid or expired doctor token');
        }
        const ceo = await firstCeo(options.users);
        if (!ceo) throw new AppError('SETUP_REQUIRED', 'No account yet: finish first-run setup');
        const issued = await options.auth.issueFor(ceo.id, DOCTOR_SESSION_SECONDS);
        log.info({ event: DOCTOR_EVENTS.sessionIssued, user_id: ceo.id }, 'doctor session');
        return reply.status(201).send(ok(issued));
      },
    );

    app.post(
      '/doctor/echo',
      {
        onRequest: requireRead,
        schema: {
          tags: ['doctor'],
          summary: 'Publish a system.test event carrying the given nonce',
          security: [{ bearer: [] }],
          body: doctorEchoRequestSchema,
          response: { 200: envelopeOf(doctorEchoResponseSchema) },
        },
      },
      async (request) => {
        const { nonce } = request.body;
        options.events.publish('system.test', { nonce, requested_by: request.user.username });
        log.info({ event: DOCTOR_EVENTS.echo, user_id: request.user.id }, 'doctor echo');
        return ok({ published: true as const, nonce });
      },
    );
  };
}
