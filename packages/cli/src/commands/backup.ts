import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';

import {
  assertIntact,
  DATABASE_FILE,
  finishBackup,
  snapshotDatabase,
} from '../support/backup-files.ts';
import { CliError } from '../support/cli-error.ts';
import { dataDirOf, dataDirOption } from '../support/options.ts';
import { printLine } from '../support/output.ts';
import { layoutOf } from '../support/paths.ts';

interface BackupFlags {
  dataDir?: string;
  output?: string;
}

function backupName(now = new Date()): string {
  return `synthorg-backup-${now.toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z')}`;
}

/** Works while the instance runs: the snapshot is a consistent read, not a file copy. */
async function runBackup(flags: BackupFlags): Promise<void> {
  if (process.env.SYNTHORG_DATABASE_URL) {
    throw new CliError('the database is PostgreSQL: back it up with pg_dump');
  }
  const dataDir = dataDirOf(flags);
  const layout = layoutOf(dataDir);
  if (!existsSync(layout.database)) throw new CliError(`no database at ${layout.database}`);
  const dir = resolve(flags.output ?? join(layout.backups, backupName()));
  if (existsSync(dir)) throw new CliError(`${dir} exists; choose another --output`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  snapshotDatabase(layout.database, join(dir, DATABASE_FILE));
  assertIntact(join(dir, DATABASE_FILE));
  const manifest = finishBackup(dataDir, dir);
  printLine(`Backed up ${Object.keys(manifest.files).join(', ')} to ${dir}`);
}

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('consistent snapshot of the database and config, also while running')
    .addOption(dataDirOption())
    .option('--output <dir>', 'new directory for the backup (default: <data dir>/backups/…)')
    .action(runBackup);
}
