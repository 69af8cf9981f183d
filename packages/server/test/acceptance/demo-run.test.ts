import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { workspaceFolder } from '../../src/engine/runner/run-executor.ts';
import { setupAdmin, type TestUser } from '../support/auth.ts';
import {
  DEMO_TASK,
  FAKE_API_KEY,
  FAKE_PRICES,
  TEST_ENGINE,
  writeDemoCompany,
} from '../support/engine-company.ts';
import { type FakeOpenAi, fake, startFakeOpenAi } from '../support/fake-openai.ts';
import { type Json, jsonRequest } from '../support/http.ts';
import { makeDataDir, startTestServer, type TestServer } from '../support/test-server.ts';
import { connectWs, issueTicket, subscribe, type WsClient } from '../support/ws.ts';

let llm: FakeOpenAi;
let t: TestServer;
let admin: TestUser;
let ws: WsClient;

const README =
  '# todo\n\n## Install\n\nnpm i -g todo\n\n## Usage\n\nadd, list, done\n\n## License\n\nMIT\n';
const api = (method: string, path: string, body?: unknown) =>
  jsonRequest(`${t.baseUrl}/api/v1${path}`, method, body, admin.token);
const priced = (prompt: number, completion: number) =>
  (prompt / 1000) * FAKE_PRICES.cost_per_1k_input +
  (completion / 1000) * FAKE_PRICES.cost_per_1k_output;

beforeAll(async () => {
  llm = await startFakeOpenAi();
  const dataDir = await makeDataDir();
  await writeDemoCompany(dataDir, llm.baseUrl);
  t = await startTestServer({ settings: { dataDir, engine: TEST_ENGINE } });
  admin = await setupAdmin(t.baseUrl);
  ws = connectWs(t.wsUrl, { ticket: await issueTicket(t.baseUrl, admin.token) });
  await ws.opened;
  await subscribe(ws, { channels: ['tasks', 'budget', 'agents'] });
});
afterAll(async () => {
  ws.ws.close();
  await t.close({ removeData: true });
  await llm.close();
});

describe('the reference demo over the real HTTP provider', () => {
  it('runs "Write project README" end to end, live on the WebSocket', async () => {
    llm.enqueue(
      fake.tool(
        'write_file',
        { path: 'README.md', content: README },
        { prompt: 420, completion: 160 },
      ),
      fake.text('README.md is written with Install, Usage and License.', {
        prompt: 610,
        completion: 35,
      }),
    );
    const created = await api('POST', '/tasks', DEMO_TASK);
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;

    const done = await ws.next(
      (m) =>
        m.event_type === 'task.status_changed' &&
        m.payload.id === id &&
        m.payload.status === 'completed',
      { timeoutMs: 20_000 },
    );
    expect(done.payload.status).toBe('completed');

    const agents = (await api('GET', '/agents')).body.data as Json[];
    const dev = agents.find((a) => a.role === 'Full-Stack Developer');
    const task = (await api('GET', `/tasks/${id}`)).body.data;
    expect(task).toMatchObject({ status: 'completed', assigned_to: dev.name });
    const file = join(t.dataDir, 'workspaces', workspaceFolder(dev.name), 'README.md');
    expect(await readFile(file, 'utf8')).toBe(README);

    const records = (await api('GET', `/budget/records?task_id=${id}`)).body.data as Json[];
    const costs = records.map((r) => r.cost_usd as number).sort((a, b) => a - b);
    const expected = [priced(420, 160), priced(610, 35)].sort((a, b) => a - b);
    expect(records).toHaveLength(2);
    expect(costs[0]).toBeCloseTo(expected[0] ?? -1, 10);
    expect(costs[1]).toBeCloseTo(expected[1] ?? -1, 10);

    await ws.barrier();
    const mine = ws.events().filter((e) => e.payload.id === id || e.payload.task_id === id);
    const moves = mine
      .filter((e) => e.event_type === 'task.status_changed' || e.event_type === 'task.assigned')
      .map((e) => `${e.event_type}:${e.payload.previous_status}->${e.payload.status}`);
    expect(moves).toEqual([
      'task.status_changed:created->assigned',
      'task.status_changed:assigned->in_progress',
      'task.status_changed:in_progress->in_review',
      'task.status_changed:in_review->completed',
    ]);
    expect(mine.filter((e) => e.event_type === 'budget.record_added')).toHaveLength(2);
    expect(mine.filter((e) => e.event_type === 'agent.activity').length).toBeGreaterThanOrEqual(3);

    const runs = (await api('GET', `/tasks/${id}/runs`)).body.data as Json[];
    expect(runs).toEqual([
      expect.objectContaining({
        status: 'finished',
        termination_reason: 'completed',
        llm_calls: 2,
      }),
    ]);
    expect(llm.requests.every((r) => r.headers.authorization === `Bearer ${FAKE_API_KEY}`)).toBe(
      true,
    );
    expect(t.logs.raw()).not.toContain(FAKE_API_KEY);
  });
});
