import { envelopeOf, providerModelSchema, providerViewSchema } from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { requireRead } from '../auth/guards.ts';
import { ok } from '../http/envelope.ts';
import type { ProvidersService } from './providers-service.ts';

const security = [{ bearer: [] }];
const nameParams = z.object({ name: z.string().min(1).max(64) });

/** `/providers`: the configured LLM providers, secrets never included. */
export function providerRoutes(providers: ProvidersService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/providers',
      {
        onRequest: requireRead,
        schema: {
          tags: ['providers'],
          summary: 'Providers by name (api keys are never returned, only has_api_key)',
          security,
          response: { 200: envelopeOf(z.record(z.string(), providerViewSchema)) },
        },
      },
      async () => {
        const views = await providers.list();
        // A null-prototype map: provider names such as "constructor" stay plain keys.
        const byName: Record<string, (typeof views)[number]> = Object.create(null);
        for (const view of views) byName[view.name] = view;
        return ok(byName);
      },
    );

    app.get(
      '/providers/:name',
      {
        onRequest: requireRead,
        schema: {
          tags: ['providers'],
          summary: 'One provider',
          security,
          params: nameParams,
          response: { 200: envelopeOf(providerViewSchema) },
        },
      },
      async (request) => ok(await providers.get(request.params.name)),
    );

    app.get(
      '/providers/:name/models',
      {
        onRequest: requireRead,
        schema: {
          tags: ['providers'],
          summary: "The provider's models with their tier aliases and per-1k prices",
          security,
          params: nameParams,
          response: { 200: envelopeOf(z.array(providerModelSchema)) },
        },
      },
      async (request) => ok(await providers.models(request.params.name)),
    );
  };
}
