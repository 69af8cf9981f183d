export const CHECK_STATES = ['ok', 'warn', 'fail', 'skip'] as const;
export type CheckState = (typeof CHECK_STATES)[number];

/** One line of the doctor's report: a hop or a local fact, and what was found. */
export interface CheckResult {
  name: string;
  state: CheckState;
  detail: string;
}

export const ok = (name: string, detail: string): CheckResult => ({ name, state: 'ok', detail });
export const warn = (name: string, detail: string): CheckResult => ({
  name,
  state: 'warn',
  detail,
});
export const fail = (name: string, detail: string): CheckResult => ({
  name,
  state: 'fail',
  detail,
});
export const skip = (name: string, detail: string): CheckResult => ({
  name,
  state: 'skip',
  detail,
});

export function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
