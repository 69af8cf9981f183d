import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { createApprovalService } from '../../src/approvals/approval-service.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createLogCapture } from '../support/log-capture.ts';
import { createTestPostgres } from '../support/postgres.ts';
import { makeDataDir } from '../support/test-server.ts';
import { createRecordingPublisher } from '../support/work-db.ts';

const REQUEST = {
  action_type: 'code:write',
  title: 'Write a file',
  description: 'README.md',
  risk_level: 'medium' as const,
  task_id: 'task-1',
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function open(kind: 'sqlite' | 'postgres'): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  if (kind === 'postgres') {
    const pg = await createTestPostgres();
    cleanups.push(() => pg.drop());
    handle = openDatabase({ url: pg.url, sqlitePath: '' });
  } else {
    handle = openDatabase({ sqlitePath: join(await makeDataDir(), 'synthorg.db') });
  }
  cleanups.push(() => handle.close());
  await migrateToLatest(
    handle.db,
    createLogger({ level: 'warn', destination: createLogCapture().stream }),
  );
  return handle;
}

describe.each(['sqlite', 'postgres'] as const)('approval request keys on %s', (kind) => {
  it('a second request with the same key returns the first approval and announces nothing', async () => {
    const handle = await open(kind);
    const events = createRecordingPublisher();
    const capture = createLogCapture();
    const log = createLogger({ level: 'info', destination: capture.stream });
    const approvals = createApprovalService({ db: handle.db, events, log });

    const first = await approvals.create(REQUEST, 'Dev', { requestKey: 'park:run-1:1:call_1' });
    const again = await approvals.create(REQUEST, 'Dev', { requestKey: 'park:run-1:1:call_1' });
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => approvals.create(REQUEST, 'Dev', { requestKey: 'park:run-1:2:call_1' })),
    );
    const unkeyed = [
      await approvals.create(REQUEST, 'Dev'),
      await approvals.create(REQUEST, 'Dev'),
    ];

    expect(again).toEqual(first);
    expect(new Set(concurrent.map((a) => a.id)).size).toBe(1);
    expect(concurrent[0]?.id).not.toBe(first.id);
    expect(unkeyed[0]?.id).not.toBe(unkeyed[1]?.id);
    const listed = await approvals.list({ task_id: 'task-1' }, { offset: 0, limit: 50 });
    expect(listed.total).toBe(4);
    expect(listed.items.every((a) => !('request_key' in a))).toBe(true);
    expect(events.published.filter((e) => e.type === 'approval.submitted')).toHaveLength(4);
    expect(
      capture.lines().filter((l) => l.event === 'work.approval.reused').length,
    ).toBeGreaterThan(0);
  });
});
