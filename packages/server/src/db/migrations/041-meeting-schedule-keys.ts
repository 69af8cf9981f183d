import type { Kysely, Migration } from 'kysely';

/**
 * A periodic meeting is stored with the key of its period (`<type>@<period start>`); the
 * unique index lets only one of several instances create it. Triggered meetings have none.
 */
export const m041MeetingScheduleKeys: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('meetings').addColumn('schedule_key', 'text').execute();
    await db.schema
      .createIndex('meetings_schedule_key_idx')
      .on('meetings')
      .column('schedule_key')
      .unique()
      .execute();
  },
};
