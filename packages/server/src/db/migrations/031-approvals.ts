import type { Kysely, Migration } from 'kysely';

export const m031Approvals: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('approvals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('action_type', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('risk_level', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('decision_reason', 'text')
      .addColumn('task_id', 'text')
      .addColumn('metadata', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('approvals_status_idx')
      .on('approvals')
      .columns(['status', 'expires_at'])
      .execute();
    await db.schema.createIndex('approvals_task_idx').on('approvals').column('task_id').execute();
  },
};
