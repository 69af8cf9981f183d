import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { ERROR_CATALOGUE, ERROR_CODES } from '../src/errors.ts';

const DOC = readFileSync(join(import.meta.dirname, '../../../docs/errors.md'), 'utf8');

function documentedRows(): Map<string, number> {
  const rows = new Map<string, number>();
  for (const match of DOC.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(\d{3})\s*\|/gm)) {
    rows.set(match[1] as string, Number(match[2]));
  }
  return rows;
}

describe('error catalogue', () => {
  it('documents every code with its status, and nothing that is not a code', () => {
    const rows = documentedRows();
    expect([...rows.keys()].sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) expect(rows.get(code)).toBe(ERROR_CATALOGUE[code].status);
  });

  it('uses UPPER_SNAKE codes and error statuses only', () => {
    for (const code of ERROR_CODES) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(ERROR_CATALOGUE[code].status).toBeGreaterThanOrEqual(400);
    }
  });
});
