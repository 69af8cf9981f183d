import {
  assignTaskRequestSchema,
  cancelTaskRequestSchema,
  createTaskRequestSchema,
  envelopeOf,
  nullEnvelopeSchema,
  paginatedOf,
  taskIdParamsSchema,
  taskListQuerySchema,
  taskSchema,
  transitionTaskRequestSchema,
  updateTaskRequestSchema,
} from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import type { ApprovalService } from '../approvals/approval-service.ts';
import { requireRead, requireWrite } from '../auth/guards.ts';
import { AppError } from '../http/app-error.ts';
import { ok, page } from '../http/envelope.ts';
import type { TaskService } from './task-service.ts';

const security = [{ bearer: [] }];
const tags = ['tasks'];
const taskEnvelope = { 200: envelopeOf(taskSchema) };

/** `/tasks`: the task board. Reads need any role, changes a writing role. */
/**
 * A task in review waits for the decision on its review approval: a person cannot complete it
 * (or send it back to work) by moving it by hand, which would skip the reviewer and leave the
 * approval pending. Cancelling and blocking stay possible.
 */
async function assertNoPendingReview(
  tasks: TaskService,
  approvals: ApprovalService | undefined,
  taskId: string,
  target: string,
): Promise<void> {
  if (!approvals || (target !== 'completed' && target !== 'in_progress')) return;
  if ((await tasks.get(taskId)).status !== 'in_review') return;
  const pending = await approvals.list(
    { task_id: taskId, action_type: 'task:review', status: 'pending' },
    { offset: 0, limit: 1 },
  );
  const review = pending.items[0];
  if (review) {
    throw new AppError(
      'INVALID_TRANSITION',
      `Task '${taskId}' is waiting for its review: approve or reject approval '${review.id}' instead`,
    );
  }
}

export function taskRoutes(tasks: TaskService, approvals?: ApprovalService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/tasks',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'List tasks, oldest first',
          security,
          querystring: taskListQuerySchema,
          response: { 200: paginatedOf(taskSchema) },
        },
      },
      async (request) => {
        const { offset, limit, ...filter } = request.query;
        const { items, total } = await tasks.list(filter, { offset, limit });
        return page(items, total, { offset, limit });
      },
    );

    app.get(
      '/tasks/:task_id',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'Get a task',
          security,
          params: taskIdParamsSchema,
          response: taskEnvelope,
        },
      },
      async (request) => ok(await tasks.get(request.params.task_id)),
    );

    app.post(
      '/tasks',
      {
        onRequest: requireWrite,
        schema: {
          tags,
          summary: 'Create a task (starts assigned when assigned_to is given)',
          security,
          body: createTaskRequestSchema,
          response: { 201: envelopeOf(taskSchema) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(ok(await tasks.create(request.body, request.user.username))),
    );

    app.patch(
      '/tasks/:task_id',
      {
        onRequest: requireWrite,
        schema: {
          tags,
          summary: 'Edit task fields (not status or assignee)',
          security,
          params: taskIdParamsSchema,
          body: updateTaskRequestSchema,
          response: taskEnvelope,
        },
      },
      async (request) =>
        ok(await tasks.update(request.params.task_id, request.body, request.user.username)),
    );

    app.post(
      '/tasks/:task_id/transition',
      {
        onRequest: requireWrite,
        schema: {
          tags,
          summary: 'Move a task through the state machine',
          security,
          params: taskIdParamsSchema,
          body: transitionTaskRequestSchema,
          response: taskEnvelope,
        },
      },
      async (request) => {
        const { target_status, assigned_to, reason, expected_version } = request.body;
        const plan = {
          target: target_status,
          assignedTo: assigned_to,
          reason,
          expectedVersion: expected_version,
        };
        await assertNoPendingReview(tasks, approvals, request.params.task_id, target_status);
        return ok(await tasks.transition(request.params.task_id, plan, request.user.username));
      },
    );

    app.post(
      '/tasks/:task_id/assign',
      {
        onRequest: requireWrite,
        schema: {
          tags,
          summary: 'Assign or reassign a task',
          security,
          params: taskIdParamsSchema,
          body: assignTaskRequestSchema,
          response: taskEnvelope,
        },
      },
      async (request) => {
        const { assigned_to, expected_version } = request.body;
        const { task_id } = request.params;
        return ok(
          await tasks.assign(task_id, assigned_to, request.user.username, expected_version),
        );
      },
    );

    app.post(
      '/tasks/:task_id/cancel',
      {
        onRequest: requireWrite,
        schema: {
          tags,
          summary: 'Cancel a task with a reason',
          security,
          params: taskIdParamsSchema,
          body: cancelTaskRequestSchema,
          response: taskEnvelope,
        },
      },
      async (request) => {
        const { reason, expected_version } = request.body;
        const { task_id } = request.params;
        return ok(await tasks.cancel(task_id, reason, request.user.username, expected_version));
      },
    );

    app.delete(
      '/tasks/:task_id',
      {
        onRequest: requireWrite,
        schema: {
          tags,
          summary: 'Delete a task that is not in progress',
          security,
          params: taskIdParamsSchema,
          response: { 200: nullEnvelopeSchema },
        },
      },
      async (request) => {
        await tasks.delete(request.params.task_id, request.user.username);
        return ok(null);
      },
    );
  };
}
