/**
 * Counts failed logins per username and per client address in a sliding window. Past the
 * threshold further attempts are refused until the oldest failure in the window ages out,
 * even with the right password. In process by default; shared through Redis in scale-out mode,
 * so the threshold holds across instances.
 */
export interface LoginLockout {
  /** Seconds until the next attempt is allowed; 0 when not locked. */
  retryAfter(username: string, address: string): Promise<number>;
  recordFailure(username: string, address: string): Promise<void>;
  recordSuccess(username: string): Promise<void>;
}

export interface LoginLockoutOptions {
  maxFailuresPerUser: number;
  maxFailuresPerAddress: number;
  windowMs: number;
  /** Keys tracked at most; the oldest are forgotten first, so spraying names cannot grow memory. */
  maxKeys: number;
  now?: () => number;
}

/** The limits alone; the stores read them on every call, so getters may follow settings. */
export type LockoutLimits = Pick<
  LoginLockoutOptions,
  'maxFailuresPerUser' | 'maxFailuresPerAddress' | 'windowMs'
>;

export const DEFAULT_LOCKOUT: LoginLockoutOptions = {
  maxFailuresPerUser: 5,
  maxFailuresPerAddress: 20,
  windowMs: 15 * 60 * 1000,
  maxKeys: 10_000,
};

export function createLoginLockout(options: LoginLockoutOptions = DEFAULT_LOCKOUT): LoginLockout {
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();

  const recent = (key: string): number[] => {
    const cutoff = now() - options.windowMs;
    const kept = (failures.get(key) ?? []).filter((at) => at > cutoff);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };

  const waitFor = (key: string, max: number): number => {
    const times = recent(key);
    if (times.length < max) return 0;
    const oldest = times[times.length - max] ?? now();
    return Math.max(1, Math.ceil((oldest + options.windowMs - now()) / 1000));
  };

  const record = (key: string) => {
    const times = recent(key);
    failures.delete(key);
    failures.set(key, [...times, now()]);
    if (failures.size > options.maxKeys) {
      const oldestKey = failures.keys().next().value;
      if (oldestKey !== undefined) failures.delete(oldestKey);
    }
  };

  return {
    async retryAfter(username, address) {
      return Math.max(
        waitFor(`user:${username}`, options.maxFailuresPerUser),
        waitFor(`addr:${address}`, options.maxFailuresPerAddress),
      );
    },
    async recordFailure(username, address) {
      record(`user:${username}`);
      record(`addr:${address}`);
    },
    async recordSuccess(username) {
      failures.delete(`user:${username}`);
    },
  };
}
