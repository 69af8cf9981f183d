import {
  type CreateProjectRequest,
  createProjectRequestSchema,
  type Project,
  type ProjectStatus,
  type UpdateProjectRequest,
} from '@synthorg/shared';
import type { Kysely } from 'kysely';

import { newId, nowIso, toNumber } from '../db/rows.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import { AppError } from '../http/app-error.ts';
import { parseInput } from '../http/parse-input.ts';
import type { Logger } from '../logging/logger.ts';
import { type AgentDirectory, canonicalAgentNames } from '../tasks/agent-directory.ts';
import { type ProjectTable, projectToRow, rowToProject } from './project-table.ts';

export const PROJECT_LOG = {
  created: 'work.project.created',
  updated: 'work.project.updated',
} as const;

/**
 * Projects group tasks (a task's `project` is a project id). Edits are compare-and-set on
 * `version` like tasks.
 *
 * @example
 * const project = await projects.create({ name: 'Website relaunch' }, 'ceo');
 * await tasks.create({ ..., project: project.id }, 'ceo');
 */
export interface ProjectService {
  create(input: CreateProjectRequest, actor: string): Promise<Project>;
  get(id: string): Promise<Project>;
  list(
    filter: { status?: ProjectStatus | undefined },
    window: { offset: number; limit: number },
  ): Promise<{ items: Project[]; total: number }>;
  update(id: string, patch: UpdateProjectRequest, actor: string): Promise<Project>;
}

export function createProjectService(deps: {
  db: Kysely<DatabaseSchema>;
  events: EventPublisher;
  log: Logger;
  /** When present, `team` members and `lead` must be known agents. */
  agents?: AgentDirectory | undefined;
}): ProjectService {
  const { db, events, log } = deps;
  /** Team and lead as the company spells them, the team without repeats; unknown is 422. */
  const canonicalPeople = async <L extends string | null | undefined>(
    team: string[] | undefined,
    lead: L,
  ) => ({
    team: team && (await canonicalAgentNames(deps.agents, team, 'Team member')),
    lead: (lead ? (await canonicalAgentNames(deps.agents, [lead], 'Lead'))[0] : lead) as L,
  });

  const hydrate = async (row: ProjectTable) => {
    const tasks = await db
      .selectFrom('tasks')
      .select('id')
      .where('project', '=', row.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rowToProject(
      row,
      tasks.map((t) => t.id),
    );
  };

  const get = async (id: string) => {
    const row = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `Project '${id}' not found`);
    return hydrate(row);
  };

  return {
    get,

    async create(request, actor) {
      const parsed = parseInput(createProjectRequestSchema, request);
      const people = await canonicalPeople(parsed.team, parsed.lead);
      const input = { ...parsed, team: people.team ?? [], lead: people.lead };
      const now = nowIso();
      const project: Project = {
        id: newId('project'),
        name: input.name,
        description: input.description,
        team: input.team,
        lead: input.lead ?? null,
        task_ids: [],
        deadline: input.deadline ?? null,
        budget: input.budget,
        status: input.status,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('projects').values(projectToRow(project)).execute();
      log.info({ event: PROJECT_LOG.created, projectId: project.id, actor }, 'project created');
      events.publish('project.created', project);
      return project;
    },

    async list(filter, window) {
      let query = db.selectFrom('projects');
      if (filter.status) query = query.where('status', '=', filter.status);
      const counted = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      const rows = await query
        .selectAll()
        .orderBy('created_at')
        .orderBy('id')
        .limit(window.limit)
        .offset(window.offset)
        .execute();
      const items = await Promise.all(rows.map(hydrate));
      return { items, total: toNumber(counted?.n) };
    },

    async update(id, request, actor) {
      const current = await get(id);
      const patch = { ...request, ...(await canonicalPeople(request.team, request.lead)) };
      const expected = patch.expected_version ?? current.version;
      if (current.version !== expected) {
        throw new AppError(
          'VERSION_CONFLICT',
          `Project '${id}' is at version ${current.version}, not ${expected}`,
        );
      }
      const { expected_version: _ignored, ...changes } = patch;
      const defined = Object.fromEntries(
        Object.entries(changes).filter(([, v]) => v !== undefined),
      );
      const next: Project = {
        ...current,
        ...defined,
        version: current.version + 1,
        updated_at: nowIso(),
      };
      const result = await db
        .updateTable('projects')
        .set(projectToRow(next))
        .where('id', '=', id)
        .where('version', '=', current.version)
        .executeTakeFirst();
      if (toNumber(result.numUpdatedRows) !== 1) {
        throw new AppError('VERSION_CONFLICT', `Project '${id}' changed concurrently`);
      }
      log.info({ event: PROJECT_LOG.updated, projectId: id, actor }, 'project updated');
      events.publish('project.updated', next);
      return next;
    },
  };
}
