import { buildServer, resolveServerSettings, type SynthOrgServer } from '@synthorg/server';
import { SYNTHORG_VERSION } from '@synthorg/shared';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { type DestinationStream, pino } from 'pino';

import { clientHost } from '../support/client-host.ts';
import { ensureWritableDataDir } from '../support/data-dir.ts';
import { acquireInstanceLock, type HeldLock } from '../support/instance-lock.ts';
import { layoutOf } from '../support/paths.ts';
import { portError } from '../support/port-check.ts';
import { seedDemoTaskOnceSetUp } from './demo-task.ts';
import { defaultWebDir, startWebListener } from './web-listener.ts';

export interface InstanceOptions {
  dataDir: string;
  host: string;
  apiPort: number;
  webPort: number;
  /** Detached child: stdout already is the log file, so the logger writes only there. */
  daemonChild: boolean;
  forwardWebSocket: boolean;
  /** `start --demo`: seed the demo task before the runner starts (see demo-task.ts). */
  demo: boolean;
}

export interface RunningInstance {
  apiUrl: string;
  dashboardUrl: string;
  /** API first (its sockets close with 1001 and reach browsers through the proxy), then web. */
  stop(): Promise<void>;
}

function logDestination(options: InstanceOptions): DestinationStream | undefined {
  if (options.daemonChild) return undefined;
  const file = pino.destination({
    dest: layoutOf(options.dataDir).logFile,
    append: true,
    sync: true,
  });
  return pino.multistream([
    { level: 'trace', stream: process.stdout },
    { level: 'trace', stream: file },
  ]);
}

async function listenBoth(options: InstanceOptions, server: SynthOrgServer) {
  const host = clientHost(options.host);
  await server.listen().catch((error: unknown) => {
    throw portError(error, 'API', options.host, options.apiPort);
  });
  const apiUrl = `http://${host}:${options.apiPort}`;
  const web = await startWebListener({
    host: options.host,
    port: options.webPort,
    apiUrl,
    webDir: process.env.SYNTHORG_WEB_DIR || defaultWebDir(),
    forwardWebSocket: options.forwardWebSocket,
    // The proxy logs every forwarded request at info; the API's access log already has them.
    log: server.context.log.child(
      { listener: 'dashboard' },
      { level: 'warn' },
    ) as FastifyBaseLogger,
  }).catch((error: unknown) => {
    throw portError(error, 'dashboard', options.host, options.webPort);
  });
  const dashboardHost = host === '127.0.0.1' ? 'localhost' : host;
  return { web, apiUrl, dashboardUrl: `http://${dashboardHost}:${options.webPort}` };
}

/**
 * Runs one instance in this process: takes the data dir's lock, then the API and dashboard
 * listeners. Any failure undoes what was started and releases the lock.
 */
export async function startInstance(options: InstanceOptions): Promise<RunningInstance> {
  ensureWritableDataDir(options.dataDir);
  const lock: HeldLock = acquireInstanceLock(options.dataDir, SYNTHORG_VERSION);
  let server: SynthOrgServer | undefined;
  let web: FastifyInstance | undefined;
  try {
    const settings = resolveServerSettings(process.env, {
      dataDir: options.dataDir,
      host: options.host,
      port: options.apiPort,
    });
    // The dashboard listener's own origins stay allowed whatever the origins setting says.
    settings.fixedOrigins = ['localhost', '127.0.0.1'].map((h) => `http://${h}:${options.webPort}`);
    server = await buildServer({ settings, logDestination: logDestination(options) });
    const listening = await listenBoth(options, server);
    web = listening.web;
    const stopDemoSeeding = options.demo ? seedDemoTaskOnceSetUp(server) : () => {};
    lock.update({ api_url: listening.apiUrl, dashboard_url: listening.dashboardUrl });
    const started = { server, web };
    return {
      apiUrl: listening.apiUrl,
      dashboardUrl: listening.dashboardUrl,
      async stop() {
        stopDemoSeeding();
        try {
          await started.server.close();
          await started.web.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    await server?.close().catch(() => undefined);
    await web?.close().catch(() => undefined);
    lock.release();
    throw error;
  }
}
