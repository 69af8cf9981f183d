import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import helmet from '@fastify/helmet';
import httpProxy from '@fastify/http-proxy';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { WebSocket } from 'ws';

import { limitProxiedBodies, proxyFailure, withoutExpect } from './proxy-errors.ts';

/** Frames queued for one browser beyond this close it with 1013, as the API does itself. */
const PROXY_BUFFER_CAP_BYTES = 4 * 1024 * 1024;

export interface WebListenerOptions {
  host: string;
  port: number;
  /** Base URL of the API listener, e.g. `http://127.0.0.1:8000`. */
  apiUrl: string;
  /** The built dashboard; a placeholder page is served when it is missing. */
  webDir: string | undefined;
  /** Off only to test that `doctor` names this hop when upgrades are not forwarded. */
  forwardWebSocket: boolean;
  log: FastifyBaseLogger;
}

/** `packages/web/dist` of the installed workspace, if it has been built. */
export function defaultWebDir(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('@synthorg/web/package.json');
    const dist = join(dirname(manifest), 'dist');
    return existsSync(join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined;
  }
}

/** The browser's Origin and address travel to the API, which checks the Origin itself. */
function forwardedHeaders(
  headers: Record<string, string>,
  request: { headers: Record<string, string | string[] | undefined>; ip: string },
): Record<string, string> {
  const forwarded: Record<string, string> = { ...headers, 'x-forwarded-for': request.ip };
  const origin = request.headers.origin;
  if (typeof origin === 'string') forwarded.origin = origin;
  return forwarded;
}

/**
 * The proxy writes to the browser without waiting; a browser that stops reading would grow
 * this process's memory without bound, so the API's slow-consumer rule is repeated here.
 */
function closeSlowBrowser(_context: unknown, source: WebSocket): void {
  if (source.bufferedAmount > PROXY_BUFFER_CAP_BYTES) source.close(1013, 'slow_consumer');
}

async function registerDashboard(app: FastifyInstance, webDir: string | undefined): Promise<void> {
  if (!webDir) {
    app.get('/', async (_request, reply) =>
      reply
        .type('text/plain')
        .send('The dashboard is not built. Run `npm run build -w @synthorg/web` and restart.'),
    );
    return;
  }
  await app.register(fastifyStatic, { root: webDir, wildcard: false, index: 'index.html' });
  // Client-side routes (e.g. /tasks/42) load the app shell; unknown asset paths stay 404.
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/assets/');
    if (wantsPage) return reply.sendFile('index.html');
    return reply.code(404).type('text/plain').send('Not found');
  });
}

/**
 * The dashboard listener: serves the built SPA and forwards `/api` (HTTP and the WebSocket
 * upgrade) to the API listener, the way a reverse proxy in front of the API would.
 */
export async function startWebListener(options: WebListenerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.log,
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
    // Plain HTTP on loopback: an HSTS header would be ignored and only mislead.
    hsts: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  limitProxiedBodies(app);
  const base = {
    upstream: options.apiUrl,
    prefix: '/api',
    rewritePrefix: '/api',
    replyOptions: {
      rewriteRequestHeaders: (
        _request: unknown,
        headers: Record<string, string | string[] | undefined>,
      ) => withoutExpect(headers),
      onError: proxyFailure,
    },
  };
  if (options.forwardWebSocket) {
    // Not in the plugin's types, but read at runtime: forwards the Origin the API checks.
    const wsClientOptions = { headers: {}, rewriteRequestHeaders: forwardedHeaders };
    const wsHooks = { onOutgoingMessage: closeSlowBrowser };
    await app.register(httpProxy, { ...base, websocket: true, wsClientOptions, wsHooks });
  } else {
    await app.register(httpProxy, base);
  }
  await registerDashboard(app, options.webDir);
  await app.listen({ host: options.host, port: options.port });
  return app;
}
