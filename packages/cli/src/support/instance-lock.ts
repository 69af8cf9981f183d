import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

import { CliError, errnoOf } from './cli-error.ts';
import { layoutOf } from './paths.ts';

/**
 * The lock and state file of a running instance (`run/instance.json`). Created atomically, so
 * two starts on one data dir cannot both win. `proc_start` is the kernel's start time of the
 * pid, which tells a live instance from an unrelated process that reused its pid.
 */
export const instanceRecordSchema = z.object({
  pid: z.number().int(),
  nonce: z.string(),
  proc_start: z.string().nullable(),
  started_at: z.string(),
  version: z.string(),
  api_url: z.string().nullable(),
  dashboard_url: z.string().nullable(),
});
export type InstanceRecord = z.infer<typeof instanceRecordSchema>;

/** Field 22 of `/proc/<pid>/stat` (Linux); null where procfs is absent. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoOf(error) === 'EPERM';
  }
}

/** True when the recorded process still runs and is the one that wrote the record. */
export function isRecordLive(record: InstanceRecord): boolean {
  if (!pidAlive(record.pid)) return false;
  if (record.proc_start === null) return true;
  return processStartTime(record.pid) === record.proc_start;
}

export function readInstanceRecord(dataDir: string): InstanceRecord | null {
  let text: string;
  try {
    text = readFileSync(layoutOf(dataDir).lockFile, 'utf8');
  } catch (error) {
    // No record can exist where the path is missing or runs through a file.
    const code = errnoOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
  const parsed = instanceRecordSchema.safeParse(safeJson(text));
  // A torn or foreign file cannot name a live instance; treat it as stale.
  return parsed.success ? parsed.data : { ...STALE_PLACEHOLDER };
}

const STALE_PLACEHOLDER: InstanceRecord = {
  pid: 0,
  nonce: '',
  proc_start: null,
  started_at: '',
  version: '',
  api_url: null,
  dashboard_url: null,
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export interface HeldLock {
  record: InstanceRecord;
  /** Rewrites the record (e.g. with the URLs once listening). */
  update(patch: Partial<InstanceRecord>): void;
  release(): void;
}

function alreadyRunning(dataDir: string, record: InstanceRecord): CliError {
  return new CliError(
    `an instance is already running on data dir ${dataDir} (pid ${record.pid}); ` +
      'stop it with `synthorg stop` first',
  );
}

/** Takes the data dir's instance lock for this process, removing a stale one. */
export function acquireInstanceLock(dataDir: string, version: string): HeldLock {
  const file = layoutOf(dataDir).lockFile;
  let record: InstanceRecord = {
    pid: process.pid,
    nonce: randomBytes(16).toString('hex'),
    proc_start: processStartTime(process.pid),
    started_at: new Date().toISOString(),
    version,
    api_url: null,
    dashboard_url: null,
  };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(record), { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST') throw error;
      const existing = readInstanceRecord(dataDir);
      // A second collision means another start won the race after we removed a stale lock.
      if (existing && (attempt > 0 || isRecordLive(existing))) {
        throw alreadyRunning(dataDir, existing);
      }
      rmSync(file, { force: true });
    }
  }
  const owned = () => readInstanceRecord(dataDir)?.nonce === record.nonce;
  return {
    get record() {
      return record;
    },
    update(patch) {
      record = { ...record, ...patch };
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(record), { mode: 0o600 });
      renameSync(temp, file);
    },
    release() {
      if (owned()) rmSync(file, { force: true });
    },
  };
}

/** Removes a lock whose process is gone; returns true if one was removed. */
export function clearStaleLock(dataDir: string): boolean {
  const record = readInstanceRecord(dataDir);
  if (!record || isRecordLive(record)) return false;
  rmSync(layoutOf(dataDir).lockFile, { force: true });
  return true;
}
