import type { z } from 'zod';

import { AppError } from './app-error.ts';

/**
 * Validates input that reaches a service without passing a route schema (the engine calls
 * services directly), so a bad value becomes VALIDATION_ERROR rather than a 500.
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError('VALIDATION_ERROR', 'Validation error', {
    details: result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    })),
  });
}
