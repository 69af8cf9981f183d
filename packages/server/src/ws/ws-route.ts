import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';

import { AppError } from '../http/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import type { AuthOutcome } from './ws-auth.ts';
import { WS_EVENTS } from './ws-events.ts';
import { SocketController, type SocketDeps } from './ws-socket.ts';

export interface WsRouteOptions extends SocketDeps {
  /** Read on every handshake, so a settings change applies to the next connection. */
  allowedOrigins: string[] | (() => string[]);
  log: Logger;
}

function originAllowed(request: FastifyRequest, allowed: string[]): boolean {
  const origin = request.headers.origin;
  // No Origin header: not a browser, so cross-site hijacking is not possible.
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * `GET /ws`: the live event stream. Only the Origin check may refuse at the HTTP level (403
 * before the upgrade); every other failure happens after the upgrade, in our handler, as a
 * close code the browser can read. No auth hook and no rate limit run on this route.
 */
export function wsRoute(options: WsRouteOptions): FastifyPluginAsync {
  const outcomes = new WeakMap<FastifyRequest, AuthOutcome>();

  return async (app) => {
    app.get(
      '/ws',
      {
        websocket: true,
        config: { rateLimit: false },
        onRequest: async (request) => {
          const { allowedOrigins } = options;
          const allowed = typeof allowedOrigins === 'function' ? allowedOrigins() : allowedOrigins;
          if (originAllowed(request, allowed)) return;
          request.log.warn(
            { event: WS_EVENTS.originRejected, origin: request.headers.origin },
            'origin refused',
          );
          throw new AppError('FORBIDDEN', 'Origin not allowed');
        },
        preHandler: async (request) => {
          if (!request.ws) return;
          const query = (request.query ?? {}) as Record<string, unknown>;
          outcomes.set(request, await options.authenticator.fromQuery(query));
        },
      },
      (socket, request) => {
        const id = randomUUID();
        const log = options.log.child({ conn_id: id, client: request.ip });
        const controller = new SocketController(
          options,
          socket,
          request.raw.socket as Socket,
          id,
          log,
        );
        controller.start(outcomes.get(request) ?? { kind: 'deferred' });
      },
    );
  };
}
