import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SYNTHORG_VERSION } from '@synthorg/shared';
import { z } from 'zod';

import { CliError } from './cli-error.ts';
import { layoutOf } from './paths.ts';

/** Files of the data dir a backup carries besides the database snapshot. */
export const CONFIG_FILES = ['company.yaml', 'cli.json'] as const;
export const DATABASE_FILE = 'synthorg.db';
export const MANIFEST_FILE = 'manifest.json';

export const manifestSchema = z.object({
  format: z.literal(1),
  created_at: z.string(),
  synthorg_version: z.string(),
  /** File name → SHA-256 (hex) of every file in the backup besides the manifest. */
  files: z.record(z.string(), z.string()),
});
export type Manifest = z.infer<typeof manifestSchema>;

export function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** `PRAGMA integrity_check` on a read-only handle; throws with SQLite's verdict otherwise. */
export function assertIntact(path: string): void {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const rows = db.prepare('PRAGMA integrity_check').all() as Array<Record<string, unknown>>;
    const verdict = rows.map((row) => Object.values(row)[0]).join('; ');
    if (verdict !== 'ok') throw new CliError(`${path} failed the integrity check: ${verdict}`);
  } finally {
    db.close();
  }
}

/**
 * A consistent copy of the live database: `VACUUM INTO` reads inside one transaction, so the
 * copy holds exactly the transactions committed when it began, while writers carry on (WAL).
 */
export function snapshotDatabase(source: string, target: string): void {
  const db = new DatabaseSync(source);
  try {
    db.exec('PRAGMA busy_timeout = 10000');
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
}

/** Copies the config files that exist and writes the manifest over everything in `dir`. */
export function finishBackup(dataDir: string, dir: string): Manifest {
  const files: Record<string, string> = { [DATABASE_FILE]: sha256Of(join(dir, DATABASE_FILE)) };
  for (const name of CONFIG_FILES) {
    const source = join(layoutOf(dataDir).root, name);
    if (!existsSync(source)) continue;
    copyFileSync(source, join(dir, name));
    files[name] = sha256Of(join(dir, name));
  }
  const manifest: Manifest = {
    format: 1,
    created_at: new Date().toISOString(),
    synthorg_version: SYNTHORG_VERSION,
    files,
  };
  writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, {
    mode: 0o600,
  });
  return manifest;
}

/** Reads a backup's manifest and proves every listed file is there unchanged. */
export function verifyBackup(dir: string): Manifest {
  const path = join(dir, MANIFEST_FILE);
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    throw new CliError(`${dir} is not a synthorg backup (no valid ${MANIFEST_FILE})`);
  }
  for (const [name, digest] of Object.entries(manifest.files)) {
    const file = join(dir, name);
    if (!existsSync(file) || sha256Of(file) !== digest) {
      throw new CliError(`backup file ${name} is missing or changed since the backup`);
    }
  }
  assertIntact(join(dir, DATABASE_FILE));
  return manifest;
}
