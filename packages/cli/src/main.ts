import { CommanderError } from 'commander';

import { createProgram } from './program.ts';
import { CliError } from './support/cli-error.ts';

/**
 * Runs the CLI with `argv` and returns the exit code. A `CliError` is one line on stderr;
 * anything else is a bug and keeps its stack.
 */
export async function run(argv: string[]): Promise<number> {
  const program = createProgram().exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError) {
      process.stderr.write(`synthorg: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`synthorg: unexpected error\n${(error as Error)?.stack ?? error}\n`);
    return 70;
  }
}
