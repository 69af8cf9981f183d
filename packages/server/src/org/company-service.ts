import {
  type Company,
  type Department,
  type MeetingsConfig,
  meetingsConfigSchema,
} from '@synthorg/shared';
import type { Kysely } from 'kysely';

import type { DatabaseSchema } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import type { AgentsService } from './agents-service.ts';
import { companyFromRow, departmentFromRow } from './org-rows.ts';

export interface CompanyService {
  /** True once a company has been bootstrapped into this database. */
  exists(): Promise<boolean>;
  /** The company with its departments and agents; `SERVICE_UNAVAILABLE` before bootstrap. */
  get(): Promise<Company>;
  departments(): Promise<Department[]>;
  /** Case-insensitive; `NOT_FOUND` otherwise. */
  department(name: string): Promise<Department>;
  /**
   * The meetings section of the applied config; none configured (also before bootstrap and
   * for a company stored before the section existed) reads as no types.
   */
  meetings(): Promise<MeetingsConfig>;
}

export function createCompanyService(deps: {
  db: Kysely<DatabaseSchema>;
  agents: AgentsService;
  /** The company name in effect (the `company.name` setting); the stored name when absent. */
  name?: () => string;
}): CompanyService {
  const { db, agents } = deps;
  const departments = async () =>
    (await db.selectFrom('departments').selectAll().orderBy('position').execute()).map(
      departmentFromRow,
    );

  return {
    async exists() {
      return (await db.selectFrom('company').select('id').executeTakeFirst()) !== undefined;
    },
    async get() {
      const row = await db.selectFrom('company').selectAll().executeTakeFirst();
      if (!row) throw new AppError('SERVICE_UNAVAILABLE', 'No company has been bootstrapped yet');
      return {
        ...companyFromRow(row),
        ...(deps.name && { company_name: deps.name() }),
        departments: await departments(),
        agents: await agents.list(),
      };
    },
    departments,
    async meetings() {
      const row = await db.selectFrom('company').select('extra').executeTakeFirst();
      const extra = row ? (JSON.parse(row.extra) as { meetings?: unknown }) : {};
      return meetingsConfigSchema.parse(extra.meetings ?? {});
    },
    async department(name) {
      const row = await db
        .selectFrom('departments')
        .selectAll()
        .where('name_key', '=', name.toLowerCase())
        .executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', `Department '${name}' not found`);
      return departmentFromRow(row);
    },
  };
}
