import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { CliError } from '../support/cli-error.ts';
import { daemonMessageSchema } from './daemon-ipc.ts';

const BIN = fileURLToPath(new URL('../bin.ts', import.meta.url));

export interface SpawnedDaemon {
  pid: number;
  apiUrl: string;
  dashboardUrl: string;
}

/** The last line of the log, for an error message when the child died before reporting. */
function lastLogLine(logFile: string): string {
  try {
    const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n');
    return (lines.at(-1) ?? '').slice(0, 300);
  } catch {
    return '';
  }
}

function waitForReport(child: ChildProcess, logFile: string, deadlineMs: number) {
  return new Promise<Omit<SpawnedDaemon, 'pid'>>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new CliError(`the instance did not report ready within ${deadlineMs / 1000} s`));
    }, deadlineMs);
    child.on('message', (raw) => {
      const parsed = daemonMessageSchema.safeParse(raw);
      if (!parsed.success) return;
      clearTimeout(timer);
      const message = parsed.data;
      if (message.type === 'failed') reject(new CliError(message.message));
      else resolve({ apiUrl: message.api_url, dashboardUrl: message.dashboard_url });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const last = lastLogLine(logFile);
      const how = signal ? `signal ${signal}` : `code ${code}`;
      reject(new CliError(`the instance exited during start (${how}); last log line: ${last}`));
    });
  });
}

/**
 * Starts `synthorg start --foreground` as a detached child whose stdout and stderr append to
 * the log file, and waits for it to report ready or failed over IPC. The child outlives us.
 */
export async function spawnDaemon(
  args: string[],
  logFile: string,
  deadlineMs: number,
): Promise<SpawnedDaemon> {
  const fd = openSync(logFile, 'a', 0o600);
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, [BIN, ...args], {
      detached: true,
      stdio: ['ignore', fd, fd, 'ipc'],
      env: process.env,
    });
  } finally {
    closeSync(fd);
  }
  try {
    const urls = await waitForReport(child, logFile, deadlineMs);
    return { pid: child.pid ?? 0, ...urls };
  } finally {
    child.removeAllListeners();
    if (child.connected) child.disconnect();
    child.unref();
  }
}
