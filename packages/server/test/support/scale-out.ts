import type { ServerSettings } from '../../src/index.ts';
import { createTestPostgres, type TestPostgres } from './postgres.ts';
import { createTestRedis, type TestRedis } from './redis.ts';
import { startTestServer, type TestServer } from './test-server.ts';

export interface ScaleOutCluster {
  instances: TestServer[];
  postgres: TestPostgres;
  redis: TestRedis;
  close(): Promise<void>;
}

/**
 * Starts `count` API instances in scale-out mode exactly as an operator would: the same
 * PostgreSQL database and the same Redis (under a prefix unique to the test), nothing else.
 */
export async function startScaleOutCluster(
  count = 2,
  /** Per-instance overrides, e.g. a Redis URL through a proxy the test can cut. */
  overrides: (index: number) => Partial<ServerSettings> = () => ({}),
  /** All at once, as an orchestrator may start them, instead of one after the other. */
  options: { concurrent?: boolean } = {},
): Promise<ScaleOutCluster> {
  const postgres = await createTestPostgres();
  const redis = await createTestRedis();
  const instances: TestServer[] = [];
  const settings = { databaseUrl: postgres.url, redisUrl: redis.url, redisPrefix: redis.prefix };
  const start = (i: number) => startTestServer({ settings: { ...settings, ...overrides(i) } });
  if (options.concurrent) {
    instances.push(...(await Promise.all(Array.from({ length: count }, (_, i) => start(i)))));
  } else {
    for (let i = 0; i < count; i++) instances.push(await start(i));
  }
  return {
    instances,
    postgres,
    redis,
    async close() {
      for (const instance of instances) await instance.close({ removeData: true });
      await redis.cleanup();
      await postgres.drop();
    },
  };
}
