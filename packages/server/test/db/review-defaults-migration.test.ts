import { join } from 'node:path';
import { type Kysely, type Migration, Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';

import { type DatabaseHandle, openDatabase } from '../../src/db/database.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createLogCapture } from '../support/log-capture.ts';
import { makeDataDir } from '../support/test-server.ts';

let handle: DatabaseHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

const FILLED_IN = { min_reviewers: 1, required_reviewer_roles: [], self_review_allowed: false };
const STATED = { min_reviewers: 2, required_reviewer_roles: [], self_review_allowed: true };

function department(name: string, policies: Record<string, unknown>) {
  return {
    name_key: name,
    name,
    position: 0,
    head: null,
    head_role: null,
    budget_percent: 0,
    autonomy_level: null,
    body: JSON.stringify({ teams: [], reporting_lines: [], policies }),
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  };
}

describe('migration 043_run_reviews', () => {
  it('drops only the review requirements the old schema filled in', async () => {
    handle = openDatabase({ sqlitePath: join(await makeDataDir(), 'synthorg.db') });
    const before = Object.fromEntries(
      Object.entries(MIGRATIONS).filter(([name]) => name < '043'),
    ) as Record<string, Migration>;
    const old = new Migrator({
      db: handle.db,
      provider: { getMigrations: async () => before },
      allowUnorderedMigrations: true,
    });
    expect((await old.migrateToLatest()).error).toBeUndefined();
    const db = handle.db as unknown as Kysely<{
      departments: ReturnType<typeof department>;
    }>;
    await db
      .insertInto('departments')
      .values([
        department('filled', { review_requirements: FILLED_IN, approval_chains: [] }),
        department('stated', { review_requirements: STATED, approval_chains: [] }),
      ])
      .execute();

    const log = createLogger({ level: 'warn', destination: createLogCapture().stream });
    await migrateToLatest(handle.db, log);

    const bodies = Object.fromEntries(
      (await db.selectFrom('departments').select(['name', 'body']).execute()).map((r) => [
        r.name,
        JSON.parse(r.body).policies,
      ]),
    );
    expect(bodies).toEqual({
      filled: { approval_chains: [] },
      stated: { review_requirements: STATED, approval_chains: [] },
    });
  });
});
