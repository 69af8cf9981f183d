import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUser, setupAdmin, type TestUser } from '../support/auth.ts';
import { DEMO_TASK, TEST_ENGINE, writeDemoCompany } from '../support/engine-company.ts';
import { eventually, taskReaches } from '../support/eventually.ts';
import { type FakeOpenAi, fake, startFakeOpenAi } from '../support/fake-openai.ts';
import { type Json, jsonRequest } from '../support/http.ts';
import { makeDataDir, startTestServer, type TestServer } from '../support/test-server.ts';
import { connectWs, issueTicket, subscribe, type WsClient } from '../support/ws.ts';

let llm: FakeOpenAi;
let t: TestServer;
let admin: TestUser;
let dataDir: string;

const api = (method: string, path: string, body?: unknown, token = admin.token) =>
  jsonRequest(`${t.baseUrl}/api/v1${path}`, method, body, token);

const taskIn = (id: string, status: string) => taskReaches((path) => api('GET', path), id, status);

/** The pending review of a task other than those in `seen`. */
const pendingReview = (taskId: string, seen: string[] = []) =>
  eventually(async () => {
    const path = `/approvals?status=pending&action_type=task:review&task_id=${taskId}`;
    const list = (await api('GET', path)).body.data as Json[];
    return list.find((a) => !seen.includes(a.id));
  }, `review of ${taskId}`);

/** The user messages the fake model got in request `index`, joined. */
const userText = (index: number) =>
  ((llm.requests[index]?.body.messages ?? []) as Json[])
    .filter((m) => m.role === 'user')
    .map((m) => String(m.content))
    .join('\n');

async function liveClient(): Promise<WsClient> {
  const ws = connectWs(t.wsUrl, { ticket: await issueTicket(t.baseUrl, admin.token) });
  await ws.opened;
  await subscribe(ws, { channels: ['tasks', 'approvals'] });
  return ws;
}

const moved = (ws: WsClient, id: string, from: string, to: string) =>
  ws.next(
    (m) =>
      m.event_type === 'task.status_changed' &&
      m.payload.id === id &&
      m.payload.previous_status === from &&
      m.payload.status === to,
  );

beforeAll(async () => {
  llm = await startFakeOpenAi();
  dataDir = await makeDataDir();
  await writeDemoCompany(dataDir, llm.baseUrl, { review: { min_reviewers: 1 } });
  t = await startTestServer({ settings: { dataDir, engine: TEST_ENGINE } });
  admin = await setupAdmin(t.baseUrl);
});
afterAll(async () => {
  await t.close({ removeData: true });
  await llm.close();
});

