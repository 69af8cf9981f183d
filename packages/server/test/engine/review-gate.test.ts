import type { Task, TaskStatus } from '@synthorg/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { reviewRequirementOf } from '../../src/engine/runner/review.ts';
import { type FakeOpenAi, fake, startFakeOpenAi } from '../support/fake-openai.ts';
import type { Json } from '../support/http.ts';
import { CEO, createRunnerHarness, DEV, type RunnerHarness } from '../support/runner-harness.ts';

let server: FakeOpenAi;
let h: RunnerHarness;

const REVIEWED = { min_reviewers: 1, required_reviewer_roles: [], self_review_allowed: false };

beforeEach(async () => {
  server = await startFakeOpenAi();
});
afterEach(async () => {
  // The pure rule test starts no harness.
  await (h as RunnerHarness | undefined)?.close();
  h = undefined as unknown as RunnerHarness;
  await server.close();
});

async function waitForStatus(id: string, status: TaskStatus): Promise<Task> {
  for (let i = 0; i < 400; i++) {
    const task = await h.tasks.get(id);
    if (task.status === status) return task;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`task ${id} never reached ${status}; it is ${(await h.tasks.get(id)).status}`);
}

async function waitForRequests(count: number): Promise<void> {
  for (let i = 0; i < 400 && h.requests.length < count; i++)
    await new Promise((resolve) => setTimeout(resolve, 25));
  expect(h.requests).toHaveLength(count);
}

const moves = (id: string) =>
  h.events.published
    .filter(
      (e) =>
        (e.type === 'task.status_changed' || e.type === 'task.assigned') &&
        (e.payload as Json).id === id,
    )
    .map((e) => `${(e.payload as Json).previous_status}->${(e.payload as Json).status}`);

/** The text of every user message the fake model was sent in request `index`. */
const userText = (index: number) =>
  ((server.requests[index]?.body.messages ?? []) as Json[])
    .filter((m) => m.role === 'user')
    .map((m) => String(m.content))
    .join('\n');

describe('the review rule', () => {
  it('asks for review when the task names reviewers or the department states min_reviewers ≥ 1', () => {
    const dev = { name: 'Ada', department: 'engineering' };
    expect(reviewRequirementOf({ reviewers: [] }, dev, undefined)).toBeUndefined();
    expect(
      reviewRequirementOf({ reviewers: [] }, dev, { ...REVIEWED, min_reviewers: 0 }),
    ).toBeUndefined();
    expect(reviewRequirementOf({ reviewers: [] }, dev, REVIEWED)).toEqual({
      reviewers: [],
      minReviewers: 1,
      selfReviewAllowed: false,
      department: 'engineering',
    });
    // The assignee is no reviewer of its own work unless the department allows it.
    expect(reviewRequirementOf({ reviewers: ['Ada', 'Bo'] }, dev, undefined)).toEqual({
      reviewers: ['Bo'],
      minReviewers: 1,
      selfReviewAllowed: false,
      department: null,
    });
    expect(
      reviewRequirementOf({ reviewers: ['Ada'] }, dev, {
        ...REVIEWED,
        min_reviewers: 0,
        self_review_allowed: true,
      })?.reviewers,
    ).toEqual(['Ada']);
  });
});

