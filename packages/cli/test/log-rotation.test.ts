import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rotateLogIfLarge } from '../src/support/log-rotation.ts';
import { tempDir } from './support/cli.ts';

let root: string;

beforeAll(async () => {
  root = await tempDir();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('log rotation before a start', () => {
  it('keeps a small log, and shifts a large one through .1 to .3, dropping the oldest', () => {
    const log = join(root, 'synthorg.log');
    writeFileSync(log, 'small\n');
    expect(rotateLogIfLarge(log, 100)).toBe(false);

    for (const generation of ['a', 'b', 'c', 'd']) {
      writeFileSync(log, generation.repeat(200));
      expect(rotateLogIfLarge(log, 100)).toBe(true);
    }
    expect(existsSync(log)).toBe(false);
    expect(readFileSync(`${log}.1`, 'utf8')[0]).toBe('d');
    expect(readFileSync(`${log}.2`, 'utf8')[0]).toBe('c');
    expect(readFileSync(`${log}.3`, 'utf8')[0]).toBe('b');
    expect(existsSync(`${log}.4`)).toBe(false);
  });
});
