import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { instanceStatusSchema } from '@synthorg/shared';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { cleanUp, freePort, lockFileOf, pidAlive, runCli, tempDir } from './support/cli.ts';

// Real instances, a real browser, on a shared machine: generous bounds, no timed assertions.
vi.setConfig({ testTimeout: 180_000 });

const ADMIN = { username: 'admin', password: 'a long enough password' };

let root: string;
let browser: Browser;
const dataDirs: string[] = [];

beforeAll(async () => {
  root = await tempDir();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await cleanUp(root, dataDirs);
});

async function startFresh(name: string, env: Record<string, string> = {}) {
  const dataDir = join(root, name);
  dataDirs.push(dataDir);
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const args = [
    'start',
    '--data-dir',
    dataDir,
    '--api-port',
    String(apiPort),
    '--web-port',
    String(webPort),
  ];
  const started = await runCli(args, env);
  expect(started.stderr).toBe('');
  expect(started.code).toBe(0);
  return { dataDir, apiPort, webPort, dashboard: `http://localhost:${webPort}` };
}

async function createAdmin(webPort: number): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${webPort}/api/v1/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(response.status).toBe(201);
}

const INDICATOR = '[data-testid="connection-indicator"]';

describe("the README's first command on a fresh data dir", () => {
  it('starts, goes live in Chromium through the dashboard, passes doctor and stops clean', async () => {
    const instance = await startFresh('fresh');
    const before = instanceStatusSchema.parse(
      JSON.parse((await runCli(['status', '--json', '--data-dir', instance.dataDir])).stdout),
    );
    expect(before).toMatchObject({ running: true, healthy: true, setup_pending: true });
    await createAdmin(instance.webPort);

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${instance.dashboard}/login`);
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator(`${INDICATOR}[data-state="live"]`).waitFor({ timeout: 60_000 });

    const status = instanceStatusSchema.parse(
      JSON.parse((await runCli(['status', '--json', '--data-dir', instance.dataDir])).stdout),
    );
    expect(status).toMatchObject({ running: true, healthy: true, setup_pending: false });

    const doctor = await runCli(['doctor', '--json', '--data-dir', instance.dataDir]);
    expect(doctor.stderr).toBe('');
    expect(doctor.code).toBe(0);
    const report = JSON.parse(doctor.stdout) as {
      ok: boolean;
      checks: Array<{ name: string; state: string }>;
    };
    expect(report.ok).toBe(true);
    expect(report.checks.find((check) => check.name === 'websocket')?.state).toBe('ok');

    const stopped = await runCli(['stop', '--data-dir', instance.dataDir]);
    expect(stopped.code).toBe(0);
    expect(status.pid && pidAlive(status.pid)).toBe(false);
    expect(existsSync(lockFileOf(instance.dataDir))).toBe(false);
    // The API's 1001 reached the browser through the proxy: the indicator left "live".
    await page.locator(`${INDICATOR}:not([data-state="live"])`).waitFor({ timeout: 60_000 });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('doctor names the dashboard proxy when it does not forward the WebSocket upgrade', async () => {
    const instance = await startFresh('no-ws-proxy', { SYNTHORG_WEB_WS_PROXY: 'off' });
    await createAdmin(instance.apiPort);
    const doctor = await runCli([
      'doctor',
      '--data-dir',
      instance.dataDir,
      '--username',
      ADMIN.username,
      '--password',
      ADMIN.password,
    ]);
    expect(doctor.code).toBe(1);
    expect(doctor.stderr.trim().split('\n')).toHaveLength(1);
    expect(doctor.stderr).toContain(
      `the dashboard proxy at :${instance.webPort} did not forward the WebSocket upgrade`,
    );
    expect(doctor.stderr).toContain(`direct to the API at :${instance.apiPort} works`);
    expect(doctor.stdout).toMatch(/✓ login/);
    expect((await runCli(['stop', '--data-dir', instance.dataDir])).code).toBe(0);
  });
});
