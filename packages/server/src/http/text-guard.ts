import type { ErrorDetail } from '@synthorg/shared';
import type { FastifyInstance } from 'fastify';

import { AppError } from './app-error.ts';

const MAX_DEPTH = 64;

/** A NUL or a lone surrogate: SQLite would store it, PostgreSQL refuses it with a 500. */
function isStorable(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

function findUnstorable(value: unknown, path: string, depth: number, out: ErrorDetail[]): void {
  if (out.length >= 10 || depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    if (!isStorable(value)) out.push({ path, message: 'contains a NUL or unpaired surrogate' });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}.${key}`;
    if (!isStorable(key)) out.push({ path: childPath, message: 'key is not storable text' });
    findUnstorable(child, childPath, depth + 1, out);
  }
}

/**
 * Refuses request bodies with text no database can store the same way, so SQLite and
 * PostgreSQL deployments answer alike: 400 `VALIDATION_ERROR` naming the field.
 */
export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined || request.body === null) return;
    const problems: ErrorDetail[] = [];
    findUnstorable(request.body, 'body', 0, problems);
    if (problems.length > 0) {
      throw new AppError('VALIDATION_ERROR', 'Validation error', { details: problems });
    }
  });
}
