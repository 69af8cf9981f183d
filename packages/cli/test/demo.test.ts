import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { cleanUp, freePort, runCli, tempDir } from './support/cli.ts';

// A real instance runs the scripted agent; a loaded machine needs the margin.
vi.setConfig({ testTimeout: 240_000 });

let root: string;
const dataDirs: string[] = [];

beforeAll(async () => {
  root = await tempDir();
});

afterAll(async () => {
  for (const dataDir of dataDirs) await runCli(['stop', '--data-dir', dataDir]);
  await cleanUp(root, dataDirs);
});

type Json = Record<string, unknown>;

async function call(url: string, token?: string, body?: unknown): Promise<Json> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: body ? 'POST' : 'GET',
    headers,
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return (await response.json()) as Json;
}

/** Polls until the demo project's task is in a final state; the test timeout bounds it. */
async function demoTaskWhenSettled(api: string, token: string): Promise<Json> {
  for (;;) {
    const listed = await call(`${api}/tasks?project=proj-demo`, token);
    const tasks = listed.data as Json[];
    const task = tasks[0];
    if (task && ['completed', 'failed', 'cancelled'].includes(task.status as string)) return task;
    await sleep(250);
  }
}

describe('synthorg start --demo on a fresh data dir', () => {
  it('writes the solo_founder company on the scripted provider and an agent writes the README', async () => {
    const dataDir = join(root, 'demo');
    dataDirs.push(dataDir);
    const [apiPort, webPort] = [await freePort(), await freePort()];
    const started = await runCli([
      'start',
      '--demo',
      '--data-dir',
      dataDir,
      '--api-port',
      String(apiPort),
      '--web-port',
      String(webPort),
    ]);
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    const config = readFileSync(join(dataDir, 'company.yaml'), 'utf8');
    expect(config).toContain("template 'solo_founder'");
    // The start report names the template it really used.
    expect(started.stdout).toContain('(new: template solo_founder, scripted demo provider)');
    expect(config).toContain('builtin:demo');

    const api = `http://127.0.0.1:${webPort}/api/v1`;
    // The demo waits for the first account, so its run happens while someone can watch it.
    const setupStartedMs = Date.now();
    const setup = await call(`${api}/auth/setup`, undefined, {
      username: 'admin',
      password: 'correct horse battery',
    });
    const token = (setup.data as Json).token as string;
    expect(token).toEqual(expect.any(String));

    const task = await demoTaskWhenSettled(api, token);
    expect(task).toMatchObject({ title: 'Write project README', status: 'completed' });
    expect(Date.parse(String(task.created_at))).toBeGreaterThanOrEqual(setupStartedMs);
    const agent = String(task.assigned_to);
    const folder = agent
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const readme = join(dataDir, 'workspaces', folder, 'README.md');
    expect(existsSync(readme)).toBe(true);
    expect(readFileSync(readme, 'utf8')).toContain('## Usage');

    expect((await runCli(['stop', '--data-dir', dataDir])).code).toBe(0);
  });
});
