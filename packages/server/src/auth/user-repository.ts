import type { Role } from '@synthorg/shared';
import type { Kysely, Selectable } from 'kysely';

import type { DatabaseSchema } from '../db/schema.ts';
import type { UsersTable } from './users-table.ts';

export type UserRow = Selectable<UsersTable>;

export interface NewUser {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  mustChangePassword: boolean;
}

/** Settings key that the first-run setup claims atomically, so two racers have one winner. */
const SETUP_MARKER = { namespace: 'system', key: 'setup_user_id' } as const;

/** Persistence of users and revoked tokens. Queries only; rules live in the services. */
export interface UserRepository {
  count(): Promise<number>;
  findById(id: string): Promise<UserRow | undefined>;
  findByUsername(username: string): Promise<UserRow | undefined>;
  list(): Promise<UserRow[]>;
  /** Inserts the first user unless setup was already claimed; false when another won. */
  insertFirst(user: NewUser): Promise<boolean>;
  insert(user: NewUser): Promise<void>;
  update(id: string, changes: Partial<Pick<UserRow, 'role' | 'disabled'>>): Promise<void>;
  setPassword(id: string, passwordHash: string): Promise<void>;
  countEnabledCeos(): Promise<number>;
  isRevoked(jti: string): Promise<boolean>;
  revoke(jti: string, userId: string, expiresAt: Date): Promise<void>;
  /** Deletes revocations of tokens that have expired anyway; returns how many. */
  purgeRevoked(now: Date): Promise<number>;
}

function rowOf(user: NewUser, now: string): UserRow {
  return {
    id: user.id,
    username: user.username,
    password_hash: user.passwordHash,
    role: user.role,
    must_change_password: user.mustChangePassword ? 1 : 0,
    disabled: 0,
    created_at: now,
    updated_at: now,
  };
}

export function createUserRepository(db: Kysely<DatabaseSchema>): UserRepository {
  return {
    async count() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    findById: (id) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
    findByUsername: (username) =>
      db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst(),
    list: () => db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute(),
    insertFirst: (user) =>
      db.transaction().execute(async (trx) => {
        const now = new Date().toISOString();
        await trx
          .insertInto('settings')
          .values({ ...SETUP_MARKER, value: user.id, updated_at: now })
          .onConflict((oc) => oc.columns(['namespace', 'key']).doNothing())
          .execute();
        const marker = await trx
          .selectFrom('settings')
          .select('value')
          .where('namespace', '=', SETUP_MARKER.namespace)
          .where('key', '=', SETUP_MARKER.key)
          .executeTakeFirst();
        if (marker?.value !== user.id) return false;
        await trx.insertInto('users').values(rowOf(user, now)).execute();
        return true;
      }),
    async insert(user) {
      await db.insertInto('users').values(rowOf(user, new Date().toISOString())).execute();
    },
    async update(id, changes) {
      await db
        .updateTable('users')
        .set({ ...changes, updated_at: new Date().toISOString() })
        .where('id', '=', id)
        .execute();
    },
    async setPassword(id, passwordHash) {
      await db
        .updateTable('users')
        .set({
          password_hash: passwordHash,
          must_change_password: 0,
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', id)
        .execute();
    },
    async countEnabledCeos() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('role', '=', 'ceo')
        .where('disabled', '=', 0)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async isRevoked(jti) {
      const row = await db
        .selectFrom('revoked_tokens')
        .select('jti')
        .where('jti', '=', jti)
        .executeTakeFirst();
      return row !== undefined;
    },
    async revoke(jti, userId, expiresAt) {
      await db
        .insertInto('revoked_tokens')
        .values({ jti, user_id: userId, expires_at: expiresAt.toISOString() })
        .onConflict((oc) => oc.column('jti').doNothing())
        .execute();
    },
    async purgeRevoked(now) {
      const result = await db
        .deleteFrom('revoked_tokens')
        .where('expires_at', '<', now.toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
