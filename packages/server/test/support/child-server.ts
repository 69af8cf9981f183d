import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import type { LogLine } from './log-capture.ts';

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'main.ts');

export interface ChildServer {
  child: ChildProcess;
  baseUrl: string;
  lines: LogLine[];
  /** Resolves with the first log line with this event, waiting up to `timeoutMs`. */
  waitFor(event: string, timeoutMs?: number): Promise<LogLine>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `node packages/server/src/main.ts` as a real process on 127.0.0.1 port 0 with a
 * minimal environment (data dir, fast engine poll), and reads its JSON log from stdout.
 */
export async function startChildServer(dataDir: string): Promise<ChildServer> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      SYNTHORG_HOME: dataDir,
      SYNTHORG_HOST: '127.0.0.1',
      SYNTHORG_PORT: '0',
      SYNTHORG_LOG_LEVEL: 'info',
      SYNTHORG_ENGINE_POLL_MS: '50',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: LogLine[] = [];
  const listeners = new Set<() => void>();
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text) as LogLine);
    } catch {
      return;
    }
    for (const listener of listeners) listener();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const waitFor = (event: string, timeoutMs = 20_000) =>
    new Promise<LogLine>((resolve, reject) => {
      const check = () => {
        const found = lines.find((line) => line.event === event);
        if (found) {
          done();
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`child never logged ${event}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });

  const startup = await waitFor('api.app.startup');
  return {
    child,
    baseUrl: String(startup.address),
    lines,
    waitFor,
    async kill(signal) {
      child.kill(signal);
      await exited;
    },
  };
}
