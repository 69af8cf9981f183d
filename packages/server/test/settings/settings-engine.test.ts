import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { setupAdmin, type TestUser } from '../support/auth.ts';
import { DEMO_TASK, TEST_ENGINE, writeDemoCompany } from '../support/engine-company.ts';
import { taskReaches } from '../support/eventually.ts';
import { type FakeOpenAi, fake, startFakeOpenAi } from '../support/fake-openai.ts';
import { type Json, jsonRequest } from '../support/http.ts';
import { makeDataDir, startTestServer, type TestServer } from '../support/test-server.ts';

/*
 * The engine's settings, changed through the API while agents work: the next run (or the
 * next LLM call) follows the new value. The company YAML sets total_monthly 50,
 * per_task_limit 5 and per_agent_daily_limit 20.
 */

let llm: FakeOpenAi;
let t: TestServer;
let dataDir: string;
let admin: TestUser;

const api = (method: string, path: string, body?: unknown) =>
  jsonRequest(`${t.baseUrl}/api/v1${path}`, method, body, admin.token);
const put = async (path: string, value: string) => {
  const response = await api('PUT', `/settings/${path}`, { value });
  expect(response.status, `PUT ${path} = ${value}: ${JSON.stringify(response.body)}`).toBe(200);
  return response.body.data;
};

/** The task once it is finished one way or another. */
const settled = (id: string) =>
  taskReaches((path) => api('GET', path), id, ['completed', 'failed', 'blocked']);

async function runTask(title: string, extra: Record<string, unknown> = {}): Promise<Json> {
  const created = await api('POST', '/tasks', { ...DEMO_TASK, title, max_retries: 0, ...extra });
  expect(created.status).toBe(201);
  return settled(created.body.data.id);
}

beforeAll(async () => {
  llm = await startFakeOpenAi();
  dataDir = await makeDataDir();
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

describe('coordination settings', () => {
  it('max_turns: the next run stops after the new number of turns', async () => {
    llm.setHandler((req) => fake.tool('read_file', { path: `n-${req.body.messages.length}.md` }));
    expect((await api('GET', '/settings/coordination/max_turns')).body.data).toMatchObject({
      value: String(TEST_ENGINE.maxTurns),
      source: 'env',
    });
    await put('coordination/max_turns', '3');
    const task = await runTask('Read forever');
    expect(task.status_reason).toMatch(/^max_turns/);
    expect(llm.requests).toHaveLength(3);

    llm.requests.length = 0;
    await put('coordination/max_turns', '5');
    const again = await runTask('Read forever again');
    expect(again.status_reason).toMatch(/^max_turns/);
    expect(llm.requests).toHaveLength(5);
    expect((await api('DELETE', '/settings/coordination/max_turns')).status).toBe(204);
  });
});

describe('budget settings', () => {
  it('a lowered total_monthly stops the next LLM call; GET /budget/config agrees', async () => {
    llm.setHandler(() => fake.text('Done.'));
    // The monthly cap is total_monthly x alert_hard_stop_at %: 50 x 3 % = $1.50 for now.
    await put('budget/alert_warn_at', '1');
    await put('budget/alert_critical_at', '2');
    await put('budget/alert_hard_stop_at', '3');
    const fine = await runTask('Say done', { budget_limit: 5 });
    expect(fine.status).toBe('completed');

    // Lowered to $0.10 (the per-task and per-agent limits must not exceed it): the cap
    // is now $0.003, below the worst case of one more call, so the engine does not call.
    await put('budget/per_task_limit', '0.1');
    await put('budget/per_agent_daily_limit', '0.1');
    await put('budget/total_monthly', '0.1');
    expect((await api('GET', '/budget/config')).body.data).toMatchObject({
      total_monthly: 0.1,
      per_task_limit: 0.1,
      per_agent_daily_limit: 0.1,
      alerts: { warn_at: 1, critical_at: 2, hard_stop_at: 3 },
    });
    llm.requests.length = 0;
    const stopped = await runTask('Say done again', { budget_limit: 5 });
    expect(stopped.status).toBe('blocked');
    expect(stopped.status_reason).toMatch(/^budget_exhausted: company monthly budget/);
    expect(llm.requests).toHaveLength(0);

    // Raised again through PUT /budget/config, which writes the same overrides.
    const raised = await api('PUT', '/budget/config', { total_monthly: 50 });
    expect(raised.status).toBe(200);
    expect((await api('GET', '/settings/budget/total_monthly')).body.data).toMatchObject({
      value: '50',
      source: 'db',
    });
    const resumed = await runTask('Say done once more', { budget_limit: 5 });
    expect(resumed.status).toBe('completed');
    for (const key of [
      'total_monthly',
      'per_task_limit',
      'per_agent_daily_limit',
      'alert_hard_stop_at',
      'alert_critical_at',
      'alert_warn_at',
    ]) {
      expect((await api('DELETE', `/settings/budget/${key}`)).status).toBe(204);
    }
    expect((await api('GET', '/budget/config')).body.data).toMatchObject({
      total_monthly: 50,
      per_task_limit: 5,
      per_agent_daily_limit: 20,
      alerts: { warn_at: 75, critical_at: 90, hard_stop_at: 100 },
    });
  });
});

describe('restart-required settings and stored values across a restart', () => {
  it('poll_interval_ms is stored now, shown as pending, and used from the next start', async () => {
    const stored = await put('coordination/poll_interval_ms', '200');
    expect(stored).toMatchObject({
      value: '200',
      source: 'db',
      active_value: String(TEST_ENGINE.pollIntervalMs),
    });
    expect(stored.definition.restart_required).toBe(true);
    await put('api/jwt_expiry_minutes', '7');
    const started = (lines: Json[]) => lines.find((l) => l.event === 'engine.runner.started');
    expect(started(t.logs.lines())?.pollIntervalMs).toBe(TEST_ENGINE.pollIntervalMs);

    await t.close();
    t = await startTestServer({ settings: { dataDir, engine: TEST_ENGINE } });
    expect(started(t.logs.lines())?.pollIntervalMs).toBe(200);
    expect((await api('GET', '/settings/coordination/poll_interval_ms')).body.data).toMatchObject({
      value: '200',
      source: 'db',
      active_value: '200',
    });
    // A runtime value stored before the restart applies after it.
    const login = await jsonRequest(`${t.baseUrl}/api/v1/auth/login`, 'POST', {
      username: admin.username,
      password: admin.password,
    });
    expect(login.body.data.expires_in).toBe(7 * 60);
    expect((await api('DELETE', '/settings/coordination/poll_interval_ms')).status).toBe(204);
    expect((await api('GET', '/settings/coordination/poll_interval_ms')).body.data).toMatchObject({
      value: String(TEST_ENGINE.pollIntervalMs),
      source: 'env',
      active_value: '200',
    });
  });
});
