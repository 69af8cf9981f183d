import { createHash, timingSafeEqual } from 'node:crypto';
import { lstatSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DOCTOR_TOKEN_MAX_AGE_SECONDS } from '@synthorg/shared';

/** Where `synthorg doctor` writes the one-time token, relative to the data dir. */
export function doctorTokenPath(dataDir: string): string {
  return join(dataDir, 'run', 'doctor-token');
}

export type RedeemResult = { ok: true } | { ok: false; reason: string };

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The file must be a private regular file of our own user, written moments ago. */
function fileProblem(path: string, now: number): string | null {
  const stat = lstatSync(path);
  if (!stat.isFile()) return 'not_a_regular_file';
  if ((stat.mode & 0o077) !== 0) return 'file_not_private';
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return 'foreign_owner';
  if (now - stat.mtimeMs > DOCTOR_TOKEN_MAX_AGE_SECONDS * 1000) return 'expired';
  return null;
}

/**
 * Redeems the token file once: it is removed on the first attempt, right or wrong, so a guess
 * costs the guesser the file and a leaked token cannot be replayed.
 */
export function redeemDoctorToken(
  dataDir: string,
  presented: string,
  now = Date.now(),
): RedeemResult {
  const path = doctorTokenPath(dataDir);
  let stored: string;
  let problem: string | null;
  try {
    problem = fileProblem(path, now);
    stored = readFileSync(path, 'utf8').trim();
  } catch {
    return { ok: false, reason: 'no_token_file' };
  } finally {
    rmSync(path, { force: true });
  }
  if (problem) return { ok: false, reason: problem };
  if (stored.length === 0 || !timingSafeEqual(digest(stored), digest(presented))) {
    return { ok: false, reason: 'mismatch' };
  }
  return { ok: true };
}
