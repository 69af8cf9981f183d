import {
  approvalIdParamsSchema,
  approvalListQuerySchema,
  approvalSchema,
  approveRequestSchema,
  createApprovalRequestSchema,
  envelopeOf,
  paginatedOf,
  rejectRequestSchema,
} from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { requireRead, requireWrite } from '../auth/guards.ts';
import { ok, page } from '../http/envelope.ts';
import type { ApprovalService } from './approval-service.ts';

const security = [{ bearer: [] }];
const tags = ['approvals'];
const approvalEnvelope = { 200: envelopeOf(approvalSchema) };

/** `/approvals`: the human approval queue. */
export function approvalRoutes(approvals: ApprovalService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/approvals',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'List approvals, newest first',
          security,
          querystring: approvalListQuerySchema,
          response: { 200: paginatedOf(approvalSchema) },
        },
      },
      async (request) => {
        const { offset, limit, ...filter } = request.query;
        const { items, total } = await approvals.list(filter, { offset, limit });
        return page(items, total, { offset, limit });
      },
    );

    app.get(
      '/approvals/:approval_id',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'Get an approval',
          security,
          params: approvalIdParamsSchema,
          response: approvalEnvelope,
        },
      },
      async (request) => ok(await approvals.get(request.params.approval_id)),
    );

    app.post(
      '/approvals',
      {
        onRequest: requireWrite,
        schema: {
          tags,
          summary: 'Submit an approval request',
          security,
          body: createApprovalRequestSchema,
          response: { 201: envelopeOf(approvalSchema) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(ok(await approvals.create(request.body, request.user.username))),
    );

    app.post(
      '/approvals/:approval_id/approve',
      {
        onRequest: requireWrite,
        schema: {
          tags,
          summary: 'Approve a pending request; 409 when it is no longer pending',
          security,
          params: approvalIdParamsSchema,
          body: approveRequestSchema,
          response: approvalEnvelope,
        },
      },
      async (request) =>
        ok(
          await approvals.approve(
            request.params.approval_id,
            request.user.username,
            request.body.comment,
          ),
        ),
    );

    app.post(
      '/approvals/:approval_id/reject',
      {
        onRequest: requireWrite,
        schema: {
          tags,
          summary: 'Reject a pending request with a reason; 409 when it is no longer pending',
          security,
          params: approvalIdParamsSchema,
          body: rejectRequestSchema,
          response: approvalEnvelope,
        },
      },
      async (request) =>
        ok(
          await approvals.reject(
            request.params.approval_id,
            request.user.username,
            request.body.reason,
          ),
        ),
    );
  };
}
