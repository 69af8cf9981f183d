import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis server the tests use; CI starts it. A test that cannot reach it fails. */
export const TEST_REDIS_URL = process.env.SYNTHORG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestRedis {
  url: string;
  /** Unique per call, so concurrent test files never see each other's keys. */
  prefix: string;
  /** A connection of the test's own, to inspect or break the server's state. */
  redis: Redis;
  /** Every key under the prefix. */
  keys(): Promise<string[]>;
  /** Deletes every key under the prefix and closes the connection. */
  cleanup(): Promise<void>;
}

export async function createTestRedis(): Promise<TestRedis> {
  const prefix = `synthorg-test:${randomBytes(6).toString('hex')}:`;
  // Fail at once instead of retrying: an unreachable Redis is a failed test, never a skip.
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 0, retryStrategy: () => null });
  await redis.ping();
  const keys = async () => {
    const found: string[] = [];
    for await (const batch of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
      found.push(...(batch as string[]));
    }
    return found;
  };
  return {
    url: TEST_REDIS_URL,
    prefix,
    redis,
    keys,
    async cleanup() {
      const found = await keys();
      if (found.length > 0) await redis.del(...found);
      await redis.quit();
    },
  };
}
