import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { setupAdmin, type TestUser } from '../support/auth.ts';
import { DEMO_TASK, TEST_ENGINE, writeDemoCompany } from '../support/engine-company.ts';
import { taskReaches } from '../support/eventually.ts';
import { type FakeOpenAi, fake, startFakeOpenAi } from '../support/fake-openai.ts';
import { type Json, jsonRequest } from '../support/http.ts';
import { makeDataDir, startTestServer, type TestServer } from '../support/test-server.ts';
import { connectWs, issueTicket, subscribe } from '../support/ws.ts';

let llm: FakeOpenAi;
let t: TestServer;
let admin: TestUser;

const api = (method: string, path: string, body?: unknown) =>
  jsonRequest(`${t.baseUrl}/api/v1${path}`, method, body, admin.token);

/** The task once it reaches one of `statuses`. */
const settled = (id: string, statuses: string[]) =>
  taskReaches((path) => api('GET', path), id, statuses);

async function runTask(overrides: Record<string, unknown>): Promise<Json> {
  const created = await api('POST', '/tasks', { ...DEMO_TASK, max_retries: 0, ...overrides });
  expect(created.status).toBe(201);
  return settled(created.body.data.id, ['completed', 'failed', 'blocked']);
}

beforeAll(async () => {
  llm = await startFakeOpenAi();
  const dataDir = await makeDataDir();
  await writeDemoCompany(dataDir, llm.baseUrl);
  t = await startTestServer({ settings: { dataDir, engine: TEST_ENGINE } });
  admin = await setupAdmin(t.baseUrl);
});
afterAll(async () => {
  await t.close({ removeData: true });
  await llm.close();
});
beforeEach(() => {
  llm.requests.length = 0;
  llm.setHandler(() => fake.status(500));
});

describe('limits of a run on the full server', () => {
  it('stops before the call that would cross the task budget; spend stays under it', async () => {
    // Each reply reports 20k prompt tokens: $0.01 at the fake prices; the next call's
    // worst case (4096 output tokens alone cost $0.006) no longer fits after the second.
    llm.setHandler((req) =>
      fake.tool(
        'write_file',
        { path: `part-${req.body.messages.length}.md`, content: 'x' },
        { prompt: 20_000, completion: 100 },
      ),
    );
    const limit = 0.03;
    const task = await runTask({ title: 'Write many parts', budget_limit: limit });

    expect(task.status).toBe('blocked');
    expect(task.status_reason).toMatch(/^budget_exhausted: task budget/);
    const records = (await api('GET', `/budget/records?task_id=${task.id}`)).body.data as Json[];
    const spent = records.reduce((sum, r) => sum + r.cost_usd, 0);
    expect(records).toHaveLength(llm.requests.length);
    expect(spent).toBeLessThanOrEqual(limit);
    // One more call like the earlier ones would have crossed the limit: the stop was needed.
    expect(spent + (records[0]?.cost_usd ?? 0)).toBeGreaterThan(limit);
  });

  it('blocks on the company per-task limit; raised over PUT /budget/config and unblocked, it completes', async () => {
    const config = (await api('GET', '/budget/config')).body.data;
    expect((await api('PUT', '/budget/config', { ...config, per_task_limit: 0.012 })).status).toBe(
      200,
    );
    // One call at 20k prompt tokens costs $0.01015; the next one's worst case does not fit.
    llm.setHandler(() =>
      fake.tool(
        'write_file',
        { path: 'big.md', content: 'x' },
        { prompt: 20_000, completion: 100 },
      ),
    );
    const ws = connectWs(t.wsUrl, { ticket: await issueTicket(t.baseUrl, admin.token) });
    await ws.opened;
    await subscribe(ws, { channels: ['tasks'] });
    try {
      const task = await runTask({ title: 'Costly work', budget_limit: 0, max_retries: 2 });
      expect(task.status).toBe('blocked');
      expect(task.status_reason).toMatch(
        /^budget_exhausted: task budget: the next call may cost up to \$[0-9.]+ but only \$[0-9.]+ remains$/,
      );
      expect(task.retry_count).toBe(0);
      const blockedEvent = await ws.next(
        (m) =>
          m.event_type === 'task.status_changed' &&
          m.payload.id === task.id &&
          m.payload.status === 'blocked',
      );
      expect(blockedEvent.payload).toMatchObject({
        previous_status: 'in_progress',
        reason: task.status_reason,
      });
      const callsWhileBlocked = llm.requests.length;
      expect(callsWhileBlocked).toBe(1);

      // Blocked is not failed: the runner leaves it alone, whatever its retries. Another task
      // run to completion meanwhile proves the runner went past it.
      llm.setHandler(() => fake.text('Small job done.'));
      const other = await runTask({ title: 'Small job', budget_limit: 0 });
      expect(other.status).toBe('completed');
      expect((await api('GET', `/tasks/${task.id}`)).body.data.status).toBe('blocked');
      expect(llm.requests).toHaveLength(callsWhileBlocked + 1);

      expect((await api('PUT', '/budget/config', { ...config, per_task_limit: 5 })).status).toBe(
        200,
      );
      llm.setHandler(() => fake.text('Finished within the raised budget.'));
      const unblocked = await api('POST', `/tasks/${task.id}/transition`, {
        target_status: 'assigned',
        reason: 'budget raised',
      });
      expect(unblocked.status).toBe(200);
      const done = await settled(task.id, ['completed', 'failed', 'blocked']);
      expect(done.status).toBe('completed');
      const runs = (await api('GET', `/tasks/${task.id}/runs`)).body.data as Json[];
      expect(runs.map((r) => r.termination_reason)).toEqual(['budget_exhausted', 'completed']);
    } finally {
      ws.ws.close();
      await api('PUT', '/budget/config', config);
    }
  });

  it('stops an agent that repeats the same tool call', async () => {
    llm.setHandler(() => fake.tool('list_directory', { path: '.' }));
    const task = await runTask({ title: 'Look around' });
    expect(task.status_reason).toMatch(/^repeated_tool_call/);
    expect(llm.requests).toHaveLength(3);
  });

  it('ends a script that never finishes at max_turns', async () => {
    llm.setHandler((req) =>
      fake.tool('read_file', { path: `note-${req.body.messages.length}.md` }),
    );
    const task = await runTask({ title: 'Read forever' });
    expect(task.status_reason).toMatch(/^max_turns/);
    expect(llm.requests).toHaveLength(TEST_ENGINE.maxTurns);
  });

  it('refuses and logs a path-traversal attempt; the run goes on', async () => {
    llm.enqueue(
      fake.tool('write_file', { path: '../../escaped.md', content: 'x' }),
      fake.text('I kept to my workspace.'),
    );
    const task = await runTask({ title: 'Escape attempt' });
    expect(task.status).toBe('completed');
    const refused = t.logs
      .lines()
      .find((l) => l.event === 'engine.tool.path_refused' && l.taskId === task.id);
    expect(refused).toMatchObject({ path: '../../escaped.md', refusal: 'path_refused' });
    expect(existsSync(join(t.dataDir, 'escaped.md'))).toBe(false);
  });

  it('fails with a classified reason when the provider refuses the key', async () => {
    llm.setHandler(() => fake.status(401));
    const task = await runTask({ title: 'Unauthorised' });
    expect(task.status_reason).toMatch(/^error: provider failure \(auth\)/);
  });
});
