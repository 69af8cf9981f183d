import type { Migration } from 'kysely';

import { m001Settings } from './001-settings.ts';
import { m010Users } from './010-users.ts';
import { m030Tasks } from './030-tasks.ts';
import { m040EngineRuns } from './040-engine-runs.ts';

/**
 * All migrations, keyed by a name that sorts in the order they must run. Append only: a
 * migration that has shipped is never edited, a later one changes it.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '001_settings': m001Settings,
  '010_users': m010Users,
  '030_tasks': m030Tasks,
  '040_engine_runs': m040EngineRuns,
};
