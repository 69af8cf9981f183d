import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

import { connectClients, percentile, post } from './bench-clients.ts';

/**
 * `npm run bench:ws`: server CPU per delivered message and delivery latency with N real `ws`
 * clients on loopback. The server runs in a child process (its CPU time is measured there);
 * the clients run here. Bounded: at most 2000 clients and 20 000 events.
 *
 *   npm run bench:ws -- --clients 200 --events 2000 --size 200 --per-turn 10 --rate 0
 *
 * `--rate` paces publishing (events per second, 0 = as fast as possible).
 */
interface Options {
  clients: number;
  events: number;
  size: number;
  perTurn: number;
  rate: number;
  /** Measure a bare `ws` server (per-client serialize and send) instead of the product. */
  baseline: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string, fallback: number, max: number) => {
    const at = argv.indexOf(`--${name}`);
    const parsed = at === -1 ? fallback : Number(argv[at + 1]);
    if (!Number.isInteger(parsed) || parsed < 0 || parsed > max)
      throw new Error(`--${name} 1..${max}`);
    return parsed;
  };
  return {
    clients: value('clients', 200, 2000),
    events: value('events', 2000, 20_000),
    size: value('size', 200, 64_000),
    perTurn: value('per-turn', 10, 1000),
    rate: value('rate', 0, 100_000),
    baseline: argv.includes('--baseline'),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const child = fork(
    join(import.meta.dirname, 'ws-bench-server.ts'),
    options.baseline ? ['--baseline'] : [],
    {
      stdio: 'inherit',
    },
  );
  const request = async <T>(message: object): Promise<T> => {
    const reply = once(child, 'message');
    child.send(message);
    return (await reply)[0] as T;
  };
  const [{ baseUrl }] = (await once(child, 'message')) as [{ baseUrl: string }];

  const { token = '' } = options.baseline
    ? {}
    : await post(`${baseUrl}/api/v1/auth/setup`, {
        username: 'bench-admin',
        password: 'bench-password-123',
      });
  const latencies: number[] = [];
  const sockets = await connectClients(baseUrl, token, options.clients, latencies);
  const expected = options.clients * options.events;

  const before = (await request<{ cpu: NodeJS.CpuUsage }>({ cmd: 'cpu' })).cpu;
  const started = performance.now();
  await request({
    cmd: 'publish',
    count: options.events,
    size: options.size,
    perTurn: options.perTurn,
    rate: options.rate,
  });
  while (latencies.length < expected && performance.now() - started < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const wall = performance.now() - started;
  const after = (await request<{ cpu: NodeJS.CpuUsage }>({ cmd: 'cpu' })).cpu;

  const cpuMicros = after.user - before.user + (after.system - before.system);
  const sorted = [...latencies].sort((a, b) => a - b);
  const result = {
    ...options,
    delivered: latencies.length,
    expected,
    server_cpu_us_per_delivery: Number((cpuMicros / latencies.length).toFixed(2)),
    latency_ms_p50: Number(percentile(sorted, 50).toFixed(2)),
    latency_ms_p99: Number(percentile(sorted, 99).toFixed(2)),
    deliveries_per_second: Math.round(latencies.length / (wall / 1000)),
  };
  console.log(JSON.stringify(result));
  for (const ws of sockets) ws.terminate();
  child.send({ cmd: 'stop' });
  await once(child, 'exit');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
