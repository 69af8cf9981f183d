import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';

import { createSettingsStore } from '../../src/settings/settings-store.ts';
import { request } from '../support/http.ts';
import { createTestPostgres } from '../support/postgres.ts';
import { makeDataDir, startTestServer } from '../support/test-server.ts';

const WRITER = join(import.meta.dirname, '../fixtures/sqlite-writer.ts');

describe('persistence and migrations', () => {
  it('runs migrations idempotently: a second start on the same file keeps the data', async () => {
    const dataDir = await makeDataDir();
    const first = await startTestServer({ settings: { dataDir } });
    await first.server.context.settingsStore.set('test', 'kept', 'yes');
    await first.close();

    const second = await startTestServer({ settings: { dataDir } });
    expect(await second.server.context.settingsStore.get('test', 'kept')).toBe('yes');
    const applied = second.logs.lines().find((l) => l.event === 'persistence.migrations.applied');
    expect(applied?.applied).toEqual([]);
    await second.close({ removeData: true });
  });

  it('leaves a database that opens and passes integrity_check after SIGKILL mid-write', async () => {
    const dataDir = await makeDataDir();
    const child = spawn(process.execPath, [WRITER, dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let committed = 0;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const counts = chunk.toString().trim().split('\n');
        committed = Number(counts.at(-1));
        if (committed >= 200) resolve();
      });
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const raw = new DatabaseSync(join(dataDir, 'synthorg.db'));
    expect(raw.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    const row = raw.prepare("SELECT count(*) AS n FROM settings WHERE namespace = 'load'").get();
    expect(Number(row?.n)).toBeGreaterThanOrEqual(committed);
    raw.close();

    const again = await startTestServer({ settings: { dataDir } });
    expect(await again.server.context.settingsStore.get('load', '0')).toMatch(/^value-0\.+$/);
    await again.close({ removeData: true });
  });
});

describe('the same schema on PostgreSQL', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('migrates twice and stores settings', async () => {
    const pg = await createTestPostgres();
    cleanups.push(pg.drop);
    const first = await startTestServer({ settings: { databaseUrl: pg.url } });
    expect(first.server.context.database.dialect).toBe('postgres');
    const store = createSettingsStore(first.server.context.database.db);
    expect(await store.getOrInit('system', 'secret', 'a')).toBe('a');
    expect(await store.getOrInit('system', 'secret', 'b')).toBe('a');
    await first.close({ removeData: true });

    const second = await startTestServer({ settings: { databaseUrl: pg.url } });
    const health = await request(`${second.baseUrl}/api/v1/health`);
    expect(health.body.data.persistence).toBe(true);
    expect(await second.server.context.settingsStore.get('system', 'secret')).toBe('a');
    await second.close({ removeData: true });
  });
});
