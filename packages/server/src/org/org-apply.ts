import { randomUUID } from 'node:crypto';
import type { Agent } from '@synthorg/shared';
import type { Kysely, Transaction } from 'kysely';

import type { DatabaseSchema } from '../db/schema.ts';
import type { ResolvedAgent, ResolvedDepartment, ResolvedOrg } from './org-resolve.ts';
import { agentFromRow } from './org-rows.ts';

type Tx = Transaction<DatabaseSchema>;

/** What applying a config changed, so the caller can announce it after the commit. */
export interface ApplyResult {
  companyId: string;
  created: boolean;
  hired: Agent[];
  /** Agents no longer in the config; kept as `terminated`, never deleted. */
  terminated: Agent[];
}

async function writeCompany(tx: Tx, org: ResolvedOrg, source: string, now: string) {
  const { config } = org;
  const existing = await tx.selectFrom('company').select(['id']).executeTakeFirst();
  const values = {
    name: config.company_name,
    type: config.company_type,
    autonomy_level: config.config.autonomy.level,
    communication_pattern: config.config.communication_pattern,
    budget: JSON.stringify(config.budget),
    extra: JSON.stringify({
      task_assignment: config.task_assignment,
      graceful_shutdown: config.graceful_shutdown,
      workflow_handoffs: config.workflow_handoffs,
      escalation_paths: config.escalation_paths,
      tool_access_default: config.config.tool_access_default,
      meetings: config.meetings,
    }),
    source,
    updated_at: now,
  };
  if (existing) {
    await tx.updateTable('company').set(values).where('id', '=', existing.id).execute();
    return { id: existing.id, created: false };
  }
  const id = randomUUID();
  await tx
    .insertInto('company')
    .values({ id, ...values, created_at: now })
    .execute();
  return { id, created: true };
}

async function writeDepartments(tx: Tx, departments: ResolvedDepartment[], now: string) {
  await tx.deleteFrom('departments').execute();
  for (const [position, { config, head, headRole }] of departments.entries()) {
    await tx
      .insertInto('departments')
      .values({
        name_key: config.name.toLowerCase(),
        name: config.name,
        position,
        head,
        head_role: headRole,
        budget_percent: config.budget_percent,
        autonomy_level: config.autonomy_level ?? null,
        body: JSON.stringify({
          teams: config.teams,
          reporting_lines: config.reporting_lines,
          policies: config.policies,
        }),
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}

function agentValues({ config, model }: ResolvedAgent, position: number, now: string) {
  return {
    name: config.name,
    name_key: config.name.toLowerCase(),
    role: config.role,
    department: config.department,
    level: config.level,
    status: config.status,
    autonomy_level: config.autonomy_level ?? null,
    position,
    model: JSON.stringify(model),
    body: JSON.stringify({
      personality: config.personality,
      memory: config.memory,
      tools: config.tools,
      authority: config.authority,
      skills: config.skills,
    }),
    updated_at: now,
  };
}

/**
 * Upserts agents by name. An existing agent keeps its id, hiring date and runtime status, so
 * tasks and cost records that point at it stay valid; agents missing from the config are
 * marked `terminated` rather than deleted.
 */
async function writeAgents(tx: Tx, agents: ResolvedAgent[], now: string) {
  const existing = await tx.selectFrom('agents').selectAll().execute();
  const byKey = new Map(existing.map((row) => [row.name_key, row]));
  const hired: string[] = [];
  for (const [position, agent] of agents.entries()) {
    const values = agentValues(agent, position, now);
    const row = byKey.get(values.name_key);
    if (row) {
      await tx.updateTable('agents').set(values).where('id', '=', row.id).execute();
      byKey.delete(values.name_key);
      continue;
    }
    const id = randomUUID();
    const hiring_date = now.slice(0, 10);
    await tx
      .insertInto('agents')
      .values({ id, ...values, runtime_status: 'idle', hiring_date, created_at: now })
      .execute();
    hired.push(id);
  }
  const leaving = [...byKey.values()].filter((row) => row.status !== 'terminated');
  for (const row of leaving) {
    await tx
      .updateTable('agents')
      .set({ status: 'terminated', updated_at: now })
      .where('id', '=', row.id)
      .execute();
  }
  return { hired, terminated: leaving.map((row) => row.id) };
}

async function writeProviders(tx: Tx, org: ResolvedOrg, now: string) {
  await tx.deleteFrom('providers').execute();
  for (const [position, [name, config]] of Object.entries(org.providers).entries()) {
    await tx
      .insertInto('providers')
      .values({ name, position, config: JSON.stringify(config), created_at: now, updated_at: now })
      .execute();
  }
}

/**
 * Writes a resolved config in one transaction: company, departments (replaced), agents
 * (upserted by name, missing ones terminated) and providers (replaced). Used for the first
 * bootstrap and for an explicit re-apply; nothing stored about agents is ever dropped.
 */
export async function applyOrg(
  db: Kysely<DatabaseSchema>,
  org: ResolvedOrg,
  source: string,
): Promise<ApplyResult> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (tx) => {
    const company = await writeCompany(tx, org, source, now);
    await writeDepartments(tx, org.departments, now);
    const { hired, terminated } = await writeAgents(tx, org.agents, now);
    await writeProviders(tx, org, now);
    const load = async (ids: string[]) =>
      ids.length === 0
        ? []
        : (await tx.selectFrom('agents').selectAll().where('id', 'in', ids).execute()).map(
            agentFromRow,
          );
    return {
      companyId: company.id,
      created: company.created,
      hired: await load(hired),
      terminated: await load(terminated),
    };
  });
}
