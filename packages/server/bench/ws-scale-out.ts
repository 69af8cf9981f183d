import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

import { connectClients, percentile, post } from './bench-clients.ts';

/**
 * `npm run bench:ws:scale`: cross-instance fan-out in scale-out mode. Instance A publishes,
 * N real `ws` clients are connected to instance B, and every event travels A → Redis (stream
 * + pub/sub, one Lua call) → B → sockets. Both instances are child processes sharing one
 * SQLite file and one Redis (under a throwaway prefix); their CPU is measured separately.
 * `--same-instance` puts the clients on A too, to isolate the cost of the Redis hop.
 * Bounded: at most 2000 clients, 20 000 events and 60 s of waiting.
 *
 *   npm run bench:ws:scale -- --clients 200 --events 1000 --rate 200
 */
const REDIS_URL = process.env.SYNTHORG_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

function option(argv: string[], name: string, fallback: number, max: number): number {
  const at = argv.indexOf(`--${name}`);
  const parsed = at === -1 ? fallback : Number(argv[at + 1]);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > max)
    throw new Error(`--${name} 0..${max}`);
  return parsed;
}

interface Instance {
  child: ChildProcess;
  baseUrl: string;
  request<T>(message: object): Promise<T>;
}

async function startInstance(dataDir: string, prefix: string): Promise<Instance> {
  const args = ['--data-dir', dataDir, '--redis-url', REDIS_URL, '--redis-prefix', prefix];
  const child = fork(join(import.meta.dirname, 'ws-bench-server.ts'), args, { stdio: 'inherit' });
  const [{ baseUrl }] = (await once(child, 'message')) as [{ baseUrl: string }];
  return {
    child,
    baseUrl,
    async request<T>(message: object) {
      const reply = once(child, 'message');
      child.send(message);
      return (await reply)[0] as T;
    },
  };
}

const cpuOf = async (instance: Instance) =>
  (await instance.request<{ cpu: NodeJS.CpuUsage }>({ cmd: 'cpu' })).cpu;
const micros = (before: NodeJS.CpuUsage, after: NodeJS.CpuUsage) =>
  after.user - before.user + (after.system - before.system);

/** Redis server CPU in µs (it is shared with whatever else uses that Redis). */
async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1e6;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const clients = option(argv, 'clients', 200, 2000);
  const events = option(argv, 'events', 1000, 20_000);
  const rate = option(argv, 'rate', 200, 100_000);
  const sameInstance = argv.includes('--same-instance');
  const prefix = `synthorg-bench:${randomBytes(6).toString('hex')}:`;
  const dataDir = await mkdtemp(join(tmpdir(), 'synthorg-bench-scale-'));
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });

  // One after the other: the first creates the database and the company.
  const a = await startInstance(dataDir, prefix);
  const b = sameInstance ? a : await startInstance(dataDir, prefix);
  const { token = '' } = await post(`${a.baseUrl}/api/v1/auth/setup`, {
    username: 'bench-admin',
    password: 'bench-password-123',
  });
  const latencies: number[] = [];
  const sockets = await connectClients(b.baseUrl, token, clients, latencies);
  const expected = clients * events;

  const before = { a: await cpuOf(a), b: await cpuOf(b), redis: await redisCpu(redis) };
  const started = performance.now();
  await a.request({ cmd: 'publish', count: events, size: 200, perTurn: 10, rate });
  while (latencies.length < expected && performance.now() - started < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const wall = performance.now() - started;
  const after = { a: await cpuOf(a), b: await cpuOf(b), redis: await redisCpu(redis) };

  const sorted = [...latencies].sort((x, y) => x - y);
  const round = (value: number) => Number(value.toFixed(2));
  console.log(
    JSON.stringify({
      clients,
      events,
      rate,
      same_instance: sameInstance,
      delivered: latencies.length,
      expected,
      publisher_cpu_us_per_event: round(micros(before.a, after.a) / events),
      subscriber_cpu_us_per_delivery: sameInstance
        ? null
        : round(micros(before.b, after.b) / latencies.length),
      total_instance_cpu_us_per_delivery: round(
        (micros(before.a, after.a) + (sameInstance ? 0 : micros(before.b, after.b))) /
          latencies.length,
      ),
      redis_cpu_us_per_event: round((after.redis - before.redis) / events),
      latency_ms_p50: round(percentile(sorted, 50)),
      latency_ms_p99: round(percentile(sorted, 99)),
      deliveries_per_second: Math.round(latencies.length / (wall / 1000)),
    }),
  );

  for (const ws of sockets) ws.terminate();
  for (const instance of sameInstance ? [a] : [a, b]) {
    instance.child.send({ cmd: 'stop' });
    await once(instance.child, 'exit');
  }
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await rm(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
