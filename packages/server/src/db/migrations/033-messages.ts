import { DEFAULT_MESSAGE_CHANNELS } from '@synthorg/shared';
import type { Kysely, Migration } from 'kysely';

export const m033Messages: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('timestamp', 'text', (c) => c.notNull())
      .addColumn('sender', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('attachments', 'text', (c) => c.notNull())
      .addColumn('metadata', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('messages_channel_idx')
      .on('messages')
      .columns(['channel', 'timestamp'])
      .execute();
    await db.schema
      .createTable('message_channels')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('subscribers', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    const created_at = new Date().toISOString();
    await (db as Kysely<{ message_channels: Record<string, string> }>)
      .insertInto('message_channels')
      .values(
        DEFAULT_MESSAGE_CHANNELS.map((name) => ({
          name,
          type: name === '#all-hands' ? 'broadcast' : 'topic',
          subscribers: '[]',
          created_at,
        })),
      )
      .execute();
  },
};
