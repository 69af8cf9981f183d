import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';

import { checkCompanyConfig } from '../support/company-config.ts';
import { layoutOf } from '../support/paths.ts';
import { type CheckResult, fail, messageOf, ok, skip, warn } from './check.ts';

export function checkNode(): CheckResult {
  const major = Number(process.versions.node.split('.')[0]);
  const detail = `${process.versions.node} at ${process.execPath}`;
  return major >= 24 ? ok('node', detail) : fail('node', `${detail}; Node 24 or newer is needed`);
}

export function checkDataDir(dataDir: string): CheckResult {
  try {
    const stat = statSync(dataDir);
    if (!stat.isDirectory()) return fail('data dir', `${dataDir} is not a directory`);
    accessSync(dataDir, constants.W_OK);
    const mode = (stat.mode & 0o777).toString(8);
    if ((stat.mode & 0o077) !== 0)
      return warn('data dir', `${dataDir} is mode ${mode}; 700 keeps it private`);
    return ok('data dir', `${dataDir} (mode ${mode}, writable)`);
  } catch (error) {
    return fail('data dir', `${dataDir}: ${messageOf(error)}`);
  }
}

export async function checkConfig(dataDir: string): Promise<CheckResult> {
  const path = layoutOf(dataDir).config;
  if (!existsSync(path)) return warn('config', `${path} is missing; start writes a default`);
  try {
    await checkCompanyConfig(dataDir);
    return ok('config', path);
  } catch (error) {
    return fail('config', messageOf(error));
  }
}

/** `PRAGMA integrity_check` on a read-only handle; safe while the instance writes (WAL). */
export function checkDatabase(dataDir: string): CheckResult {
  if (process.env.SYNTHORG_DATABASE_URL) return skip('database', 'PostgreSQL: not checked here');
  const path = layoutOf(dataDir).database;
  if (!existsSync(path)) return warn('database', `${path} does not exist yet`);
  try {
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      const rows = db.prepare('PRAGMA integrity_check').all() as Array<Record<string, unknown>>;
      const verdict = rows.map((row) => Object.values(row)[0]).join('; ');
      return verdict === 'ok' ? ok('database', `${path}: integrity ok`) : fail('database', verdict);
    } finally {
      db.close();
    }
  } catch (error) {
    return fail('database', `${path}: ${messageOf(error)}`);
  }
}

async function probeProvider(name: string, baseUrl: string): Promise<CheckResult> {
  const label = `provider ${name}`;
  try {
    const response = await fetch(`${baseUrl.replace(/\/$/, '')}/models`, {
      signal: AbortSignal.timeout(5000),
    });
    await response.body?.cancel();
    // Any HTTP answer proves the endpoint is reachable; a key problem shows as 401/403.
    const note = response.status === 401 || response.status === 403 ? ' (check the API key)' : '';
    const state = note ? warn : ok;
    return state(label, `${baseUrl} answered HTTP ${response.status}${note}`);
  } catch (error) {
    return fail(label, `${baseUrl} is not reachable: ${messageOf(error)}`);
  }
}

/** Configured base URLs only: a driver's public default endpoint is never probed. */
export async function checkProviders(dataDir: string): Promise<CheckResult[]> {
  let providers: Record<string, { driver: string; base_url?: string | undefined }>;
  try {
    providers = (await checkCompanyConfig(dataDir)).providers ?? {};
  } catch {
    return [skip('providers', 'config does not load')];
  }
  const entries = Object.entries(providers);
  if (entries.length === 0) return [warn('providers', 'none configured')];
  return Promise.all(
    entries.map(([name, provider]) => {
      if (provider.driver === 'scripted') {
        return ok(`provider ${name}`, 'scripted: replays a script, needs no network');
      }
      if (!provider.base_url) {
        return skip(`provider ${name}`, `${provider.driver}: default endpoint, not probed`);
      }
      return probeProvider(name, provider.base_url);
    }),
  );
}
