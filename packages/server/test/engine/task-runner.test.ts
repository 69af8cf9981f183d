import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Task, TaskStatus } from '@synthorg/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { workspaceFolder } from '../../src/engine/runner/run-executor.ts';
import { testAgent } from '../support/engine-harness.ts';
import { type FakeOpenAi, fake, startFakeOpenAi } from '../support/fake-openai.ts';
import type { Json } from '../support/http.ts';
import { CEO, createRunnerHarness, DEV, type RunnerHarness } from '../support/runner-harness.ts';

let server: FakeOpenAi;
let h: RunnerHarness;

beforeEach(async () => {
  server = await startFakeOpenAi();
  h = await createRunnerHarness(server.baseUrl);
});
afterEach(async () => {
  await h.close();
  await server.close();
});

/** Polls the task until it reaches `status`; fails after a generous bound, never asserts speed. */
async function waitForStatus(
  harness: RunnerHarness,
  id: string,
  status: TaskStatus,
): Promise<Task> {
  for (let i = 0; i < 400; i++) {
    const task = await harness.tasks.get(id);
    if (task.status === status) return task;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(
    `task ${id} never reached ${status}; it is ${(await harness.tasks.get(id)).status}`,
  );
}

const moves = (harness: RunnerHarness, id: string) =>
  harness.events.published
    .filter(
      (e) =>
        (e.type === 'task.status_changed' || e.type === 'task.assigned') &&
        (e.payload as Json).id === id,
    )
    .map((e) => `${(e.payload as Json).previous_status}->${(e.payload as Json).status}`);

describe('task runner', () => {
  it('assigns a created task by score, runs it and walks the state machine to completed', async () => {
    server.enqueue(
      fake.tool('write_file', { path: 'README.md', content: '# todo\n' }),
      fake.text('Done.'),
    );
    const task = await h.createTask();
    await h.runner.start();
    const done = await waitForStatus(h, task.id, 'completed');

    expect(done.assigned_to).toBe(DEV.name);
    expect(moves(h, task.id)).toEqual([
      'created->assigned',
      'assigned->in_progress',
      'in_progress->in_review',
      'in_review->completed',
    ]);
    expect(
      existsSync(join(h.deps.config.workspacesDir, workspaceFolder(DEV.name), 'README.md')),
    ).toBe(true);
    expect(h.events.published.filter((e) => e.type === 'budget.record_added')).toHaveLength(2);
    expect(h.statuses).toEqual([`${DEV.name}:working`, `${DEV.name}:idle`]);
  });

  it('starts a task created with an explicit assignee', async () => {
    server.enqueue(fake.text('CEO did it.'));
    const task = await h.createTask({ assigned_to: CEO.name });
    await h.runner.start();
    const done = await waitForStatus(h, task.id, 'completed');
    expect(done.assigned_to).toBe(CEO.name);
    expect(server.requests[0]?.body.model).toBe('test-large-001');
  });

  it('retries a failed task up to max_retries with a fresh run', async () => {
    server.enqueue(fake.status(500), fake.status(500), fake.text('Second attempt worked.'));
    const task = await h.createTask({ max_retries: 1 });
    await h.runner.start();
    const done = await waitForStatus(h, task.id, 'completed');

    expect(done.retry_count).toBe(1);
    const runs = await h.deps.runs.listForTask(task.id);
    expect(runs.map((r) => [r.attempt, r.terminationReason])).toEqual([
      [1, 'error'],
      [2, 'completed'],
    ]);
    expect(moves(h, task.id)).toContain('in_progress->failed');
    expect(moves(h, task.id)).toContain('failed->assigned');
  });

  it('blocks a task that would cross its budget, with the reason, and does not retry it', async () => {
    server.setHandler(() =>
      fake.tool('write_file', { path: 'x.md', content: 'x' }, { prompt: 2000, completion: 200 }),
    );
    const task = await h.createTask({ budget_limit: 2, max_retries: 3 });
    await h.runner.start();
    const blocked = await waitForStatus(h, task.id, 'blocked');
    await h.runner.idle();

    expect(blocked.status_reason).toMatch(/^budget_exhausted: task budget/);
    expect(moves(h, task.id)).toContain('in_progress->blocked');
    expect(server.requests).toHaveLength(1);
    expect(await h.deps.runs.spent({ taskId: task.id })).toBeLessThanOrEqual(2);
    expect((await h.tasks.get(task.id)).retry_count).toBe(0);
  });

  it('still assigns a task no agent fits, to the best available agent', async () => {
    server.enqueue(fake.text('ok'));
    const task = await h.createTask({ type: 'design', estimated_complexity: 'simple' });
    await h.runner.start();
    const done = await waitForStatus(h, task.id, 'completed');
    expect(done.status).toBe('completed');
    const line = h.logs.lines().find((l) => l.event === 'engine.runner.task_assigned');
    expect(line).toMatchObject({ taskId: task.id, fallback: true });
  });

  it('parks for approval, then resumes on approve; fails with the reason on reject', async () => {
    const cautious = testAgent({ name: 'Careful Dev', autonomy: 'supervised' });
    await h.close();
    h = await createRunnerHarness(server.baseUrl, { agents: [cautious] });
    server.enqueue(fake.tool('write_file', { path: 'A.md', content: 'a' }), fake.text('A done.'));
    const approvedTask = await h.createTask({ title: 'Write A' });
    await h.runner.start();
    await h.logs.waitFor('engine.run.parked');
    expect((await h.tasks.get(approvedTask.id)).status).toBe('in_progress');

    h.decisions.set('approval-1', { status: 'approved', reason: null, decidedBy: 'boss' });
    h.runner.wake();
    await waitForStatus(h, approvedTask.id, 'completed');
    expect(existsSync(join(h.deps.config.workspacesDir, 'careful-dev', 'A.md'))).toBe(true);

    server.enqueue(fake.tool('write_file', { path: 'B.md', content: 'b' }));
    const rejectedTask = await h.createTask({ title: 'Write B' });
    h.runner.wake();
    for (let i = 0; i < 400 && h.decisions.size < 2; i++)
      await new Promise((r) => setTimeout(r, 25));
    h.decisions.set('approval-2', { status: 'rejected', reason: 'not now', decidedBy: 'boss' });
    h.runner.wake();
    const failed = await waitForStatus(h, rejectedTask.id, 'failed');
    expect(failed.status_reason).toBe('approval rejected: not now');
    expect(existsSync(join(h.deps.config.workspacesDir, 'careful-dev', 'B.md'))).toBe(false);
  });

  it('checkpoints a run on graceful stop and resumes it after a restart, counting spend once', async () => {
    server.enqueue(fake.tool('write_file', { path: 'R.md', content: 'r' }), { kind: 'hang' });
    const task = await h.createTask();
    await h.runner.start();
    for (let i = 0; i < 400 && server.requests.length < 2; i++)
      await new Promise((r) => setTimeout(r, 25));
    await h.runner.stop(0);
    expect((await h.tasks.get(task.id)).status).toBe('interrupted');

    const db = h.db;
    const second = await createRunnerHarness(server.baseUrl, { db });
    server.enqueue(fake.text('Resumed and finished.'));
    await second.runner.start();
    await waitForStatus(second, task.id, 'completed');
    await second.close();

    const runs = await second.deps.runs.listForTask(task.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ llmCalls: 2, terminationReason: 'completed' });
    expect(await second.deps.runs.spent({ taskId: task.id })).toBeCloseTo(
      runs[0]?.costUsd ?? -1,
      10,
    );
  });
});
