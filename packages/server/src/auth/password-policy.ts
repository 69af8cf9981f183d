import { AppError } from '../http/app-error.ts';

/** The shortest new password accepted now (the `api.min_password_length` setting). */
export type MinPasswordLength = () => number;

/**
 * Refuses a new password shorter than the current minimum with 400 `VALIDATION_ERROR` naming
 * the body field, as schema validation would. The shared schemas only enforce the floor (8),
 * since the minimum can change while the server runs.
 */
export function assertPasswordLength(password: string, field: string, min: number): void {
  if (password.length >= min) return;
  const message = `Too short: expected at least ${min} characters`;
  throw new AppError('VALIDATION_ERROR', `${field} is too short (at least ${min} characters)`, {
    details: [{ path: `body.${field}`, message }],
  });
}
