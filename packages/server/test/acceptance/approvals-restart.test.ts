import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { workspaceFolder } from '../../src/engine/runner/run-executor.ts';
import { setupAdmin, type TestUser } from '../support/auth.ts';
import { DEMO_TASK, TEST_ENGINE, writeDemoCompany } from '../support/engine-company.ts';
import { eventually, taskReaches } from '../support/eventually.ts';
import { type FakeOpenAi, fake, startFakeOpenAi } from '../support/fake-openai.ts';
import { type Json, jsonRequest } from '../support/http.ts';
import { makeDataDir, startTestServer, type TestServer } from '../support/test-server.ts';

let llm: FakeOpenAi;
let t: TestServer;
let admin: TestUser;
let dataDir: string;

const api = (method: string, path: string, body?: unknown) =>
  jsonRequest(`${t.baseUrl}/api/v1${path}`, method, body, admin.token);

const taskIn = (id: string, status: string) => taskReaches((path) => api('GET', path), id, status);

const pendingApproval = (taskId: string) =>
  eventually(async () => {
    const list = (await api('GET', `/approvals?status=pending&task_id=${taskId}`)).body.data;
    return (list as Json[])[0];
  }, `approval for ${taskId}`);

const restart = async () => {
  await t.close();
  t = await startTestServer({ settings: { dataDir, engine: TEST_ENGINE } });
};

async function devWorkspace(): Promise<string> {
  const agents = (await api('GET', '/agents')).body.data as Json[];
  const dev = agents.find((a) => a.role === 'Full-Stack Developer');
  return join(dataDir, 'workspaces', workspaceFolder(dev.name));
}

beforeAll(async () => {
  llm = await startFakeOpenAi();
  dataDir = await makeDataDir();
  await writeDemoCompany(dataDir, llm.baseUrl, { autonomy: 'supervised' });
  t = await startTestServer({ settings: { dataDir, engine: TEST_ENGINE } });
  admin = await setupAdmin(t.baseUrl);
});
afterAll(async () => {
  await t.close({ removeData: true });
  await llm.close();
});

describe('approvals gate across a restart', () => {
  it('parks a write for approval; approved after a restart, it resumes at that call', async () => {
    llm.enqueue(fake.tool('write_file', { path: 'A.md', content: 'approved content' }));
    const task = (await api('POST', '/tasks', { ...DEMO_TASK, title: 'Write A' })).body.data;
    const approval = await pendingApproval(task.id);
    expect(approval).toMatchObject({ action_type: 'code:write', risk_level: 'medium' });
    expect((await api('GET', `/tasks/${task.id}`)).body.data.status).toBe('in_progress');
    expect(existsSync(join(await devWorkspace(), 'A.md'))).toBe(false);

    await restart();
    llm.enqueue(fake.text('A.md is written.'));
    const decided = await api('POST', `/approvals/${approval.id}/approve`, { comment: 'go ahead' });
    expect(decided.status).toBe(200);

    await taskIn(task.id, 'completed');
    expect(existsSync(join(await devWorkspace(), 'A.md'))).toBe(true);
    expect(llm.requests).toHaveLength(2);
    const runs = (await api('GET', `/tasks/${task.id}/runs`)).body.data as Json[];
    expect(runs).toEqual([
      expect.objectContaining({ termination_reason: 'completed', llm_calls: 2 }),
    ]);
  });

  it('parks a write; rejected after a restart, the task fails with the reason', async () => {
    llm.requests.length = 0;
    llm.enqueue(fake.tool('write_file', { path: 'B.md', content: 'rejected content' }));
    const task = (await api('POST', '/tasks', { ...DEMO_TASK, title: 'Write B' })).body.data;
    const approval = await pendingApproval(task.id);

    await restart();
    const decided = await api('POST', `/approvals/${approval.id}/reject`, { reason: 'not needed' });
    expect(decided.status).toBe(200);

    const failed = await taskIn(task.id, 'failed');
    expect(failed.status_reason).toBe('approval rejected: not needed');
    expect(existsSync(join(await devWorkspace(), 'B.md'))).toBe(false);
    expect(llm.requests).toHaveLength(1);
    const runs = (await api('GET', `/tasks/${task.id}/runs`)).body.data as Json[];
    expect(runs).toEqual([
      expect.objectContaining({ termination_reason: 'rejected', error: 'not needed' }),
    ]);
  });
});
