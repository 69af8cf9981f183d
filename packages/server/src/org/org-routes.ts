import {
  companySchema,
  departmentSchema,
  envelopeOf,
  paginatedOf,
  paginationQuerySchema,
} from '@synthorg/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { requireCeo, requireRead } from '../auth/guards.ts';
import { ok, pageOf } from '../http/envelope.ts';
import type { OrgServices } from './org-services.ts';

const security = [{ bearer: [] }];
const nameParams = z.object({ name: z.string().min(1).max(128) });

/** `/company` and `/departments`: the organization as stored by bootstrap. */
export function orgRoutes(org: OrgServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/company',
      {
        onRequest: requireRead,
        schema: {
          tags: ['company'],
          summary: 'The company with its departments and agents',
          security,
          response: { 200: envelopeOf(companySchema) },
        },
      },
      async () => ok(await org.company.get()),
    );

    app.get(
      '/company/departments',
      {
        onRequest: requireRead,
        schema: {
          tags: ['company'],
          summary: 'All departments (unpaginated)',
          security,
          response: { 200: envelopeOf(z.array(departmentSchema)) },
        },
      },
      async () => ok(await org.company.departments()),
    );

    app.post(
      '/company/reload',
      {
        onRequest: requireCeo,
        schema: {
          tags: ['company'],
          summary: 'Re-read the company config and apply it (agents are never deleted)',
          security,
          response: { 200: envelopeOf(companySchema) },
        },
      },
      async () => ok(await org.reload()),
    );

    app.get(
      '/departments',
      {
        onRequest: requireRead,
        schema: {
          tags: ['company'],
          summary: 'Departments, paginated',
          security,
          querystring: paginationQuerySchema,
          response: { 200: paginatedOf(departmentSchema) },
        },
      },
      async (request) => pageOf(await org.company.departments(), request.query),
    );

    app.get(
      '/departments/:name',
      {
        onRequest: requireRead,
        schema: {
          tags: ['company'],
          summary: 'One department by name (case-insensitive)',
          security,
          params: nameParams,
          response: { 200: envelopeOf(departmentSchema) },
        },
      },
      async (request) => ok(await org.company.department(request.params.name)),
    );
  };
}
