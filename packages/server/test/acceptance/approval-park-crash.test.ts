import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setupAdmin, type TestUser } from '../support/auth.ts';
import { type ChildServer, startChildServer } from '../support/child-server.ts';
import { DEMO_TASK, writeDemoCompany } from '../support/engine-company.ts';
import { eventually, taskReaches } from '../support/eventually.ts';
import { type FakeOpenAi, fake, startFakeOpenAi } from '../support/fake-openai.ts';
import { type Json, jsonRequest } from '../support/http.ts';
import { makeDataDir } from '../support/test-server.ts';

/** A child server restarts slower than an in-process one: a longer bound on waiting. */
const CHILD_ATTEMPTS = 800;

let llm: FakeOpenAi;
let server: ChildServer | undefined;
let dataDir: string;

beforeAll(async () => {
  llm = await startFakeOpenAi();
  dataDir = await makeDataDir();
  await writeDemoCompany(dataDir, llm.baseUrl, { autonomy: 'supervised' });
});
afterAll(async () => {
  await server?.kill('SIGTERM');
  await llm.close();
});

/**
 * Puts the run back where it was after the approval was stored and before its parking was
 * committed: what the database holds when the process dies between the two writes.
 */
function undoParking(taskId: string): { runId: string } {
  const db = new DatabaseSync(join(dataDir, 'synthorg.db'));
  try {
    const run = db
      .prepare('select id, status, approval_id from engine_runs where task_id = ?')
      .get(taskId) as { id: string; status: string; approval_id: string | null };
    expect(run).toMatchObject({ status: 'parked' });
    expect(run.approval_id).not.toBeNull();
    db.prepare(
      "update engine_runs set status = 'running', approval_id = null, parked_call_id = null where id = ?",
    ).run(run.id);
    return { runId: run.id };
  } finally {
    db.close();
  }
}

describe('parking after a crash', () => {
  it('a crash between asking for an approval and parking the run leaves exactly one approval', async () => {
    server = await startChildServer(dataDir);
    const admin: TestUser = await setupAdmin(server.baseUrl);
    const api = (method: string, path: string, body?: unknown) =>
      jsonRequest(`${server?.baseUrl}/api/v1${path}`, method, body, admin.token);
    const approvalsOf = async (taskId: string) =>
      (await api('GET', `/approvals?task_id=${taskId}`)).body.data as Json[];

    llm.enqueue(fake.tool('write_file', { path: 'PARKED.md', content: 'parked once' }));
    const task = (await api('POST', '/tasks', { ...DEMO_TASK, title: 'Write parked' })).body.data;
    const first = await eventually(
      async () => (await approvalsOf(task.id))[0],
      'first approval',
      CHILD_ATTEMPTS,
    );
    await server.waitFor('engine.run.parked');
    await server.kill('SIGKILL');

    const { runId } = undoParking(task.id);
    server = await startChildServer(dataDir);
    expect(await server.waitFor('engine.run.recovered')).toMatchObject({ runId });
    // The resumed run reaches the same tool call again and asks for its approval again.
    await server.waitFor('engine.run.parked');
    const approvals = await approvalsOf(task.id);
    expect(approvals.map((a) => a.id)).toEqual([first.id]);
    expect(server.lines.find((l) => l.event === 'work.approval.reused')).toMatchObject({
      approvalId: first.id,
    });
    expect(approvals[0]).toMatchObject({ status: 'pending', action_type: 'code:write' });
    const runs = (await api('GET', `/tasks/${task.id}/runs`)).body.data as Json[];
    expect(runs).toEqual([expect.objectContaining({ id: runId, status: 'parked' })]);
    expect(llm.requests).toHaveLength(1);

    llm.enqueue(fake.text('PARKED.md is written.'));
    expect((await api('POST', `/approvals/${first.id}/approve`, {})).status).toBe(200);
    const done = await taskReaches(
      (path) => api('GET', path),
      task.id,
      'completed',
      CHILD_ATTEMPTS,
    );
    expect(done.status).toBe('completed');
    expect(await approvalsOf(task.id)).toHaveLength(1);
  });
});
