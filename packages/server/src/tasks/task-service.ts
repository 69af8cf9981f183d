import { isDeepStrictEqual } from 'node:util';
import {
  type CreateTaskInput,
  type CreateTaskRequest,
  createTaskRequestSchema,
  type EventType,
  TASK_STATUSES,
  type Task,
  type TaskStatus,
  type UpdateTaskRequest,
} from '@synthorg/shared';
import type { Kysely } from 'kysely';

import { newId, nowIso, toNumber } from '../db/rows.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import { AppError } from '../http/app-error.ts';
import { parseInput } from '../http/parse-input.ts';
import type { Logger } from '../logging/logger.ts';
import { type AgentDirectory, workingAgentName } from './agent-directory.ts';
import { TASK_LOG } from './task-log-events.ts';
import {
  assertDeletable,
  buildNewTask,
  planAssign,
  planTransition,
  planUpdate,
  type TransitionPlan,
} from './task-rules.ts';
import { rowToTask, taskToRow } from './task-table.ts';

export interface TaskFilter {
  status?: TaskStatus | undefined;
  assigned_to?: string | undefined;
  project?: string | undefined;
}

export interface ListWindow {
  offset: number;
  limit: number;
}

/**
 * The single writer of task state. Every change is a compare-and-set on `version`, checked
 * against the state machine, and published after it is committed.
 *
 * @example
 * const task = await tasks.create({ title: 'Ship', description: 'v1', type: 'development',
 *   project: 'p1' }, 'ceo');
 * await tasks.assign(task.id, 'alice', 'runner');
 * await tasks.transition(task.id, { target: 'in_progress' }, 'alice');
 * const { items } = await tasks.list({ status: 'created' }, { offset: 0, limit: 10 });
 */
export interface TaskService {
  create(input: CreateTaskRequest, actor: string): Promise<Task>;
  /** Throws NOT_FOUND when absent. */
  get(id: string): Promise<Task>;
  find(id: string): Promise<Task | undefined>;
  /** Oldest first, so a runner picking `created` tasks is fair. */
  list(filter: TaskFilter, window: ListWindow): Promise<{ items: Task[]; total: number }>;
  update(id: string, patch: UpdateTaskRequest, actor: string): Promise<Task>;
  transition(
    id: string,
    plan: TransitionPlan & { expectedVersion?: number | undefined },
    actor: string,
  ): Promise<Task>;
  assign(id: string, assignee: string, actor: string, expectedVersion?: number): Promise<Task>;
  cancel(id: string, reason: string, actor: string, expectedVersion?: number): Promise<Task>;
  delete(id: string, actor: string): Promise<void>;
  countByStatus(): Promise<Record<TaskStatus, number>>;
}

export interface TaskServiceDeps {
  db: Kysely<DatabaseSchema>;
  events: EventPublisher;
  log: Logger;
  /** When present, assignees must be known agents. */
  agents?: AgentDirectory | undefined;
}

/** Attempts of a compare-and-set that lost to a concurrent writer without expected_version. */
const MAX_CAS_ATTEMPTS = 5;

type Planner = (current: Task) => Task;

