import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import { buildServer, resolveServerSettings } from '../src/index.ts';
import { startBaseline } from './ws-baseline.ts';

/**
 * The server side of `bench:ws`, run as a child process so its CPU time can be measured
 * apart from the clients: the production wiring with a throwaway data dir, driven over IPC.
 */
type Command =
  | { cmd: 'publish'; count: number; size: number; perTurn: number; rate: number }
  | { cmd: 'cpu' }
  | { cmd: 'stop' };

const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

interface Target {
  baseUrl: string;
  publish(payload: Record<string, unknown>): void;
  /** Resolves once everything published has been handed to the sockets. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** `--name value` from the command line. */
function argOf(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

/**
 * `--redis-url`, `--redis-prefix` and a shared `--data-dir` (one SQLite file in WAL mode for
 * several processes) start an instance in scale-out mode, for `bench:ws:scale`.
 */
async function startProduct(): Promise<Target> {
  const sharedDir = argOf('data-dir');
  const dataDir = sharedDir ?? (await mkdtemp(join(tmpdir(), 'synthorg-bench-')));
  const settings = resolveServerSettings(
    {},
    {
      host: '127.0.0.1',
      port: 0,
      dataDir,
      logLevel: 'warn',
      rateLimitPerMinute: 1_000_000,
      redisUrl: argOf('redis-url'),
      redisPrefix: argOf('redis-prefix') ?? 'synthorg:',
    },
  );
  const server = await buildServer({ settings, logDestination: silent });
  const baseUrl = await server.listen();
  const { events } = server.context;
  return {
    baseUrl,
    publish: (payload) => events.publish('agent.activity', payload as never),
    settled: () => events.settled(),
    async close() {
      await server.close();
      if (!sharedDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const target: Target = process.argv.includes('--baseline')
    ? { ...(await startBaseline()), settled: async () => {} }
    : await startProduct();
  const { baseUrl } = target;

  const publish = async ({ count, size, perTurn, rate }: Extract<Command, { cmd: 'publish' }>) => {
    const blob = 'x'.repeat(size);
    // rate 0: as fast as the loop allows (one batch per turn); else batches paced to `rate`/s.
    const pause = rate > 0 ? (perTurn * 1000) / rate : 0;
    for (let sent = 0; sent < count; ) {
      for (let i = 0; i < perTurn && sent < count; i++, sent++) {
        const at = performance.timeOrigin + performance.now();
        target.publish({ n: sent, at, blob });
      }
      await new Promise((resolve) =>
        pause > 0 ? setTimeout(resolve, pause) : setImmediate(resolve),
      );
    }
    await target.settled();
  };

  process.on('message', async (command: Command) => {
    if (command.cmd === 'publish') await publish(command);
    if (command.cmd === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    if (command.cmd === 'stop') {
      await target.close();
      process.exit(0);
    }
    if (command.cmd === 'publish') process.send?.({ published: command.count });
  });
  process.send?.({ baseUrl });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
