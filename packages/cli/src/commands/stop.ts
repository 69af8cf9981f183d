import { rmSync } from 'node:fs';
import { type Command, Option } from 'commander';

import { isRecordLive, readInstanceRecord } from '../support/instance-lock.ts';
import { dataDirOf, dataDirOption, parsePositiveInt } from '../support/options.ts';
import { printLine, startProgress, warn } from '../support/output.ts';
import { layoutOf } from '../support/paths.ts';
import { sleep } from '../support/probe.ts';

interface StopFlags {
  dataDir?: string;
  timeout: number;
}

async function waitForExit(isLive: () => boolean, deadlineMs: number): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (!isLive()) return true;
    await sleep(100);
  }
  return !isLive();
}

/**
 * SIGTERM lets the instance checkpoint runs and close sockets with 1001; SIGKILL follows only
 * when it has not exited within the bound.
 */
async function stopInstance(flags: StopFlags): Promise<void> {
  const dataDir = dataDirOf(flags);
  const record = readInstanceRecord(dataDir);
  const lockFile = layoutOf(dataDir).lockFile;
  if (!record || !isRecordLive(record)) {
    if (record) rmSync(lockFile, { force: true });
    printLine(`Not running (data dir ${dataDir})${record ? '; removed a stale lock' : ''}`);
    return;
  }
  const progress = startProgress(`Stopping SynthOrg (pid ${record.pid})…`);
  process.kill(record.pid, 'SIGTERM');
  if (await waitForExit(() => isRecordLive(record), flags.timeout * 1000)) {
    progress.done('Stopped');
    return;
  }
  progress.fail(`No exit within ${flags.timeout} s`);
  process.kill(record.pid, 'SIGKILL');
  await waitForExit(() => isRecordLive(record), 5000);
  // A killed instance cannot remove its own lock.
  rmSync(lockFile, { force: true });
  warn(`pid ${record.pid} did not stop within ${flags.timeout} s and was killed (SIGKILL)`);
}

export function registerStop(program: Command): void {
  program
    .command('stop')
    .description('stop the instance gracefully (SIGTERM, then SIGKILL after --timeout)')
    .addOption(dataDirOption())
    .addOption(
      new Option('--timeout <seconds>', 'grace period before SIGKILL')
        .argParser(parsePositiveInt)
        .default(20),
    )
    .action(stopInstance);
}