export function createTaskService(deps: TaskServiceDeps): TaskService {
  const { db, events, log, agents } = deps;

  const find = async (id: string) => {
    const row = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? rowToTask(row) : undefined;
  };
  const get = async (id: string) => {
    const task = await find(id);
    if (!task) throw new AppError('NOT_FOUND', `Task '${id}' not found`);
    return task;
  };

  /** The canonical spelling of an agent that may be given work; refuses unknown/terminated. */
  const workingAgent = async <T extends string | null | undefined>(name: T) =>
    (name ? await workingAgentName(agents, name) : name) as T;

  const versionConflict = (id: string, expected: number, actual: number) => {
    log.info({ event: TASK_LOG.versionConflict, taskId: id, expected, actual }, 'stale version');
    return new AppError(
      'VERSION_CONFLICT',
      `Task '${id}' is at version ${actual}, not ${expected}`,
    );
  };

  /** Re-reads, plans and writes with `where version = read version` until one write wins. */
  const mutate = async (id: string, expected: number | undefined, planner: Planner) => {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt += 1) {
      const current = await get(id);
      if (expected !== undefined && current.version !== expected) {
        throw versionConflict(id, expected, current.version);
      }
      const planned = planner(current);
      // A plan that changes nothing keeps the version: no write, no event.
      if (isDeepStrictEqual(planned, current))
        return { before: current, after: current, changed: false };
      const next = { ...planned, version: current.version + 1, updated_at: nowIso() };
      const result = await db
        .updateTable('tasks')
        .set(taskToRow(next))
        .where('id', '=', id)
        .where('version', '=', current.version)
        .executeTakeFirst();
      if (toNumber(result.numUpdatedRows) === 1)
        return { before: current, after: next, changed: true };
      if (expected !== undefined) throw versionConflict(id, expected, current.version + 1);
    }
    throw new AppError('CONFLICT', `Task '${id}' is changing concurrently; retry`);
  };

  const announce = (
    type: Extract<EventType, 'task.status_changed' | 'task.assigned'>,
    before: Task,
    after: Task,
    actor: string,
  ) => {
    // `mutate` hands back the stored task itself when the plan changed nothing: no event then.
    if (after === before) return after;
    const logEvent = type === 'task.assigned' ? TASK_LOG.assigned : TASK_LOG.statusChanged;
    log.info(
      { event: logEvent, taskId: after.id, from: before.status, to: after.status, actor },
      'task moved',
    );
    events.publish(type, { ...after, previous_status: before.status, reason: after.status_reason });
    return after;
  };

  const checkReferences = async (input: CreateTaskInput): Promise<CreateTaskInput> => {
    const assigned_to = await workingAgent(input.assigned_to);
    const reviewers: string[] = [];
    for (const reviewer of input.reviewers) reviewers.push(await workingAgent(reviewer));
    for (const ref of [...input.dependencies, input.parent_task_id]) {
      if (ref && !(await find(ref))) {
        throw new AppError('DOMAIN_RULE_VIOLATION', `Referenced task '${ref}' does not exist`);
      }
    }
    return { ...input, assigned_to, reviewers: [...new Set(reviewers)] };
  };

  return {
    get,
    find,

    async create(request, actor) {
      const input = await checkReferences(parseInput(createTaskRequestSchema, request));
      const task = buildNewTask(input, newId('task'), actor, nowIso());
      await db.insertInto('tasks').values(taskToRow(task)).execute();
      log.info({ event: TASK_LOG.created, taskId: task.id, status: task.status, actor }, 'task');
      events.publish('task.created', task);
      return task;
    },

    async list(filter, window) {
      let query = db.selectFrom('tasks');
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.assigned_to) query = query.where('assigned_to', '=', filter.assigned_to);
      if (filter.project) query = query.where('project', '=', filter.project);
      const counted = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      const rows = await query
        .selectAll()
        .orderBy('created_at')
        .orderBy('id')
        .limit(window.limit)
        .offset(window.offset)
        .execute();
      return { items: rows.map(rowToTask), total: toNumber(counted?.n) };
    },

    async update(id, patch, actor) {
      const { after, changed } = await mutate(id, patch.expected_version, (t) =>
        planUpdate(t, patch),
      );
      if (!changed) return after;
      log.info({ event: TASK_LOG.updated, taskId: id, actor }, 'task updated');
      events.publish('task.updated', after);
      return after;
    },

    async transition(id, plan, actor) {
      await get(id);
      const assignedTo = await workingAgent(plan.assignedTo);
      const { before, after } = await mutate(id, plan.expectedVersion, (t) =>
        planTransition(t, { ...plan, assignedTo }),
      );
      return announce('task.status_changed', before, after, actor);
    },

    async assign(id, given, actor, expectedVersion) {
      await get(id);
      const assignee = await workingAgent(given);
      const { before, after } = await mutate(id, expectedVersion, (t) => planAssign(t, assignee));
      // A move into `assigned` is a status change like any other; `task.assigned` is only a
      // new assignee on a task that stays `assigned`.
      const moved = before.status !== after.status;
      return announce(moved ? 'task.status_changed' : 'task.assigned', before, after, actor);
    },

    async cancel(id, reason, actor, expectedVersion) {
      const { before, after } = await mutate(id, expectedVersion, (t) =>
        planTransition(t, { target: 'cancelled', reason }),
      );
      return announce('task.status_changed', before, after, actor);
    },

    async delete(id, actor) {
      const task = await get(id);
      assertDeletable(task);
      const result = await db
        .deleteFrom('tasks')
        .where('id', '=', id)
        .where('version', '=', task.version)
        .executeTakeFirst();
      if (toNumber(result.numDeletedRows) !== 1) {
        throw new AppError('CONFLICT', `Task '${id}' changed while it was being deleted; retry`);
      }
      log.info({ event: TASK_LOG.deleted, taskId: id, actor }, 'task deleted');
      events.publish('task.deleted', { id, version: task.version });
    },

    async countByStatus() {
      const rows = await db
        .selectFrom('tasks')
        .select(['status', (eb) => eb.fn.countAll().as('n')])
        .groupBy('status')
        .execute();
      const counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<
        TaskStatus,
        number
      >;
      for (const row of rows) counts[row.status as TaskStatus] = toNumber(row.n);
      return counts;
    },
  };
}