describe('review gate in the runner', () => {
  it('a task naming reviewers waits in review; approval completes it', async () => {
    h = await createRunnerHarness(server.baseUrl);
    server.enqueue(fake.text('README written.'));
    const task = await h.createTask({ reviewers: [CEO.name, DEV.name] });
    await h.runner.start();
    await waitForRequests(1);
    await h.runner.idle();

    expect((await h.tasks.get(task.id)).status).toBe('in_review');
    expect(h.requests[0]).toMatchObject({
      taskId: task.id,
      agentName: DEV.name,
      actionType: 'task:review',
      requestKey: expect.stringMatching(/^review:run-/),
      metadata: {
        kind: 'task_review',
        round: '1',
        reviewers: CEO.name,
        self_review_allowed: 'false',
      },
    });
    expect(h.requests[0]?.description).toContain('README written.');
    expect(h.statuses.at(-1)).toBe(`${DEV.name}:idle`);

    h.decisions.set('approval-1', { status: 'approved', reason: 'fine', decidedBy: 'boss' });
    h.runner.wake();
    const done = await waitForStatus(task.id, 'completed');
    expect(done.status_reason).toBe('review approved by boss: fine');
    expect(moves(task.id)).toEqual([
      'created->assigned',
      'assigned->in_progress',
      'in_progress->in_review',
      'in_review->completed',
    ]);
  });

  it('a department without stated review requirements keeps the automatic completion', async () => {
    h = await createRunnerHarness(server.baseUrl, { reviewPolicies: { executive: REVIEWED } });
    server.enqueue(fake.text('Done without review.'));
    const task = await h.createTask();
    await h.runner.start();
    const done = await waitForStatus(task.id, 'completed');
    expect(done.assigned_to).toBe(DEV.name);
    expect(done.status_reason).toBe('Done without review.');
    expect(h.requests).toHaveLength(0);
  });

  it('rejections send the task back with the reason until the rework limit blocks it', async () => {
    h = await createRunnerHarness(server.baseUrl, { reviewPolicies: { engineering: REVIEWED } });
    h.deps.config.maxReworks = 1;
    server.enqueue(fake.text('First try.'), fake.text('Second try.'));
    const task = await h.createTask();
    await h.runner.start();
    await waitForRequests(1);

    h.decisions.set('approval-1', {
      status: 'rejected',
      reason: 'Usage lacks the done command',
      decidedBy: 'boss',
    });
    h.runner.wake();
    await waitForRequests(2);
    expect(server.requests).toHaveLength(2);
    expect(userText(0)).not.toContain('Usage lacks the done command');
    expect(userText(1)).toContain('Usage lacks the done command');
    expect(userText(1)).toContain('boss');
    expect(h.requests[1]?.metadata).toMatchObject({ round: '2' });
    expect((await h.tasks.get(task.id)).status).toBe('in_review');

    h.decisions.set('approval-2', { status: 'rejected', reason: 'still wrong', decidedBy: 'boss' });
    h.runner.wake();
    const blocked = await waitForStatus(task.id, 'blocked');
    expect(blocked.status_reason).toBe('review rejected 2 times; last by boss: still wrong');
    expect(server.requests).toHaveLength(2);
    expect(moves(task.id)).toEqual([
      'created->assigned',
      'assigned->in_progress',
      'in_progress->in_review',
      'in_review->in_progress',
      'in_progress->in_review',
      'in_review->blocked',
    ]);
    const runs = await h.deps.runs.listForTask(task.id);
    expect(runs.map((r) => [r.attempt, r.terminationReason, r.reviewApprovalId])).toEqual([
      [1, 'completed', 'approval-1'],
      [2, 'completed', 'approval-2'],
    ]);
  });

  it('asks for the review after a restart when the process died right after the move to review', async () => {
    h = await createRunnerHarness(server.baseUrl, { reviewPolicies: { engineering: REVIEWED } });
    server.enqueue(fake.text('Finished before the crash.'));
    const task = await h.createTask();
    await h.runner.start();
    await waitForRequests(1);
    await h.runner.stop(0);
    // What the database holds when the process dies between the move and the request.
    const [run] = await h.deps.runs.listForTask(task.id);
    await h.db.handle.db
      .updateTable('engine_runs')
      .set({ review_approval_id: null })
      .where('id', '=', run?.id ?? '')
      .execute();

    const db = h.db;
    const first = h;
    h = await createRunnerHarness(server.baseUrl, {
      db,
      reviewPolicies: { engineering: REVIEWED },
    });
    await h.runner.start();
    await waitForRequests(1);
    expect(h.requests[0]).toMatchObject({
      requestKey: `review:${run?.id}`,
      description: expect.stringContaining('Finished before the crash.'),
    });
    expect((await h.tasks.get(task.id)).status).toBe('in_review');
    expect(server.requests).toHaveLength(1);
    await h.close();
    h = first; // owns the database; closed after the test
  });
});
