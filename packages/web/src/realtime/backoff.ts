/** Reconnect pacing: exponential backoff with full jitter, as DESIGN §4 asks. */
export interface BackoffOptions {
  /** First delay cap and the floor of every delay. */
  baseMs: number;
  /** No delay exceeds this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 30_000 };

/**
 * Delay before reconnect attempt `attempt` (0 for the first retry): uniform in
 * `[baseMs, cap]` with `cap = min(maxMs, baseMs · 2^(attempt + 1))`.
 *
 * The floor of `baseMs` is deliberate: pure full jitter can draw 0 ms again and again, and a
 * crowd of dashboards reconnecting at once is the storm the jitter exists to avoid.
 *
 * @example
 * backoffDelay(0, Math.random) // between 1 s and 2 s
 * backoffDelay(9, Math.random) // between 1 s and 30 s
 */
export function backoffDelay(
  attempt: number,
  random: () => number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const exponent = Math.min(attempt + 1, 30);
  const cap = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return options.baseMs + Math.floor(random() * (cap - options.baseMs));
}
