import { canTransition, TASK_STATUSES, type TaskStatus } from '@synthorg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTaskService, type TaskService } from '../../src/tasks/task-service.ts';
import { createRecordingPublisher, openWorkDb, type WorkDb } from '../support/work-db.ts';

/** Allowed moves that bring a fresh task to each status. */
const PATH_TO: Record<TaskStatus, TaskStatus[]> = {
  created: [],
  assigned: ['assigned'],
  in_progress: ['assigned', 'in_progress'],
  in_review: ['assigned', 'in_progress', 'in_review'],
  completed: ['assigned', 'in_progress', 'in_review', 'completed'],
  blocked: ['assigned', 'blocked'],
  failed: ['assigned', 'failed'],
  interrupted: ['assigned', 'interrupted'],
  cancelled: ['assigned', 'cancelled'],
};

let work: WorkDb;
let tasks: TaskService;
const events = createRecordingPublisher();

beforeAll(async () => {
  work = await openWorkDb();
  tasks = createTaskService({ db: work.handle.db, events, log: work.log });
});
afterAll(() => work.close());

async function taskIn(status: TaskStatus) {
  const task = await tasks.create(
    { title: `to ${status}`, description: 'fixture', type: 'development', project: 'p' },
    'tester',
  );
  for (const target of PATH_TO[status]) {
    const assignedTo = target === 'assigned' ? 'agent-a' : undefined;
    await tasks.transition(task.id, { target, assignedTo }, 'tester');
  }
  return tasks.get(task.id);
}

describe('task state machine, every pair of statuses', () => {
  for (const from of TASK_STATUSES) {
    for (const to of TASK_STATUSES) {
      const allowed = canTransition(from, to);
      it(`${from} -> ${to} is ${allowed ? 'allowed' : 'refused with 422'}`, async () => {
        const task = await taskIn(from);
        expect(task.status).toBe(from);
        const before = events.published.length;
        const attempt = tasks.transition(
          task.id,
          { target: to, assignedTo: to === 'assigned' ? 'agent-b' : undefined },
          'tester',
        );
        if (allowed) {
          const moved = await attempt;
          expect(moved.status).toBe(to);
          expect(moved.version).toBe(task.version + 1);
          expect(events.published.length).toBe(before + 1);
          return;
        }
        await expect(attempt).rejects.toMatchObject({ code: 'INVALID_TRANSITION', status: 422 });
        expect(await tasks.get(task.id)).toEqual(task);
        expect(events.published.length).toBe(before);
      });
    }
  }
});

describe('task rules beyond the table', () => {
  it('refuses a move to assigned without an assignee on a created task', async () => {
    const task = await taskIn('created');
    await expect(tasks.transition(task.id, { target: 'assigned' }, 't')).rejects.toMatchObject({
      code: 'DOMAIN_RULE_VIOLATION',
    });
  });

  it('retries a failed task only max_retries times', async () => {
    const task = await taskIn('failed');
    const retried = await tasks.transition(task.id, { target: 'assigned' }, 't');
    expect(retried).toMatchObject({ retry_count: 1, assigned_to: 'agent-a' });
    await tasks.transition(task.id, { target: 'failed' }, 't');
    await expect(tasks.transition(task.id, { target: 'assigned' }, 't')).rejects.toMatchObject({
      code: 'DOMAIN_RULE_VIOLATION',
    });
  });

  it('rejects a stale expected_version with VERSION_CONFLICT and keeps the task', async () => {
    const task = await taskIn('assigned');
    const attempt = tasks.transition(
      task.id,
      { target: 'in_progress', expectedVersion: task.version - 1 },
      't',
    );
    await expect(attempt).rejects.toMatchObject({ code: 'VERSION_CONFLICT', status: 409 });
    expect(await tasks.get(task.id)).toEqual(task);
  });

  it('creates an assigned task when assigned_to is given', async () => {
    const task = await tasks.create(
      { title: 't', description: 'd', type: 'design', project: 'p', assigned_to: 'agent-a' },
      'ceo',
    );
    expect(task).toMatchObject({ status: 'assigned', assigned_to: 'agent-a', created_by: 'ceo' });
  });

  it('reports NOT_FOUND for an unknown task', async () => {
    await expect(tasks.get('task-missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
