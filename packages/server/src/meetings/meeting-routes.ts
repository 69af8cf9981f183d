import {
  envelopeOf,
  meetingIdParamsSchema,
  meetingListQuerySchema,
  meetingRecordSchema,
  paginatedOf,
  triggerMeetingRequestSchema,
} from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { requireRead, requireWrite } from '../auth/guards.ts';
import { ok, page } from '../http/envelope.ts';
import type { MeetingService } from './meeting-service.ts';

const security = [{ bearer: [] }];
const tags = ['meetings'];

/** `/meetings`: meeting records and event triggers. */
export function meetingRoutes(meetings: MeetingService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/meetings',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'Meeting records, newest first',
          security,
          querystring: meetingListQuerySchema,
          response: { 200: paginatedOf(meetingRecordSchema) },
        },
      },
      async (request) => {
        const { offset, limit, ...filter } = request.query;
        const { items, total } = await meetings.list(filter, { offset, limit });
        return page(items, total, { offset, limit });
      },
    );

    app.get(
      '/meetings/:meeting_id',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'Get a meeting record',
          security,
          params: meetingIdParamsSchema,
          response: { 200: envelopeOf(meetingRecordSchema) },
        },
      },
      async (request) => ok(await meetings.get(request.params.meeting_id)),
    );

    app.post(
      '/meetings/trigger',
      {
        onRequest: requireWrite,
        schema: {
          tags,
          summary: 'Schedule the meetings whose trigger is this event',
          security,
          body: triggerMeetingRequestSchema,
          response: { 200: envelopeOf(meetingRecordSchema.array()) },
        },
      },
      async (request) => ok(await meetings.trigger(request.body.event_name, request.body.context)),
    );
  };
}
