import {
  canTransition,
  STATUSES_REQUIRING_ASSIGNEE,
  TASK_STATUSES,
  type Task,
} from '@synthorg/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AppError } from '../../src/http/app-error.ts';
import { createTaskService, type TaskService } from '../../src/tasks/task-service.ts';
import { createRecordingPublisher, openWorkDb, type WorkDb } from '../support/work-db.ts';

type Op =
  | { kind: 'transition'; target: Task['status']; assignee?: string; stale: boolean }
  | { kind: 'assign'; assignee: string; stale: boolean }
  | { kind: 'cancel'; stale: boolean }
  | { kind: 'update'; title: string; stale: boolean };

const assignee = fc.constantFrom('agent-a', 'agent-b');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('transition' as const),
    target: fc.constantFrom(...TASK_STATUSES),
    assignee: fc.option(assignee, { nil: undefined }),
    stale: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('assign' as const), assignee, stale: fc.boolean() }),
  fc.record({ kind: fc.constant('cancel' as const), stale: fc.boolean() }),
  fc.record({
    kind: fc.constant('update' as const),
    title: fc.string({ minLength: 1, maxLength: 8 }),
    stale: fc.boolean(),
  }),
);

let work: WorkDb;
let tasks: TaskService;
const events = createRecordingPublisher();

beforeAll(async () => {
  work = await openWorkDb();
  tasks = createTaskService({ db: work.handle.db, events, log: work.log });
});
afterAll(() => work.close());

async function apply(task: Task, op: Op): Promise<Task> {
  const expected = op.stale ? task.version + 7 : task.version;
  switch (op.kind) {
    case 'transition':
      return tasks.transition(
        task.id,
        { target: op.target, assignedTo: op.assignee, expectedVersion: expected },
        'prop',
      );
    case 'assign':
      return tasks.assign(task.id, op.assignee, 'prop', expected);
    case 'cancel':
      return tasks.cancel(task.id, 'stop', 'prop', expected);
    case 'update':
      return tasks.update(
        task.id,
        { title: op.title.trim() || 'x', expected_version: expected },
        'prop',
      );
  }
}

function assertLegal(before: Task, after: Task): void {
  if (before.status !== after.status) expect(canTransition(before.status, after.status)).toBe(true);
  if (after.status === 'created') expect(after.assigned_to).toBeNull();
  if (STATUSES_REQUIRING_ASSIGNEE.includes(after.status)) expect(after.assigned_to).not.toBeNull();
}

describe('task properties', () => {
  it('no sequence of service calls leaves a task in a state the machine forbids', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        let task = await tasks.create(
          { title: 'p', description: 'property', type: 'research', project: 'p', max_retries: 2 },
          'prop',
        );
        for (const op of ops) {
          const publishedBefore = events.published.length;
          try {
            const next = await apply(task, op);
            expect(op.stale).toBe(false);
            // A call that changes nothing (re-assigning the same agent, an unchanged title)
            // keeps the version and publishes nothing; every real change bumps it once.
            const changed = next.version !== task.version;
            expect(next.version).toBe(changed ? task.version + 1 : task.version);
            expect(events.published.length).toBe(publishedBefore + (changed ? 1 : 0));
            if (!changed) expect(next.status).toBe(task.status);
            assertLegal(task, next);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            expect([409, 422]).toContain(error.status);
            expect(events.published.length).toBe(publishedBefore);
          }
          const stored = await tasks.get(task.id);
          assertLegal(task, stored);
          task = stored;
        }
      }),
      { numRuns: 60 },
    );
  });
});
