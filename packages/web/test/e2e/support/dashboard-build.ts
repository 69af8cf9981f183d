import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const WEB_DIST = join(WEB_ROOT, 'dist');

const SOURCES = [
  join(WEB_ROOT, 'src'),
  join(WEB_ROOT, 'index.html'),
  join(WEB_ROOT, 'vite.config.ts'),
  join(WEB_ROOT, '../shared/src'),
];

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestMtime(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

async function builtAt(): Promise<number> {
  try {
    return (await stat(join(WEB_DIST, 'index.html'))).mtimeMs;
  } catch {
    return 0;
  }
}

/** Builds the dashboard with Vite's JS API when its sources are newer than `dist`. */
export async function ensureDashboardBuilt(): Promise<void> {
  const sourcesAt = Math.max(...(await Promise.all(SOURCES.map(newestMtime))));
  if ((await builtAt()) > sourcesAt) return;
  const { build } = await import('vite');
  // vitest sets NODE_ENV=test, which would bundle React's development build: test what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: WEB_ROOT,
      mode: 'production',
      logLevel: 'warn',
      configFile: join(WEB_ROOT, 'vite.config.ts'),
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
