import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { instanceStatusSchema } from '@synthorg/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import {
  cleanUp,
  freePort,
  lockFileOf,
  pidAlive,
  runCli,
  spawnCli,
  tempDir,
  waitForOutput,
} from './support/cli.ts';

// Each test starts real instances as child processes; a loaded machine needs the margin.
vi.setConfig({ testTimeout: 120_000 });

let root: string;
const dataDirs: string[] = [];

beforeAll(async () => {
  root = await tempDir();
});

afterAll(async () => {
  await cleanUp(root, dataDirs);
});

async function freshDataDir(name: string): Promise<string> {
  const dataDir = join(root, name);
  dataDirs.push(dataDir);
  return dataDir;
}

describe('synthorg start / status / stop (detached)', () => {
  it('starts both listeners, reports healthy, refuses a second start, and stops cleanly', async () => {
    const dataDir = await freshDataDir('detached');
    const [apiPort, webPort] = [await freePort(), await freePort()];
    const ports = ['--api-port', String(apiPort), '--web-port', String(webPort)];

    const started = await runCli(['start', '--data-dir', dataDir, ...ports]);
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    expect(started.stdout).toContain(`http://localhost:${webPort}`);
    expect(readFileSync(join(dataDir, 'company.yaml'), 'utf8')).toContain(
      "from template 'startup'",
    );

    const status = await runCli(['status', '--json', '--data-dir', dataDir]);
    expect(status.code).toBe(0);
    const parsed = instanceStatusSchema.parse(JSON.parse(status.stdout));
    expect(parsed).toMatchObject({ running: true, healthy: true, stale_lock: false });
    expect(parsed.health).toMatchObject({ api: 'ok', dashboard: 'ok' });
    expect(parsed.urls?.dashboard).toBe(`http://localhost:${webPort}`);
    const pid = parsed.pid ?? 0;
    expect(pidAlive(pid)).toBe(true);

    const page = await fetch(`http://127.0.0.1:${webPort}/tasks/deep/link`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const proxied = await fetch(`http://127.0.0.1:${webPort}/api/v1/health`);
    expect(((await proxied.json()) as { data: { status: string } }).data.status).toBe('ok');

    const again = await runCli([
      'start',
      '--data-dir',
      dataDir,
      '--api-port',
      String(await freePort()),
      '--web-port',
      String(await freePort()),
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain(`already running on data dir ${dataDir} (pid ${pid})`);

    const stopped = await runCli(['stop', '--data-dir', dataDir]);
    expect(stopped.code).toBe(0);
    expect(pidAlive(pid)).toBe(false);
    expect(existsSync(lockFileOf(dataDir))).toBe(false);

    const after = instanceStatusSchema.parse(
      JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir])).stdout),
    );
    expect(after).toMatchObject({ running: false, healthy: false, pid: null });
    expect((await runCli(['status', '--check', '--data-dir', dataDir])).code).toBe(1);
    expect((await runCli(['stop', '--data-dir', dataDir])).stdout).toContain('Not running');
  });
});

describe('synthorg start --foreground', () => {
  it('serves until SIGTERM, then exits 0 and releases the lock', async () => {
    const dataDir = await freshDataDir('foreground');
    const [apiPort, webPort] = [await freePort(), await freePort()];
    const child = spawnCli([
      'start',
      '--foreground',
      '--data-dir',
      dataDir,
      '--api-port',
      String(apiPort),
      '--web-port',
      String(webPort),
    ]);
    try {
      await waitForOutput(child, /Dashboard/);
      const health = await fetch(`http://127.0.0.1:${webPort}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(existsSync(lockFileOf(dataDir))).toBe(true);

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(lockFileOf(dataDir))).toBe(false);
      const log = readFileSync(join(dataDir, 'logs', 'synthorg.log'), 'utf8');
      expect(log).toContain('"event":"api.app.shutdown"');
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('synthorg version and logs', () => {
  it('prints the version and the running Node', async () => {
    const result = await runCli(['version', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ node: process.versions.node });
  });

  it('filters the log by level and fails clearly without a log', async () => {
    const dataDir = await freshDataDir('logs');
    const missing = await runCli(['logs', '--data-dir', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no log file yet');

    const [apiPort, webPort] = [await freePort(), await freePort()];
    const ports = ['--api-port', String(apiPort), '--web-port', String(webPort)];
    expect((await runCli(['start', '--data-dir', dataDir, ...ports])).code).toBe(0);
    // A known warn line: the API logs an unknown route at warn.
    expect((await fetch(`http://127.0.0.1:${apiPort}/api/v1/no-such-route`)).status).toBe(404);
    expect((await runCli(['stop', '--data-dir', dataDir])).code).toBe(0);

    const info = await runCli(['logs', '--data-dir', dataDir, '--tail', 'all']);
    expect(info.stdout).toMatch(/INFO +api\.app\.startup/);
    const warn = await runCli(['logs', '--data-dir', dataDir, '--json', '--level', 'warn']);
    expect(warn.code).toBe(0);
    const lines = warn.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.event)).toContain('api.route.not_found');
    for (const line of lines) expect(line.level).toBeGreaterThanOrEqual(40);
    const last = await runCli(['logs', '--data-dir', dataDir, '--json', '--tail', '1']);
    expect(last.stdout.trim().split('\n')).toHaveLength(1);
  });
});

describe('synthorg logs -f', () => {
  it('prints lines written after it started following', async () => {
    const dataDir = await freshDataDir('follow');
    const [apiPort, webPort] = [await freePort(), await freePort()];
    const ports = ['--api-port', String(apiPort), '--web-port', String(webPort)];
    expect((await runCli(['start', '--data-dir', dataDir, ...ports])).code).toBe(0);
    const follower = spawnCli([
      'logs',
      '-f',
      '--tail',
      '0',
      '--level',
      'warn',
      '--data-dir',
      dataDir,
    ]);
    try {
      const seen = waitForOutput(follower, /api\.route\.not_found/);
      // Keep producing the warn line until the follower has printed one.
      let settled = false;
      const stopLoop = () => {
        settled = true;
      };
      seen.then(stopLoop, stopLoop);
      while (!settled) {
        await fetch(`http://127.0.0.1:${apiPort}/api/v1/followed-route`);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      expect(await seen).toMatch(/WARN +api\.route\.not_found/);
    } finally {
      follower.kill('SIGKILL');
      await runCli(['stop', '--data-dir', dataDir]);
    }
  });
});

describe('synthorg stop on an instance that does not exit', () => {
  it('sends SIGKILL after the grace period, says so and removes the lock', async () => {
    const dataDir = await freshDataDir('hung');
    const [apiPort, webPort] = [await freePort(), await freePort()];
    const ports = ['--api-port', String(apiPort), '--web-port', String(webPort)];
    expect((await runCli(['start', '--data-dir', dataDir, ...ports])).code).toBe(0);
    const { pid } = JSON.parse(readFileSync(lockFileOf(dataDir), 'utf8')) as { pid: number };
    // A stopped process cannot act on SIGTERM, as a hung one would not.
    process.kill(pid, 'SIGSTOP');
    try {
      const stopped = await runCli(['stop', '--timeout', '1', '--data-dir', dataDir]);
      expect(stopped.code).toBe(0);
      expect(stopped.stderr.trim()).toBe(
        `synthorg: pid ${pid} did not stop within 1 s and was killed (SIGKILL)`,
      );
      expect(pidAlive(pid)).toBe(false);
      expect(existsSync(lockFileOf(dataDir))).toBe(false);
    } finally {
      if (pidAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
