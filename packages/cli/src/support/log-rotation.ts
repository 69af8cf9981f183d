import { existsSync, renameSync, rmSync, statSync } from 'node:fs';

/** A log past this size is rotated when the next instance starts. */
export const LOG_ROTATE_BYTES = 10 * 1024 * 1024;
export const LOG_KEEP = 3;

/**
 * `synthorg.log` → `.1` → `.2` → `.3` (the oldest is dropped). Runs only before an instance
 * starts, never under a running one, so no writer holds the file being renamed.
 */
export function rotateLogIfLarge(logFile: string, limit = LOG_ROTATE_BYTES): boolean {
  if (!existsSync(logFile) || statSync(logFile).size < limit) return false;
  rmSync(`${logFile}.${LOG_KEEP}`, { force: true });
  for (let index = LOG_KEEP - 1; index >= 1; index--) {
    if (existsSync(`${logFile}.${index}`))
      renameSync(`${logFile}.${index}`, `${logFile}.${index + 1}`);
  }
  renameSync(logFile, `${logFile}.1`);
  return true;
}
