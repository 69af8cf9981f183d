import { SYNTHORG_VERSION } from '@synthorg/shared';
import { Command } from 'commander';

import { registerBackup } from './commands/backup.ts';
import { registerDoctor } from './commands/doctor.ts';
import { registerInit } from './commands/init.ts';
import { registerLogs } from './commands/logs.ts';
import { registerRestore } from './commands/restore.ts';
import { registerStart } from './commands/start.ts';
import { registerStatus } from './commands/status.ts';
import { registerStop } from './commands/stop.ts';
import { registerVersion } from './commands/version.ts';

/** The `synthorg` command tree. Building it has no side effects; `run` parses and executes. */
export function createProgram(): Command {
  const program = new Command('synthorg')
    .description('Run a company of autonomous LLM agents, with a live dashboard.')
    .version(SYNTHORG_VERSION, '-V, --version')
    .showSuggestionAfterError()
    .configureOutput({ outputError: (text, write) => write(`synthorg: ${text}`) });
  registerInit(program);
  registerStart(program);
  registerStop(program);
  registerStatus(program);
  registerLogs(program);
  registerDoctor(program);
  registerBackup(program);
  registerRestore(program);
  registerVersion(program);
  return program;
}
