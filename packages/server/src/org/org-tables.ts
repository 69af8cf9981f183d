import type { Generated } from 'kysely';

/**
 * Tables of the organization domain. Nested config (budget, personality, teams, provider
 * entries) is JSON text so both dialects store it the same way.
 */
export interface CompanyTable {
  id: string;
  /** Always 1; unique, so a database can never hold two companies. */
  singleton: Generated<number>;
  name: string;
  type: string;
  autonomy_level: string;
  communication_pattern: string;
  /** JSON: the budget section. */
  budget: string;
  /** JSON: the rest of the company config the runtime may read (assignment, shutdown, …). */
  extra: string;
  source: string;
  created_at: string;
  updated_at: string;
}

export interface DepartmentsTable {
  /** Lower-cased name: department names are unique regardless of case. */
  name_key: string;
  name: string;
  position: number;
  head: string | null;
  head_role: string | null;
  budget_percent: number;
  autonomy_level: string | null;
  /** JSON: teams, reporting_lines, policies. */
  body: string;
  created_at: string;
  updated_at: string;
}

export interface AgentsTable {
  id: string;
  name: string;
  name_key: string;
  role: string;
  department: string;
  level: string;
  status: string;
  runtime_status: string;
  autonomy_level: string | null;
  position: number;
  /** JSON: the resolved model (provider, model_id, tier, temperature, …). */
  model: string;
  /** JSON: personality, memory, tools, authority, skills. */
  body: string;
  hiring_date: string;
  created_at: string;
  updated_at: string;
}

export interface ProvidersTable {
  name: string;
  position: number;
  /** JSON: the provider entry as configured; `api_key` holds the `${VAR}` reference. */
  config: string;
  created_at: string;
  updated_at: string;
}
