import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SYNTHORG_VERSION } from '@synthorg/shared';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const LAUNCHER = fileURLToPath(new URL('../bin/synthorg.mjs', import.meta.url));
/** The machine's own Node (Debian's), older than the pinned one. */
const SYSTEM_NODE = '/usr/bin/node';

function run(file: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(file, args, { cwd: REPO_ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Only the system directories: no `node_modules/.bin`, as in a plain shell. */
const PLAIN_ENV = { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? '/root' };

describe('which Node runs synthorg', () => {
  it('hands an older Node over to the pinned Node 24', async () => {
    const system = await run(SYSTEM_NODE, ['--version'], PLAIN_ENV);
    expect(Number(system.stdout.slice(1).split('.')[0])).toBeLessThan(24);

    const result = await run(SYSTEM_NODE, [LAUNCHER, 'version', '--json'], PLAIN_ENV);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).node).toBe(process.versions.node);
  });

  it("`npx synthorg` from the repository root runs the workspace's bin on Node 24", async () => {
    const result = await run(
      '/usr/bin/npx',
      ['--no-install', 'synthorg', 'version', '--json'],
      PLAIN_ENV,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      node: process.versions.node,
      synthorg: SYNTHORG_VERSION,
    });
  });
});
