import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';

import { verifyBackup } from '../support/backup-files.ts';
import { CliError } from '../support/cli-error.ts';
import { ensureWritableDataDir } from '../support/data-dir.ts';
import { isRecordLive, readInstanceRecord } from '../support/instance-lock.ts';
import { dataDirOf, dataDirOption } from '../support/options.ts';
import { printLine } from '../support/output.ts';

interface RestoreFlags {
  dataDir?: string;
  force?: boolean;
}

const DATA_FILES = [
  'synthorg.db',
  'synthorg.db-wal',
  'synthorg.db-shm',
  'company.yaml',
  'cli.json',
];

/** With --force, what the target held moves aside instead of being overwritten. */
function setAside(dataDir: string): string | null {
  const present = DATA_FILES.filter((name) => existsSync(join(dataDir, name)));
  if (present.length === 0) return null;
  const aside = join(dataDir, `pre-restore-${Date.now()}`);
  mkdirSync(aside, { mode: 0o700 });
  for (const name of present) renameSync(join(dataDir, name), join(aside, name));
  return aside;
}

async function runRestore(backup: string, flags: RestoreFlags): Promise<void> {
  const dir = resolve(backup);
  const manifest = verifyBackup(dir);
  const dataDir = dataDirOf(flags);
  const record = readInstanceRecord(dataDir);
  if (record && isRecordLive(record)) {
    throw new CliError(`an instance is running on ${dataDir} (pid ${record.pid}); stop it first`);
  }
  ensureWritableDataDir(dataDir);
  const occupied = DATA_FILES.some((name) => existsSync(join(dataDir, name)));
  if (occupied && !flags.force) {
    throw new CliError(
      `${dataDir} already holds data; restore into a new data dir or pass --force`,
    );
  }
  const aside = setAside(dataDir);
  for (const name of Object.keys(manifest.files)) {
    // Copy under a temporary name first, so a failure never leaves half a file in place.
    copyFileSync(join(dir, name), join(dataDir, `${name}.restoring`));
    renameSync(join(dataDir, `${name}.restoring`), join(dataDir, name));
  }
  printLine(`Restored the backup of ${manifest.created_at} into ${dataDir}`);
  if (aside) printLine(`The previous files are in ${aside}`);
  printLine(`Next: synthorg start --data-dir ${dataDir}`);
}

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .description(
      'restore a backup into a data dir (a new one, or --force with the instance stopped)',
    )
    .argument('<backup>', 'backup directory written by synthorg backup')
    .addOption(dataDirOption())
    .option('--force', 'restore over existing data (moved aside to pre-restore-<time>/)')
    .action(runRestore);
}
