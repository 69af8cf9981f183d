import {
  envelopeOf,
  settingDefinitionSchema,
  settingEntrySchema,
  settingKeyParamsSchema,
  settingNamespaceParamsSchema,
  updateSettingRequestSchema,
} from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { requireCeo, requireRead } from '../auth/guards.ts';
import { ok } from '../http/envelope.ts';
import type { SettingsService } from './settings-service.ts';

const security = [{ bearer: [] }];
const tags = ['settings'];

/**
 * `/settings`: the runtime settings. Reading needs any role, writing a write role. The
 * server's internal values (JWT secret, stored company state) are not settings and are never
 * reachable here: only defined settings are listed, read or written.
 */
export function settingsRoutes(settings: SettingsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/settings/_schema',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'Every setting definition',
          security,
          response: { 200: envelopeOf(z.array(settingDefinitionSchema)) },
        },
      },
      async () => ok(settings.definitions()),
    );

    app.get(
      '/settings/_schema/:namespace',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: "One namespace's setting definitions",
          security,
          params: settingNamespaceParamsSchema,
          response: { 200: envelopeOf(z.array(settingDefinitionSchema)) },
        },
      },
      async (request) => ok(settings.definitions(request.params.namespace)),
    );

    app.get(
      '/settings',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'Every setting with its effective value and source',
          security,
          response: { 200: envelopeOf(z.array(settingEntrySchema)) },
        },
      },
      async () => ok(settings.entries()),
    );

    app.get(
      '/settings/:namespace',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: "One namespace's settings",
          security,
          params: settingNamespaceParamsSchema,
          response: { 200: envelopeOf(z.array(settingEntrySchema)) },
        },
      },
      async (request) => ok(settings.entries(request.params.namespace)),
    );

    app.get(
      '/settings/:namespace/:key',
      {
        onRequest: requireRead,
        schema: {
          tags,
          summary: 'One setting',
          security,
          params: settingKeyParamsSchema,
          response: { 200: envelopeOf(settingEntrySchema) },
        },
      },
      async (request) => ok(settings.entry(request.params.namespace, request.params.key)),
    );

    app.put(
      '/settings/:namespace/:key',
      {
        onRequest: requireCeo,
        schema: {
          tags,
          summary: 'Store a value that overrides env, YAML and default (ceo only)',
          security,
          params: settingKeyParamsSchema,
          body: updateSettingRequestSchema,
          response: { 200: envelopeOf(settingEntrySchema) },
        },
      },
      async (request) => {
        const { namespace, key } = request.params;
        return ok(await settings.set(namespace, key, request.body.value));
      },
    );

    app.delete(
      '/settings/:namespace/:key',
      {
        onRequest: requireCeo,
        schema: {
          tags,
          summary: 'Remove the stored value; env, YAML or the default apply again (ceo only)',
          security,
          params: settingKeyParamsSchema,
        },
      },
      async (request, reply) => {
        await settings.reset(request.params.namespace, request.params.key);
        return reply.status(204).send();
      },
    );
  };
}
