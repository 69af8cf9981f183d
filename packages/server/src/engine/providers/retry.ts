import type { RetryConfig } from '@synthorg/shared';

import { classifyProviderError } from './classify-error.ts';
import type { ProviderError } from './provider-error.ts';

export interface RetryHooks {
  /** Waits `ms`; injectable so tests need not sleep. Rejects when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: ProviderError }) => void;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Delay before retry number `attempt` (1-based): exponential from `base_delay`, capped at
 * `max_delay`, with full jitter. A server's `Retry-After` wins but is capped the same way.
 */
export function retryDelayMs(
  config: RetryConfig,
  attempt: number,
  error: ProviderError,
  random: () => number = Math.random,
): number {
  const capMs = config.max_delay * 1000;
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, capMs);
  const exponential = config.base_delay * 1000 * config.exponential_base ** (attempt - 1);
  const delay = Math.min(exponential, capMs);
  return config.jitter ? random() * delay : delay;
}

/**
 * Runs `call` and retries transient and rate-limit failures up to `max_retries` times.
 * Resolves with the value and the number of attempts used; throws the last classified error.
 */
export async function withRetry<T>(
  config: RetryConfig,
  call: () => Promise<T>,
  hooks: RetryHooks & { signal?: AbortSignal } = {},
): Promise<{ value: T; attempts: number }> {
  const sleep = hooks.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await call(), attempts: attempt };
    } catch (raw) {
      const error = classifyProviderError(raw);
      if (!error.retryable || attempt > config.max_retries || hooks.signal?.aborted) throw error;

      const delayMs = retryDelayMs(config, attempt, error, hooks.random);
      hooks.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, hooks.signal);
    }
  }
}
