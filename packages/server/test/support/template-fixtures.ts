import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The original system's template files, kept beside the repository at
 * `../shared/fixtures/templates/` (relative to the repo root). `SYNTHORG_TEMPLATE_FIXTURES`
 * overrides the location for checkouts that live elsewhere (e.g. a git worktree). A missing
 * directory fails the calling test; it never skips.
 */
export function templateFixtureDir(): string {
  const repoRoot = resolve(import.meta.dirname, '../../../..');
  const dir =
    process.env.SYNTHORG_TEMPLATE_FIXTURES ??
    join(repoRoot, '..', 'shared', 'fixtures', 'templates');
  if (!existsSync(dir)) {
    throw new Error(`template fixtures not found at ${dir}; set SYNTHORG_TEMPLATE_FIXTURES`);
  }
  return dir;
}

export function templateFixtureFiles(): string[] {
  return readdirSync(templateFixtureDir())
    .filter((file) => file.endsWith('.yaml'))
    .sort();
}
