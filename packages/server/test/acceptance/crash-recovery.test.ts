import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { workspaceFolder } from '../../src/engine/runner/run-executor.ts';
import { setupAdmin, type TestUser } from '../support/auth.ts';
import { type ChildServer, startChildServer } from '../support/child-server.ts';
import { DEMO_TASK, FAKE_PRICES, writeDemoCompany } from '../support/engine-company.ts';
import { type FakeOpenAi, fake, startFakeOpenAi } from '../support/fake-openai.ts';
import { type Json, jsonRequest } from '../support/http.ts';
import { makeDataDir } from '../support/test-server.ts';

let llm: FakeOpenAi;
let server: ChildServer | undefined;
let dataDir: string;

beforeAll(async () => {
  llm = await startFakeOpenAi();
  dataDir = await makeDataDir();
  await writeDemoCompany(dataDir, llm.baseUrl);
});
afterAll(async () => {
  await server?.kill('SIGTERM');
  await llm.close();
});

const priced = (prompt: number, completion: number) =>
  (prompt / 1000) * FAKE_PRICES.cost_per_1k_input +
  (completion / 1000) * FAKE_PRICES.cost_per_1k_output;

describe('crash recovery', () => {
  it('SIGKILL during a run: after a restart the task is retried, finishes, and spend counts once', async () => {
    server = await startChildServer(dataDir);
    const admin: TestUser = await setupAdmin(server.baseUrl);
    const api = (method: string, path: string, body?: unknown) =>
      jsonRequest(`${server?.baseUrl}/api/v1${path}`, method, body, admin.token);

    // Turn 1 writes the file and is committed; the call of turn 2 never answers.
    llm.enqueue(
      fake.tool(
        'write_file',
        { path: 'README.md', content: '# todo\n' },
        { prompt: 400, completion: 100 },
      ),
      { kind: 'hang' },
    );
    const task = (await api('POST', '/tasks', DEMO_TASK)).body.data;
    for (let i = 0; i < 800 && llm.requests.length < 2; i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(llm.requests).toHaveLength(2);
    await server.kill('SIGKILL');

    llm.enqueue(fake.text('README.md is done.', { prompt: 500, completion: 20 }));
    server = await startChildServer(dataDir);
    const recovered = await server.waitFor('engine.run.recovered');
    expect(recovered).toMatchObject({ taskId: task.id, turns: 1 });

    let final: Json;
    for (let i = 0; ; i++) {
      final = (await api('GET', `/tasks/${task.id}`)).body.data;
      if (final.status === 'completed' || i > 800) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(final.status).toBe('completed');

    const records = (await api('GET', `/budget/records?task_id=${task.id}`)).body.data as Json[];
    const total = records.reduce((sum, r) => sum + r.cost_usd, 0);
    expect(records).toHaveLength(2);
    expect(total).toBeCloseTo(priced(400, 100) + priced(500, 20), 10);
    const runs = (await api('GET', `/tasks/${task.id}/runs`)).body.data as Json[];
    expect(runs).toEqual([
      expect.objectContaining({ llm_calls: 2, termination_reason: 'completed' }),
    ]);
    expect(runs[0].cost_usd).toBeCloseTo(total, 10);
    expect(llm.requests).toHaveLength(3);

    const agents = (await api('GET', '/agents')).body.data as Json[];
    const dev = agents.find((a) => a.name === final.assigned_to);
    const readme = join(dataDir, 'workspaces', workspaceFolder(dev.name), 'README.md');
    expect(await readFile(readme, 'utf8')).toBe('# todo\n');
  });
});
