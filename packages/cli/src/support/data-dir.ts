import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CliError, errnoOf } from './cli-error.ts';
import { layoutOf } from './paths.ts';

const CAUSES: Record<string, string> = {
  ENOTDIR: 'part of the path is a file, not a directory',
  EEXIST: 'the path exists and is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
};

function unwritable(dataDir: string, error: unknown): CliError {
  const code = errnoOf(error);
  const cause = (code && CAUSES[code]) ?? (error instanceof Error ? error.message : String(error));
  return new CliError(`data dir ${dataDir} is not writable: ${cause}`);
}

/**
 * Creates the data dir and its `logs/` and `run/` folders (mode 0700) and proves a file can be
 * written there, so a start fails before anything is spawned rather than in a log file.
 */
export function ensureWritableDataDir(dataDir: string): void {
  const layout = layoutOf(dataDir);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (!statSync(dataDir).isDirectory()) throw Object.assign(new Error(), { code: 'EEXIST' });
    mkdirSync(layout.logs, { recursive: true, mode: 0o700 });
    mkdirSync(layout.run, { recursive: true, mode: 0o700 });
    const probe = join(layout.run, `.write-probe-${process.pid}`);
    writeFileSync(probe, '', { mode: 0o600 });
    rmSync(probe);
  } catch (error) {
    throw unwritable(dataDir, error);
  }
}
