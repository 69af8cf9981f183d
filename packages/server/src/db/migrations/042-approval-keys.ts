import type { Kysely, Migration } from 'kysely';

/**
 * An approval asked for by the engine carries a key derived from what asked for it (a run's
 * turn and tool call, a run's review); the unique index makes asking twice — for instance
 * again after a crash — yield the approval that already exists. Approvals from people have none.
 */
export const m042ApprovalKeys: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('approvals').addColumn('request_key', 'text').execute();
    await db.schema
      .createIndex('approvals_request_key_idx')
      .on('approvals')
      .column('request_key')
      .unique()
      .execute();
  },
};
