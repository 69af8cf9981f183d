import type { Kysely, Migration } from 'kysely';

export const m034Meetings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('meetings')
      .addColumn('meeting_id', 'text', (c) => c.primaryKey())
      .addColumn('meeting_type_name', 'text', (c) => c.notNull())
      .addColumn('protocol_type', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('minutes', 'text')
      .addColumn('error_message', 'text')
      .addColumn('token_budget', 'integer', (c) => c.notNull())
      .addColumn('participant_ids', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('meetings_status_idx')
      .on('meetings')
      .columns(['status', 'created_at'])
      .execute();
  },
};
