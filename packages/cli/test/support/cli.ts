import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../src/bin.ts', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `synthorg <args>` as a child process under this Node, as a user would. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Spawns a long-running `synthorg` (e.g. `start --foreground`); the caller must kill it. */
export function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A port that was free a moment ago: listen on 0, read it, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `--api-port <free> --web-port <free>`, for a start that must not collide with anything. */
export async function portFlags(): Promise<string[]> {
  return ['--api-port', String(await freePort()), '--web-port', String(await freePort())];
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'synthorg-cli-'));
}

export function lockFileOf(dataDir: string): string {
  return join(dataDir, 'run', 'instance.json');
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills whatever instance a test left on `dataDir` (after a failure) and removes the dir. */
export async function cleanUp(root: string, dataDirs: string[]): Promise<void> {
  for (const dataDir of dataDirs) {
    const file = lockFileOf(dataDir);
    if (!existsSync(file)) continue;
    const { pid } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number };
    if (pid > 0 && pidAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  await rm(root, { recursive: true, force: true });
}

/** SHA-256 of a file, or null when absent: proves a failed command left it untouched. */
export function digestOf(path: string): string | null {
  if (!existsSync(path)) return null;
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export async function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  let seen = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) resolve(seen);
    });
    child.once('exit', (code) =>
      reject(new Error(`exited with ${code} before ${pattern}: ${seen}`)),
    );
  });
}
