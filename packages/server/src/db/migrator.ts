import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { DB_EVENTS } from '../logging/events.ts';
import type { Logger } from '../logging/logger.ts';
import { MIGRATIONS } from './migrations/index.ts';

const provider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS as Record<string, Migration>,
};

/**
 * Applies every pending migration in name order. Running it again is a no-op, so every start
 * calls it. Kysely takes a lock table, so two instances starting together do not race.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, log: Logger): Promise<string[]> {
  // Parts of the schema were written in parallel, so a development database may have applied a
  // later-numbered migration before an earlier one existed; order only matters per table.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    log.error({ event: DB_EVENTS.migrationFailed, err: error, applied }, 'migration failed');
    throw error;
  }
  log.info({ event: DB_EVENTS.migrated, applied }, 'migrations applied');
  return applied;
}
