import { envelopeOf, healthStatusSchema, SYNTHORG_VERSION } from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { ok } from '../http/envelope.ts';
import { API_EVENTS } from '../logging/events.ts';

export interface HealthChecks {
  persistence: () => Promise<boolean>;
  messageBus: () => Promise<boolean>;
  startedAt: number;
}

async function safely(check: () => Promise<boolean>): Promise<boolean> {
  try {
    return await check();
  } catch {
    return false;
  }
}

/** `GET /health`: public, never fails; a broken component reads `false`. */
export function healthRoutes(checks: HealthChecks): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      {
        config: { rateLimit: false },
        schema: {
          tags: ['health'],
          summary: 'Liveness and component health',
          response: { 200: envelopeOf(healthStatusSchema) },
        },
      },
      async (request) => {
        const [persistence, messageBus] = await Promise.all([
          safely(checks.persistence),
          safely(checks.messageBus),
        ]);
        const healthy = Number(persistence) + Number(messageBus);
        const status = healthy === 2 ? 'ok' : healthy === 1 ? 'degraded' : 'down';
        if (status !== 'ok') {
          request.log.warn({ event: API_EVENTS.healthCheck, persistence, messageBus }, 'unhealthy');
        }
        const uptime = (Date.now() - checks.startedAt) / 1000;
        return ok({
          status,
          persistence,
          message_bus: messageBus,
          version: SYNTHORG_VERSION,
          uptime_seconds: Math.round(uptime * 100) / 100,
        });
      },
    );
  };
}
