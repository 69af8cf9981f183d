import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { cleanUp, digestOf, portFlags, runCli, tempDir } from './support/cli.ts';

vi.setConfig({ testTimeout: 300_000 });

/** The server's own test writer: commits rows through the production DB layer, prints counts. */
const WRITER = fileURLToPath(
  new URL('../../server/test/fixtures/sqlite-writer.ts', import.meta.url),
);

let root: string;
const dataDirs: string[] = [];

beforeAll(async () => {
  root = await tempDir();
});

afterAll(async () => {
  await cleanUp(root, dataDirs);
});

function loadKeys(databasePath: string): number[] {
  const db = new DatabaseSync(databasePath, { readOnly: true });
  try {
    const rows = db.prepare("SELECT key FROM settings WHERE namespace = 'load'").all();
    return rows.map((row) => Number((row as { key: string }).key)).sort((a, b) => a - b);
  } finally {
    db.close();
  }
}

describe('synthorg backup / restore', () => {
  it('snapshots a running instance while rows are written; restore brings back every committed row', async () => {
    const dataDir = join(root, 'live');
    const restored = join(root, 'restored');
    dataDirs.push(dataDir, restored);
    expect((await runCli(['start', '--data-dir', dataDir, ...(await portFlags())])).code).toBe(0);

    const writer = spawn(process.execPath, [WRITER, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let committed = 0;
    let pending = '';
    let writerError = '';
    let writerExited = false;
    writer.stderr.on('data', (chunk: Buffer) => {
      writerError += chunk.toString();
    });
    writer.once('exit', () => {
      writerExited = true;
    });
    writer.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      const last = lines.at(-1);
      if (last) committed = Number(last);
    });
    const backupDir = join(root, 'backup-1');
    let before = 0;
    try {
      while (committed < 50) {
        if (writerExited) throw new Error(`the writer exited: ${writerError}`);
        await sleep(50);
      }
      before = committed;
      const backup = await runCli(['backup', '--data-dir', dataDir, '--output', backupDir]);
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      // The writer goes on committing around the backup (it is never locked out); on a busy
      // machine its progress lines may only arrive after the backup has returned.
      while (committed <= before) {
        if (writerExited) throw new Error(`the writer stopped during the backup: ${writerError}`);
        await sleep(50);
      }

      const overRunning = await runCli(['restore', backupDir, '--data-dir', dataDir, '--force']);
      expect(overRunning.code).toBe(1);
      expect(overRunning.stderr).toContain('an instance is running on');
    } finally {
      writer.kill('SIGKILL');
    }
    expect((await runCli(['stop', '--data-dir', dataDir])).code).toBe(0);

    const restore = await runCli(['restore', backupDir, '--data-dir', restored]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const keys = loadKeys(join(restored, 'synthorg.db'));
    // Every row committed before the backup began is there, and nothing is torn: 0..n-1. The
    // writer's progress lines can lag its commits, so the upper bound is what it committed in
    // the end (read from the live database), not the count seen when the backup returned.
    const everCommitted = loadKeys(join(dataDir, 'synthorg.db')).length;
    expect(keys.length).toBeGreaterThanOrEqual(before);
    expect(keys.length).toBeLessThanOrEqual(everCommitted);
    expect(keys).toEqual(keys.map((_key, index) => index));
    expect(readFileSync(join(restored, 'company.yaml'), 'utf8')).toBe(
      readFileSync(join(dataDir, 'company.yaml'), 'utf8'),
    );

    const occupiedBefore = digestOf(join(restored, 'synthorg.db'));
    const occupied = await runCli(['restore', backupDir, '--data-dir', restored]);
    expect(occupied.code).toBe(1);
    expect(occupied.stderr).toContain('already holds data');
    expect(digestOf(join(restored, 'synthorg.db'))).toBe(occupiedBefore);

    appendFileSync(join(backupDir, 'company.yaml'), '# tampered\n');
    const tampered = await runCli(['restore', backupDir, '--data-dir', join(root, 'third')]);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr.trim()).toBe(
      'synthorg: backup file company.yaml is missing or changed since the backup',
    );
  });
});
