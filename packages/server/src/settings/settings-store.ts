import type { Kysely } from 'kysely';

import type { DatabaseSchema } from '../db/schema.ts';

export interface SettingsStore {
  get(namespace: string, key: string): Promise<string | undefined>;
  set(namespace: string, key: string, value: string): Promise<void>;
  /** Stores `value` unless a value exists; returns whichever value is stored afterwards. */
  getOrInit(namespace: string, key: string, value: string): Promise<string>;
  list(namespace: string): Promise<Record<string, string>>;
}

export function createSettingsStore(db: Kysely<DatabaseSchema>): SettingsStore {
  const get = async (namespace: string, key: string) => {
    const row = await db
      .selectFrom('settings')
      .select('value')
      .where('namespace', '=', namespace)
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  };

  return {
    get,
    async set(namespace, key, value) {
      const updated_at = new Date().toISOString();
      await db
        .insertInto('settings')
        .values({ namespace, key, value, updated_at })
        .onConflict((oc) => oc.columns(['namespace', 'key']).doUpdateSet({ value, updated_at }))
        .execute();
    },
    async getOrInit(namespace, key, value) {
      const updated_at = new Date().toISOString();
      await db
        .insertInto('settings')
        .values({ namespace, key, value, updated_at })
        .onConflict((oc) => oc.columns(['namespace', 'key']).doNothing())
        .execute();
      return (await get(namespace, key)) ?? value;
    },
    async list(namespace) {
      const rows = await db
        .selectFrom('settings')
        .select(['key', 'value'])
        .where('namespace', '=', namespace)
        .execute();
      return Object.fromEntries(rows.map((r) => [r.key, r.value]));
    },
  };
}
