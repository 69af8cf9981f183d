import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventPayload, EventType } from '@synthorg/shared';

import { type DatabaseHandle, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import type { EventPublisher } from '../../src/events/event-publisher.ts';
import { createLogger, type Logger } from '../../src/logging/logger.ts';
import { createLogCapture } from './log-capture.ts';
import { makeDataDir } from './test-server.ts';

export interface PublishedEvent {
  type: EventType;
  payload: EventPayload<EventType>;
}

/** An EventPublisher that remembers what it was given, for service-level tests. */
export function createRecordingPublisher(): EventPublisher & { published: PublishedEvent[] } {
  const published: PublishedEvent[] = [];
  return {
    published,
    publish(type, payload) {
      published.push({ type, payload: payload as EventPayload<EventType> });
    },
  };
}

export interface WorkDb {
  handle: DatabaseHandle;
  log: Logger;
  close(): Promise<void>;
}

/** A migrated SQLite file in a fresh data dir, for service-level tests. */
export async function openWorkDb(): Promise<WorkDb> {
  const dataDir = await makeDataDir();
  const log = createLogger({ level: 'warn', destination: createLogCapture().stream });
  const handle = openDatabase({ sqlitePath: join(dataDir, 'synthorg.db') });
  await migrateToLatest(handle.db, log);
  return {
    handle,
    log,
    async close() {
      await handle.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
