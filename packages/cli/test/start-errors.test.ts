import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import {
  cleanUp,
  digestOf,
  freePort,
  lockFileOf,
  pidAlive,
  portFlags,
  runCli,
  tempDir,
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

/** A data dir that has run once: config, database and logs exist. */
async function usedDataDir(name: string): Promise<string> {
  const dataDir = join(root, name);
  dataDirs.push(dataDir);
  expect((await runCli(['start', '--data-dir', dataDir, ...(await portFlags())])).code).toBe(0);
  expect((await runCli(['stop', '--data-dir', dataDir])).code).toBe(0);
  return dataDir;
}

function fingerprint(dataDir: string) {
  return {
    config: digestOf(join(dataDir, 'company.yaml')),
    database: digestOf(join(dataDir, 'synthorg.db')),
    lock: digestOf(lockFileOf(dataDir)),
  };
}

function expectOneLineFailure(result: { code: number; stderr: string }, cause: string): void {
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(cause);
}

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('synthorg start refuses with a one-line cause and leaves the data dir intact', () => {
  it.each(['api', 'web'] as const)('when the %s port is taken', async (which) => {
    const dataDir = await usedDataDir(`port-${which}`);
    const before = fingerprint(dataDir);
    const [apiPort, webPort] = [await freePort(), await freePort()];
    const taken = await listenOn(which === 'api' ? apiPort : webPort);
    try {
      const result = await runCli([
        'start',
        '--data-dir',
        dataDir,
        '--api-port',
        String(apiPort),
        '--web-port',
        String(webPort),
      ]);
      const label = which === 'api' ? `API port ${apiPort}` : `dashboard port ${webPort}`;
      expectOneLineFailure(result, `${label} on 127.0.0.1 is already in use`);
    } finally {
      taken.close();
    }
    expect(fingerprint(dataDir)).toEqual(before);
    expect(before.lock).toBeNull();
  });

  it.each(['api', 'web'] as const)('on a fresh dir when the %s port is taken', async (which) => {
    const dataDir = join(root, `fresh-busy-${which}`);
    const [apiPort, webPort] = [await freePort(), await freePort()];
    const taken = await listenOn(which === 'api' ? apiPort : webPort);
    try {
      const args = ['--api-port', String(apiPort), '--web-port', String(webPort)];
      const result = await runCli(['start', '--data-dir', dataDir, ...args]);
      const label = which === 'api' ? `API port ${apiPort}` : `dashboard port ${webPort}`;
      expectOneLineFailure(result, `${label} on 127.0.0.1 is already in use`);
    } finally {
      taken.close();
    }
    // Nothing was written: not even the dir, let alone company.yaml, synthorg.db or logs/.
    expect(existsSync(dataDir)).toBe(false);
  });

  it('when the data dir lies under a regular file (root cannot write there either)', async () => {
    const file = join(root, 'plain-file');
    writeFileSync(file, 'not a directory');
    const dataDir = join(file, 'data');
    const result = await runCli(['start', '--data-dir', dataDir, ...(await portFlags())]);
    expectOneLineFailure(result, `data dir ${dataDir} is not writable`);
    expect(result.stderr).toContain('part of the path is a file');
    expect(readFileSync(file, 'utf8')).toBe('not a directory');
  });

  it.each([
    ['not valid YAML', 'company_name: [unclosed\nagents: []\n', 'company.yaml:2:1: Flow sequence'],
    ['against the schema', 'company_name: x\nagents: 5\n', 'company.yaml:2:9: agents: Invalid'],
  ])('when the config is %s', async (_what, text, cause) => {
    const dataDir = await usedDataDir(`corrupt-config-${text.length}`);
    writeFileSync(join(dataDir, 'company.yaml'), text);
    const before = fingerprint(dataDir);
    const result = await runCli(['start', '--data-dir', dataDir, ...(await portFlags())]);
    expectOneLineFailure(result, `company.yaml is invalid: ${cause}`);
    expect(fingerprint(dataDir)).toEqual(before);
  });

  it('when both ports are the same', async () => {
    const port = String(await freePort());
    const dataDir = join(root, 'same-port');
    const result = await runCli([
      'start',
      '--data-dir',
      dataDir,
      '--api-port',
      port,
      '--web-port',
      port,
    ]);
    expectOneLineFailure(result, '--api-port and --web-port must differ');
  });

  it('but replaces a stale lock left by a process that is gone', async () => {
    const dataDir = await usedDataDir('stale-lock');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(gone.stdout.toString());
    expect(pidAlive(deadPid)).toBe(false);
    mkdirSync(join(dataDir, 'run'), { recursive: true });
    const stale = { pid: deadPid, nonce: 'x', proc_start: null, started_at: '', version: '0' };
    writeFileSync(
      lockFileOf(dataDir),
      JSON.stringify({ ...stale, api_url: null, dashboard_url: null }),
    );

    const status = await runCli(['status', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(status.stdout)).toMatchObject({ running: false, stale_lock: true });
    const started = await runCli(['start', '--data-dir', dataDir, ...(await portFlags())]);
    expect(started.code).toBe(0);
    const record = JSON.parse(readFileSync(lockFileOf(dataDir), 'utf8'));
    expect(record.pid).not.toBe(deadPid);
    expect((await runCli(['stop', '--data-dir', dataDir])).code).toBe(0);
  });
});
