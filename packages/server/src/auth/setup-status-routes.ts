import { envelopeOf, setupStatusSchema } from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { ok } from '../http/envelope.ts';

export interface SetupStatusOptions {
  countUsers(): Promise<number>;
  /** The shortest new password accepted now, so the setup page can say so. */
  minPasswordLength(): number;
}

/**
 * `GET /auth/setup-status`: public, so the dashboard can send a first visitor straight to
 * the setup page instead of a login that cannot succeed. Tells nothing beyond "any account"
 * and the current password rule.
 */
export function setupStatusRoutes(options: SetupStatusOptions): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/auth/setup-status',
      {
        schema: {
          tags: ['auth'],
          summary: 'Whether the first account still has to be created',
          response: { 200: envelopeOf(setupStatusSchema) },
        },
      },
      async () =>
        ok({
          setup_required: (await options.countUsers()) === 0,
          min_password_length: options.minPasswordLength(),
        }),
    );
  };
}