describe('review gate on the full server', () => {
  it('keeps finished work in review; a rejection reworks it with the reason, an approval completes it', async () => {
    const ws = await liveClient();
    try {
      llm.enqueue(
        fake.tool('write_file', { path: 'README.md', content: '# todo\n' }),
        fake.text('README.md is written.'),
      );
      const task = (await api('POST', '/tasks', DEMO_TASK)).body.data;
      const first = await pendingReview(task.id);
      expect(first).toMatchObject({
        action_type: 'task:review',
        risk_level: 'low',
        requested_by: expect.any(String),
        metadata: { kind: 'task_review', round: '1', self_review_allowed: 'false' },
      });
      expect(first.description).toContain('README.md is written.');
      const submitted = await ws.next(
        (m) => m.event_type === 'approval.submitted' && m.payload.id === first.id,
      );
      expect(submitted.payload.task_id).toBe(task.id);
      await moved(ws, task.id, 'in_progress', 'in_review');
      const inReview = (await api('GET', `/tasks/${task.id}`)).body.data;
      expect(inReview.status).toBe('in_review');
      expect(inReview.assigned_to).toBe(first.requested_by);
      expect(llm.requests).toHaveLength(2);

      llm.enqueue(fake.text('Added a License section.'));
      const rejected = await api('POST', `/approvals/${first.id}/reject`, {
        reason: 'The License section is missing',
      });
      expect(rejected.status).toBe(200);
      const rework = await moved(ws, task.id, 'in_review', 'in_progress');
      expect(rework.payload.reason).toBe(
        `rework requested by ${admin.username}: The License section is missing`,
      );
      const second = await pendingReview(task.id, [first.id]);
      expect(second.metadata.round).toBe('2');
      expect(llm.requests).toHaveLength(3);
      expect(userText(2)).toContain('The License section is missing');
      expect(userText(0)).not.toContain('The License section is missing');

      const approved = await api('POST', `/approvals/${second.id}/approve`, { comment: 'good' });
      expect(approved.status).toBe(200);
      await moved(ws, task.id, 'in_review', 'completed');
      const done = await taskIn(task.id, 'completed');
      expect(done.status_reason).toBe(`review approved by ${admin.username}: good`);
      const runs = (await api('GET', `/tasks/${task.id}/runs`)).body.data as Json[];
      expect(runs.map((r) => [r.attempt, r.termination_reason])).toEqual([
        [1, 'completed'],
        [2, 'completed'],
      ]);
      expect(llm.requests).toHaveLength(3);
    } finally {
      ws.ws.close();
    }
  });

  it('a task in review stays there across a restart and completes when approved afterwards', async () => {
    llm.requests.length = 0;
    llm.enqueue(fake.text('Notes are written.'));
    const task = (await api('POST', '/tasks', { ...DEMO_TASK, title: 'Write notes' })).body.data;
    const review = await pendingReview(task.id);

    await t.close();
    t = await startTestServer({ settings: { dataDir, engine: TEST_ENGINE } });
    const ws = await liveClient();
    try {
      expect((await api('GET', `/tasks/${task.id}`)).body.data.status).toBe('in_review');
      expect((await pendingReview(task.id)).id).toBe(review.id);
      expect((await api('POST', `/approvals/${review.id}/approve`, {})).status).toBe(200);
      await moved(ws, task.id, 'in_review', 'completed');
      expect(llm.requests).toHaveLength(1);
      const approvals = (await api('GET', `/approvals?task_id=${task.id}`)).body.data as Json[];
      expect(approvals.map((a) => [a.id, a.status])).toEqual([[review.id, 'approved']]);
    } finally {
      ws.ws.close();
    }
  });

  it('refuses a review decided by the agent whose work it is (self_review_allowed false)', async () => {
    llm.enqueue(fake.text('Changelog is written.'));
    const task = (await api('POST', '/tasks', { ...DEMO_TASK, title: 'Write changelog' })).body
      .data;
    const review = await pendingReview(task.id);
    const author = await createUser(t.baseUrl, admin.token, 'manager', {
      username: review.requested_by,
    });

    const refused = await api('POST', `/approvals/${review.id}/approve`, {}, author.token);
    expect(refused.status).toBe(403);
    expect(refused.body.error_code).toBe('SELF_REVIEW_NOT_ALLOWED');
    expect((await api('GET', `/approvals/${review.id}`)).body.data.status).toBe('pending');
    expect((await api('GET', `/tasks/${task.id}`)).body.data.status).toBe('in_review');

    // Nor can anybody skip the review by moving the task by hand.
    for (const [target, token] of [
      ['completed', author.token],
      ['completed', admin.token],
      ['in_progress', admin.token],
    ] as const) {
      const moved = await api(
        'POST',
        `/tasks/${task.id}/transition`,
        { target_status: target, reason: 'I approve myself' },
        token,
      );
      expect(moved.status, target).toBe(422);
      expect(moved.body.error_code).toBe('INVALID_TRANSITION');
      expect(moved.body.error).toContain(review.id);
    }
    expect((await api('GET', `/tasks/${task.id}`)).body.data.status).toBe('in_review');

    expect((await api('POST', `/approvals/${review.id}/approve`, {})).status).toBe(200);
    await taskIn(task.id, 'completed');
  });
});
