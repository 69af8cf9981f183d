import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  buildServer,
  resolveServerSettings,
  type ServerSettings,
  type SynthOrgServer,
} from '../../src/index.ts';
import { createLogCapture, type LogCapture } from './log-capture.ts';
import { createTestPostgres, type TestPostgres } from './postgres.ts';

export interface TestServer {
  server: SynthOrgServer;
  baseUrl: string;
  /** `ws://host:port` of the same listener. */
  wsUrl: string;
  dataDir: string;
  logs: LogCapture;
  /** Stops the server; the data dir is kept unless `removeData` is set. */
  close(options?: { removeData?: boolean }): Promise<void>;
}

export interface TestServerOptions {
  settings?: Partial<ServerSettings>;
  /** Runs after wiring and before listening, e.g. to add a route that throws. */
  beforeListen?: (server: SynthOrgServer) => void | Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'synthorg-test-'));
}

/** PostgreSQL databases standing in for a data dir's SQLite file, so restarts find their data. */
const databasesByDataDir = new Map<string, TestPostgres>();

/**
 * `SYNTHORG_TEST_DATABASE=postgres` runs every server-level test on PostgreSQL instead of
 * SQLite (one database per data dir), to prove the domain queries on both dialects.
 */
async function databaseForRun(
  options: TestServerOptions,
  dataDir: string,
): Promise<TestPostgres | undefined> {
  if (options.settings?.databaseUrl !== undefined) return undefined;
  if (process.env.SYNTHORG_TEST_DATABASE !== 'postgres') return undefined;
  const database = databasesByDataDir.get(dataDir) ?? (await createTestPostgres());
  databasesByDataDir.set(dataDir, database);
  return database;
}

/**
 * Starts the production wiring on 127.0.0.1 port 0 with a fresh data dir (or the one given,
 * to test restarts) and captures its log lines.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.settings?.dataDir ?? (await makeDataDir());
  const logs = createLogCapture();
  const reused = databasesByDataDir.has(dataDir);
  const postgres = await databaseForRun(options, dataDir);
  // Agents stay idle unless a test asks for them: a default company exists on every server,
  // and its runner would otherwise pick up the tasks other tests create and move by hand.
  const engine = { ...resolveServerSettings({}).engine, enabled: false };
  const settings = resolveServerSettings(
    {},
    {
      host: '127.0.0.1',
      port: 0,
      logLevel: 'debug',
      engine,
      ...(postgres && { databaseUrl: postgres.url }),
      ...options.settings,
      dataDir,
    },
  );
  let server: SynthOrgServer;
  try {
    server = await buildServer({ settings, logDestination: logs.stream });
  } catch (error) {
    // A start that fails (e.g. on a bad config) leaves no PostgreSQL database behind.
    if (postgres && !reused) {
      databasesByDataDir.delete(dataDir);
      await postgres.drop();
    }
    throw error;
  }
  await options.beforeListen?.(server);
  const baseUrl = await server.listen();
  return {
    server,
    baseUrl,
    wsUrl: baseUrl.replace(/^http/, 'ws'),
    dataDir,
    logs,
    async close(closeOptions = {}) {
      await server.close();
      if (closeOptions.removeData && postgres) {
        databasesByDataDir.delete(dataDir);
        await postgres.drop();
      }
      if (closeOptions.removeData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
