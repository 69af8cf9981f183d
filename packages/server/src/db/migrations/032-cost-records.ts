import type { Kysely, Migration } from 'kysely';

export const m032CostRecords: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('cost_records')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('task_id', 'text')
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('input_tokens', 'integer', (c) => c.notNull())
      .addColumn('output_tokens', 'integer', (c) => c.notNull())
      .addColumn('cost_usd', 'double precision', (c) => c.notNull())
      .addColumn('timestamp', 'text', (c) => c.notNull())
      .addColumn('call_category', 'text')
      .execute();
    await db.schema
      .createIndex('cost_records_agent_idx')
      .on('cost_records')
      .columns(['agent_id', 'timestamp'])
      .execute();
    await db.schema
      .createIndex('cost_records_task_idx')
      .on('cost_records')
      .column('task_id')
      .execute();
    await db.schema
      .createIndex('cost_records_time_idx')
      .on('cost_records')
      .column('timestamp')
      .execute();
  },
};
