import type { Kysely, Migration } from 'kysely';

export const m030Tasks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('project', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('assigned_to', 'text')
      .addColumn('reviewers', 'text', (c) => c.notNull())
      .addColumn('dependencies', 'text', (c) => c.notNull())
      .addColumn('artifacts_expected', 'text', (c) => c.notNull())
      .addColumn('acceptance_criteria', 'text', (c) => c.notNull())
      .addColumn('estimated_complexity', 'text', (c) => c.notNull())
      .addColumn('budget_limit', 'double precision', (c) => c.notNull())
      .addColumn('deadline', 'text')
      .addColumn('max_retries', 'integer', (c) => c.notNull())
      .addColumn('retry_count', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('status_reason', 'text')
      .addColumn('parent_task_id', 'text')
      .addColumn('delegation_chain', 'text', (c) => c.notNull())
      .addColumn('task_structure', 'text')
      .addColumn('coordination_topology', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('tasks_status_idx')
      .on('tasks')
      .columns(['status', 'created_at'])
      .execute();
    await db.schema
      .createIndex('tasks_assigned_to_idx')
      .on('tasks')
      .column('assigned_to')
      .execute();
    await db.schema.createIndex('tasks_project_idx').on('tasks').column('project').execute();
  },
};
