import type { Kysely, Migration } from 'kysely';

/**
 * Runs with their conversation checkpoint, and the ledger of LLM calls. A call's row is
 * written in the same transaction as the checkpoint of its turn, so after a crash a turn is
 * either fully recorded (and not repeated) or not at all (and repeated once).
 */
export const m040EngineRuns: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('engine_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('task_id', 'text', (c) => c.notNull())
      .addColumn('agent_name', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('termination_reason', 'text')
      .addColumn('error', 'text')
      .addColumn('turn_count', 'integer', (c) => c.notNull())
      .addColumn('llm_calls', 'integer', (c) => c.notNull())
      .addColumn('cost_usd', 'double precision', (c) => c.notNull())
      .addColumn('approval_id', 'text')
      .addColumn('parked_call_id', 'text')
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('scripted', 'integer', (c) => c.notNull())
      .addColumn('messages', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema
      .createIndex('engine_runs_task_idx')
      .on('engine_runs')
      .column('task_id')
      .execute();
    await db.schema
      .createIndex('engine_runs_status_idx')
      .on('engine_runs')
      .column('status')
      .execute();

    await db.schema
      .createTable('engine_llm_calls')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('task_id', 'text', (c) => c.notNull())
      .addColumn('agent_name', 'text', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('input_tokens', 'integer', (c) => c.notNull())
      .addColumn('output_tokens', 'integer', (c) => c.notNull())
      .addColumn('cost_usd', 'double precision', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      // Set once the call was handed to the budget domain as a cost record (outbox).
      .addColumn('cost_record_id', 'text')
      .execute();
    await db.schema
      .createIndex('engine_llm_calls_task_idx')
      .on('engine_llm_calls')
      .column('task_id')
      .execute();
    await db.schema
      .createIndex('engine_llm_calls_agent_idx')
      .on('engine_llm_calls')
      .columns(['agent_name', 'created_at'])
      .execute();
  },
};
