import { envelopeOf, wsTicketResponseSchema } from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { requireRead } from '../auth/guards.ts';
import { ok } from '../http/envelope.ts';
import type { TicketService } from './ticket-service.ts';

/** `POST /auth/ws-ticket`: a single-use, 30-second ticket for opening `/ws`. */
export function ticketRoutes(tickets: TicketService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/ws-ticket',
      {
        onRequest: requireRead,
        schema: {
          tags: ['auth'],
          summary: 'Issue a WebSocket ticket (JWT callers only; at most 5 pending per user)',
          security: [{ bearer: [] }],
          response: { 200: envelopeOf(wsTicketResponseSchema) },
        },
      },
      async (request) => ok(await tickets.issue({ user: request.user, token: request.authToken })),
    );
  };
}
