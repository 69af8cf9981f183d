import {
  envelopeOf,
  messageChannelSchema,
  messageListQuerySchema,
  messageSchema,
  paginatedOf,
  sendMessageRequestSchema,
} from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { requireRead, requireWrite } from '../auth/guards.ts';
import { ok, page } from '../http/envelope.ts';
import type { MessageService } from './message-service.ts';

const security = [{ bearer: [] }];
const tags = ['messages'];

/** `/messages`: the company's message channels. */
export function messageRoutes(messages: MessageService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/messages',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'Messages, newest first; all channels when channel is absent',
          security,
          querystring: messageListQuerySchema,
          response: { 200: paginatedOf(messageSchema) },
        },
      },
      async (request) => {
        const { offset, limit, channel } = request.query;
        const { items, total } = await messages.list(channel, { offset, limit });
        return page(items, total, { offset, limit });
      },
    );

    app.get(
      '/messages/channels',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'Message channels',
          security,
          response: { 200: envelopeOf(messageChannelSchema.array()) },
        },
      },
      async () => ok(await messages.listChannels()),
    );

    app.post(
      '/messages',
      {
        onRequest: requireWrite,
        schema: {
          tags,
          summary: 'Send a message to a channel',
          security,
          body: sendMessageRequestSchema,
          response: { 201: envelopeOf(messageSchema) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(ok(await messages.send(request.body, request.user.username))),
    );
  };
}
