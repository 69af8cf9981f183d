import { randomUUID } from 'node:crypto';

/** A new identifier such as `task-3f2a…`: a prefix naming the kind, then 32 hex digits. */
export function newId(prefix: string): string {
  return `${prefix}-${randomUUID().replaceAll('-', '')}`;
}

/** Parses a JSON text column. Columns are written only by our own code, so this trusts them. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Aggregates come back as bigint strings on PostgreSQL and numbers on SQLite. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}

export function nowIso(): string {
  return new Date().toISOString();
}
