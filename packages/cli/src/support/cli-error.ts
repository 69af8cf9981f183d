/**
 * A failure the user can act on. `main` prints its message as one line on stderr and exits
 * with `exitCode`; anything else that escapes a command is a bug and prints a stack.
 */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** The `code` of a Node system error, if it is one. */
export function errnoOf(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
