import compress from '@fastify/compress';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import { SYNTHORG_VERSION } from '@synthorg/shared';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { API_EVENTS } from '../logging/events.ts';
import { redactUrl } from '../logging/logger.ts';
import type { RateLimitStore } from '../redis/redis-realtime.ts';
import { AppError } from './app-error.ts';
import type { App } from './app-instance.ts';

export interface HttpPluginOptions {
  /** Read per request, so a settings change applies without a restart. */
  allowedOrigins: () => string[];
  /** Requests per window per client address, read per request. */
  rateLimitMax: () => number;
  rateLimitWindowMs: () => number;
  /** Counters shared by every instance (scale-out); in process when absent. */
  rateLimitStore?: RateLimitStore;
}

/** Security headers on every HTTP response; the API docs get a policy Scalar can run under. */
async function registerSecurityHeaders(app: App): Promise<void> {
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
    hsts: { maxAge: 63072000, includeSubDomains: true },
    frameguard: { action: 'deny' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('Permissions-Policy', 'geolocation=(), camera=(), microphone=()');
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    if (request.url.startsWith('/docs')) {
      reply.header(
        'Content-Security-Policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:",
      );
    }
  });
}

/** One access-log line per request, with the query string (where tickets travel) redacted. */
function registerAccessLog(app: App): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        event: API_EVENTS.requestCompleted,
        method: request.method,
        path: redactUrl(request.url),
        status_code: reply.statusCode,
        duration_ms: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request completed',
    );
  });
}

/** OpenAPI generated from the zod route schemas, browsable at `/docs`. */
async function registerApiDocs(app: App): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: 'SynthOrg API', version: SYNTHORG_VERSION },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(scalar, { routePrefix: '/docs' });
}

/** Cross-cutting HTTP plugins. None of them runs on the WebSocket upgrade (see `ws/`). */
export async function registerHttpPlugins(app: App, options: HttpPluginOptions): Promise<void> {
  registerAccessLog(app);
  await registerSecurityHeaders(app);
  await app.register(cors, {
    // Same check as the static list the plugin accepts, against the current setting.
    origin: (origin, callback) => {
      callback(null, origin !== undefined && options.allowedOrigins().includes(origin));
    },
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'Authorization'],
    credentials: false,
  });
  await app.register(compress, { threshold: 1000 });
  await app.register(rateLimit, {
    max: () => options.rateLimitMax(),
    timeWindow: () => options.rateLimitWindowMs(),
    ...(options.rateLimitStore && {
      redis: options.rateLimitStore.redis,
      nameSpace: options.rateLimitStore.nameSpace,
      // While Redis is away requests are served unlimited rather than refused.
      // TODO(trusted proxies): behind a load balancer every client counts as its address.
      skipOnError: true,
    }),
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', 'Too many requests', {
        headers: { 'Retry-After': String(Math.ceil(context.ttl / 1000)) },
      }),
  });
  await registerApiDocs(app);
}
