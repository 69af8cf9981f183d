import { resolveDataDir } from '@synthorg/server/settings';
import { InvalidArgumentError, Option } from 'commander';

/** Commander parser for a TCP port flag. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new InvalidArgumentError(`"${value}" is not a port (1-65535)`);
  }
  return port;
}

export function parsePositiveInt(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1) {
    throw new InvalidArgumentError(`"${value}" is not a positive integer`);
  }
  return parsed;
}

export function dataDirOption(): Option {
  return new Option('--data-dir <dir>', 'data dir (default: $SYNTHORG_HOME or ~/.synthorg)');
}

/** The absolute data dir a command works on. */
export function dataDirOf(options: { dataDir?: string }): string {
  return resolveDataDir(process.env, options.dataDir);
}

// No commander defaults: `resolveListeners` falls back to the environment and `cli.json`.
export function apiPortOption(): Option {
  return new Option(
    '--api-port <port>',
    'API port (default: $SYNTHORG_PORT, init, 8000)',
  ).argParser(parsePort);
}

export function webPortOption(): Option {
  return new Option(
    '--web-port <port>',
    'dashboard port (default: $SYNTHORG_WEB_PORT, init, 3000)',
  ).argParser(parsePort);
}

export function hostOption(): Option {
  return new Option('--host <address>', 'bind address (default: $SYNTHORG_HOST, init, 127.0.0.1)');
}
