import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

import { CliError, errnoOf } from './cli-error.ts';

/**
 * Listener settings chosen by `synthorg init` (`<data dir>/cli.json`), used by `start` when no
 * flag or environment variable says otherwise. The company lives in `company.yaml`.
 */
export const cliSettingsSchema = z.object({
  api_port: z.number().int().min(1).max(65535).optional(),
  web_port: z.number().int().min(1).max(65535).optional(),
  host: z.string().min(1).optional(),
});
export type CliSettings = z.infer<typeof cliSettingsSchema>;

export function cliSettingsPath(dataDir: string): string {
  return join(dataDir, 'cli.json');
}

export function readCliSettings(dataDir: string): CliSettings {
  const path = cliSettingsPath(dataDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return {};
    throw error;
  }
  try {
    return cliSettingsSchema.parse(JSON.parse(text));
  } catch {
    throw new CliError(`${path} is not valid; fix it or re-run \`synthorg init\``);
  }
}

export function writeCliSettings(dataDir: string, settings: CliSettings): void {
  const path = cliSettingsPath(dataDir);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(cliSettingsSchema.parse(settings), null, 2)}\n`, {
    mode: 0o600,
  });
  renameSync(temp, path);
}

/** Flag, then environment, then `cli.json`, then the built-in default. */
export function resolveListeners(
  flags: { apiPort?: number; webPort?: number; host?: string },
  dataDir: string,
): { apiPort: number; webPort: number; host: string } {
  const saved = readCliSettings(dataDir);
  const env = process.env;
  return {
    apiPort:
      flags.apiPort ?? (env.SYNTHORG_PORT ? Number(env.SYNTHORG_PORT) : saved.api_port) ?? 8000,
    webPort:
      flags.webPort ??
      (env.SYNTHORG_WEB_PORT ? Number(env.SYNTHORG_WEB_PORT) : saved.web_port) ??
      3000,
    host: flags.host ?? env.SYNTHORG_HOST ?? saved.host ?? '127.0.0.1',
  };
}
