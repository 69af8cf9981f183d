import { SYNTHORG_VERSION } from '@synthorg/shared';
import type { Command } from 'commander';

import { printJson, printLine } from '../support/output.ts';

export function registerVersion(program: Command): void {
  program
    .command('version')
    .description('print the version of synthorg and of the Node.js running it')
    .option('--json', 'machine-readable output')
    .action((flags: { json?: boolean }) => {
      const info = {
        synthorg: SYNTHORG_VERSION,
        node: process.versions.node,
        platform: `${process.platform}-${process.arch}`,
      };
      if (flags.json) printJson(info);
      else printLine(`synthorg ${info.synthorg} (node ${info.node}, ${info.platform})`);
    });
}
