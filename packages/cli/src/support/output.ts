import { spinner } from '@clack/prompts';

export interface Progress {
  update(message: string): void;
  done(message: string): void;
  fail(message: string): void;
}

/**
 * A spinner on a terminal; plain lines elsewhere (CI logs, tests, pipes), where escape codes
 * would only be noise.
 */
export function startProgress(message: string): Progress {
  if (!process.stdout.isTTY) {
    process.stdout.write(`${message}\n`);
    return {
      update: () => undefined,
      done: (text) => process.stdout.write(`${text}\n`),
      fail: () => undefined,
    };
  }
  const spin = spinner();
  spin.start(message);
  return {
    update: (text) => spin.message(text),
    done: (text) => spin.stop(text),
    fail: (text) => spin.error(text),
  };
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function warn(text: string): void {
  process.stderr.write(`synthorg: ${text}\n`);
}
