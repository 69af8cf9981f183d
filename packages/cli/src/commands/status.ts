import type { InstanceStatus } from '@synthorg/shared';
import type { Command } from 'commander';

import { CliError } from '../support/cli-error.ts';
import { collectStatus } from '../support/instance-status.ts';
import { dataDirOf, dataDirOption } from '../support/options.ts';
import { printJson, printLine } from '../support/output.ts';

interface StatusFlags {
  dataDir?: string;
  json?: boolean;
  check?: boolean;
}

function printHuman(status: InstanceStatus): void {
  printLine(`synthorg ${status.cli_version}, data dir ${status.data_dir}`);
  if (!status.running) {
    printLine(`Not running${status.stale_lock ? ' (a stale lock is left; start removes it)' : ''}`);
    return;
  }
  printLine(`Running, pid ${status.pid}, since ${status.started_at}`);
  if (status.urls) {
    printLine(`  Dashboard  ${status.urls.dashboard}`);
    printLine(`  API        ${status.urls.api}`);
  }
  if (status.health) {
    const uptime = status.health.detail ? `, up ${status.health.detail.uptime_seconds} s` : '';
    printLine(
      `  Health     API ${status.health.api}, dashboard ${status.health.dashboard}${uptime}`,
    );
  }
  if (status.setup_pending) printLine('  Setup      pending: create the admin in the dashboard');
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show whether the instance runs, its URLs and health')
    .addOption(dataDirOption())
    .option('--json', 'machine-readable output (see instanceStatusSchema)')
    .option('--check', 'exit 1 unless the instance is running and healthy')
    .action(async (flags: StatusFlags) => {
      const status = await collectStatus(dataDirOf(flags));
      if (flags.json) printJson(status);
      else printHuman(status);
      if (flags.check && !status.healthy) throw new CliError('not running and healthy', 1);
    });
}
