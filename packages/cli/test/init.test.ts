import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { instanceStatusSchema } from '@synthorg/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { cleanUp, digestOf, freePort, runCli, tempDir } from './support/cli.ts';

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

function dataDirNamed(name: string): string {
  const dataDir = join(root, name);
  dataDirs.push(dataDir);
  return dataDir;
}

async function json(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('synthorg init --yes', () => {
  it('writes a private config from the template and refuses to overwrite it silently', async () => {
    const dataDir = dataDirNamed('init');
    const result = await runCli([
      'init',
      '--yes',
      '--template',
      'solo_founder',
      '--company-name',
      'Acme Labs',
      '--data-dir',
      dataDir,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const config = join(dataDir, 'company.yaml');
    expect(statSync(config).mode & 0o777).toBe(0o600);
    expect(readFileSync(config, 'utf8')).toMatch(/company_name: Acme Labs[\s\S]*driver: scripted/);

    const before = digestOf(config);
    const again = await runCli(['init', '--yes', '--company-name', 'Other', '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(
      `synthorg: config ${config} exists; pass --force to replace it`,
    );
    expect(digestOf(config)).toBe(before);

    const missing = await runCli(['init', '--yes', '--template', 'nope', '--data-dir', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Template 'nope' not found");
    expect(digestOf(config)).toBe(before);
  });

  it('keeps logins across a forced re-init and a restart, and start uses the chosen ports', async () => {
    const dataDir = dataDirNamed('reinit');
    const [apiPort, webPort] = [await freePort(), await freePort()];
    const ports = ['--api-port', String(apiPort), '--web-port', String(webPort)];
    expect((await runCli(['init', '--yes', '--data-dir', dataDir, ...ports])).code).toBe(0);
    expect((await runCli(['start', '--data-dir', dataDir])).code).toBe(0);
    const status = instanceStatusSchema.parse(
      JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir])).stdout),
    );
    expect(status.urls?.api).toBe(`http://127.0.0.1:${apiPort}`);
    expect(status.setup_pending).toBe(true);

    const api = `http://127.0.0.1:${apiPort}/api/v1`;
    const setup = await json(`${api}/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'correct horse battery' }),
    });
    expect(setup.status).toBe(201);
    const token = (setup.body.data as { token: string }).token;

    const forced = await runCli([
      'init',
      '--yes',
      '--force',
      '--company-name',
      'Renamed',
      '--data-dir',
      dataDir,
    ]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('restart it to apply');
    expect(readFileSync(join(dataDir, 'company.yaml.bak'), 'utf8')).toContain('My Company');
    expect((await runCli(['stop', '--data-dir', dataDir])).code).toBe(0);
    expect((await runCli(['start', '--data-dir', dataDir])).code).toBe(0);

    const me = await json(`${api}/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    const after = instanceStatusSchema.parse(
      JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir])).stdout),
    );
    expect(after.setup_pending).toBe(false);
    expect((await runCli(['stop', '--data-dir', dataDir])).code).toBe(0);
  });
});
