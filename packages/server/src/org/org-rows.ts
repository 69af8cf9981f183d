import type {
  Agent,
  AgentModel,
  AgentRuntimeStatus,
  AgentStatus,
  AutonomyLevel,
  BudgetConfig,
  Company,
  CompanyType,
  Department,
  ProviderConfig,
  SeniorityLevel,
} from '@synthorg/shared';
import type { Selectable } from 'kysely';

import type { AgentsTable, CompanyTable, DepartmentsTable, ProvidersTable } from './org-tables.ts';

/** Row → API view mapping; JSON columns are parsed here and nowhere else. */

export function agentFromRow(row: Selectable<AgentsTable>): Agent {
  const body = JSON.parse(row.body) as Pick<
    Agent,
    'personality' | 'memory' | 'tools' | 'authority' | 'skills'
  >;
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    department: row.department,
    level: row.level as SeniorityLevel,
    status: row.status as AgentStatus,
    runtime_status: row.runtime_status as AgentRuntimeStatus,
    personality: body.personality,
    model: JSON.parse(row.model) as AgentModel,
    memory: body.memory,
    tools: body.tools,
    authority: body.authority,
    skills: body.skills,
    autonomy_level: row.autonomy_level as AutonomyLevel | null,
    hiring_date: row.hiring_date,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function departmentFromRow(row: Selectable<DepartmentsTable>): Department {
  const body = JSON.parse(row.body) as Pick<Department, 'teams' | 'reporting_lines' | 'policies'>;
  return {
    name: row.name,
    head: row.head,
    head_role: row.head_role,
    budget_percent: row.budget_percent,
    teams: body.teams,
    reporting_lines: body.reporting_lines,
    autonomy_level: row.autonomy_level as AutonomyLevel | null,
    policies: body.policies,
  };
}

export type CompanyHeader = Omit<Company, 'departments' | 'agents'>;

export function companyFromRow(row: Selectable<CompanyTable>): CompanyHeader {
  return {
    id: row.id,
    company_name: row.name,
    company_type: row.type as CompanyType,
    autonomy_level: row.autonomy_level as AutonomyLevel,
    communication_pattern: row.communication_pattern,
    budget: JSON.parse(row.budget) as BudgetConfig,
    source: row.source,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function providerFromRow(row: Selectable<ProvidersTable>): [string, ProviderConfig] {
  return [row.name, JSON.parse(row.config) as ProviderConfig];
}
