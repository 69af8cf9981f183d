import type {
  Agent,
  AgentRuntimeStatus,
  AgentStatusChanged,
  AUTONOMY_SOURCES,
  AutonomyLevel,
  AutonomyView,
} from '@synthorg/shared';
import type { Kysely } from 'kysely';

import type { DatabaseSchema } from '../db/schema.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import { AppError } from '../http/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import type { AgentDirectory } from '../tasks/agent-directory.ts';
import { ORG_EVENTS } from './org-log-events.ts';
import { agentFromRow } from './org-rows.ts';

export interface AgentFilters {
  department?: string | undefined;
  level?: string | undefined;
  status?: string | undefined;
  runtime_status?: string | undefined;
}

export interface AgentsService extends AgentDirectory {
  list(filters?: AgentFilters): Promise<Agent[]>;
  /** By id or (case-insensitive) name; `NOT_FOUND` otherwise. */
  get(idOrName: string): Promise<Agent>;
  find(idOrName: string): Promise<Agent | undefined>;
  /**
   * Records what the runtime is doing with an agent and publishes `agent.status_changed`
   * after the write. Setting the status it already has changes and publishes nothing.
   */
  setStatus(agentId: string, status: AgentRuntimeStatus): Promise<Agent>;
  /** The level that applies: the agent's own, else its department's, else the company's. */
  autonomy(idOrName: string): Promise<AutonomyView>;
  setAutonomy(idOrName: string, level: AutonomyLevel): Promise<AutonomyView>;
}

export interface AgentsServiceDeps {
  db: Kysely<DatabaseSchema>;
  events: EventPublisher;
  log: Logger;
}

export function createAgentsService({ db, events, log }: AgentsServiceDeps): AgentsService {
  const find = async (idOrName: string) => {
    const row = await db
      .selectFrom('agents')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrName), eb('name_key', '=', idOrName.toLowerCase())]))
      .executeTakeFirst();
    return row ? agentFromRow(row) : undefined;
  };
  const get = async (idOrName: string) => {
    const agent = await find(idOrName);
    if (!agent) throw new AppError('NOT_FOUND', `Agent '${idOrName}' not found`);
    return agent;
  };

  const autonomyOf = async (agent: Agent): Promise<AutonomyView> => {
    const view = (level: AutonomyLevel, source: (typeof AUTONOMY_SOURCES)[number]) => ({
      agent_id: agent.id,
      level,
      source,
      promotion_pending: false,
    });
    if (agent.autonomy_level) return view(agent.autonomy_level, 'agent');
    const department = await db
      .selectFrom('departments')
      .select('autonomy_level')
      .where('name_key', '=', agent.department.toLowerCase())
      .executeTakeFirst();
    if (department?.autonomy_level) {
      return view(department.autonomy_level as AutonomyLevel, 'department');
    }
    const company = await db.selectFrom('company').select('autonomy_level').executeTakeFirst();
    return view((company?.autonomy_level ?? 'semi') as AutonomyLevel, 'company');
  };

  return {
    find,
    get,
    async list(filters = {}) {
      let query = db.selectFrom('agents').selectAll().orderBy('position').orderBy('name_key');
      if (filters.department) {
        query = query.where('department', '=', filters.department);
      }
      if (filters.level) query = query.where('level', '=', filters.level);
      if (filters.status) query = query.where('status', '=', filters.status);
      if (filters.runtime_status)
        query = query.where('runtime_status', '=', filters.runtime_status);
      return (await query.execute()).map(agentFromRow);
    },
    async has(name) {
      return (await find(name)) !== undefined;
    },
    async count() {
      const row = await db
        .selectFrom('agents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '!=', 'terminated')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async setStatus(agentId, status) {
      const before = await get(agentId);
      if (before.runtime_status === status) return before;
      const changed_at = new Date().toISOString();
      await db
        .updateTable('agents')
        .set({ runtime_status: status, updated_at: changed_at })
        .where('id', '=', before.id)
        .execute();
      const payload: AgentStatusChanged = {
        agent_id: before.id,
        name: before.name,
        runtime_status: status,
        previous_status: before.runtime_status,
        changed_at,
      };
      log.info(
        {
          event: ORG_EVENTS.agentStatusChanged,
          agent_id: before.id,
          from: before.runtime_status,
          to: status,
        },
        'agent status changed',
      );
      events.publish('agent.status_changed', payload);
      return { ...before, runtime_status: status, updated_at: changed_at };
    },
    async autonomy(idOrName) {
      return autonomyOf(await get(idOrName));
    },
    async setAutonomy(idOrName, level) {
      const agent = await get(idOrName);
      if (agent.level === 'junior' && level === 'full') {
        throw new AppError('DOMAIN_RULE_VIOLATION', 'a junior agent cannot have full autonomy');
      }
      const updated_at = new Date().toISOString();
      await db
        .updateTable('agents')
        .set({ autonomy_level: level, updated_at })
        .where('id', '=', agent.id)
        .execute();
      const updated: Agent = { ...agent, autonomy_level: level, updated_at };
      log.info(
        {
          event: ORG_EVENTS.autonomyChanged,
          agent_id: agent.id,
          from: agent.autonomy_level,
          to: level,
        },
        'agent autonomy changed',
      );
      events.publish('agent.updated', updated);
      return autonomyOf(updated);
    },
  };
}
