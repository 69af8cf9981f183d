import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { openNodeSqlite } from './node-sqlite-adapter.ts';
import type { DatabaseSchema } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<DatabaseSchema>;
  dialect: Dialect;
  /** Where the data lives, without credentials: a file path or `host:port/db`. */
  location: string;
  /** True when a trivial query answers. Never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` selects PostgreSQL; otherwise `sqlitePath` is used. */
  url?: string | undefined;
  sqlitePath: string;
}

function describePostgres(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/**
 * Resolves once every connection the pool opened has really closed. `pool.end()` resolves
 * earlier, while connections are still saying goodbye; a close that returns then lets a
 * database drop or restart hit them, and their error would have no listener.
 */
function trackConnections(pool: pg.Pool): () => Promise<void> {
  const open = new Set<pg.PoolClient>();
  pool.on('connect', (client) => {
    open.add(client);
    client.once('end', () => open.delete(client));
  });
  return async () => {
    const closing = [...open].map((client) => {
      client.on('error', () => {});
      return new Promise<void>((resolve) => client.once('end', () => resolve()));
    });
    await Promise.all(closing);
  };
}

/** Opens the configured database. Migrations are run separately by `migrateToLatest`. */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  const isPostgres = options.url !== undefined && /^postgres(ql)?:\/\//.test(options.url);
  let db: Kysely<DatabaseSchema>;
  let location: string;
  let closed = async () => {};
  if (isPostgres && options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    closed = trackConnections(pool);
    db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
    location = describePostgres(options.url);
  } else {
    mkdirSync(dirname(options.sqlitePath), { recursive: true });
    const database = openNodeSqlite(options.sqlitePath);
    // The file holds password hashes and the generated JWT secret: owner only.
    chmodSync(options.sqlitePath, 0o600);
    db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database }) });
    location = options.sqlitePath;
  }
  return {
    db,
    dialect: isPostgres ? 'postgres' : 'sqlite',
    location,
    ping: async () => {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await db.destroy();
      await closed();
    },
  };
}
