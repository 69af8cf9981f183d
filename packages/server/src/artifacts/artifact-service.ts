import { createHash } from 'node:crypto';
import {
  ARTIFACT_MAX_BYTES,
  type Artifact,
  type ArtifactType,
  type CreateArtifactRequest,
  createArtifactRequestSchema,
} from '@synthorg/shared';
import type { Kysely } from 'kysely';

import { newId, nowIso, toNumber } from '../db/rows.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import { AppError } from '../http/app-error.ts';
import { parseInput } from '../http/parse-input.ts';
import type { Logger } from '../logging/logger.ts';

export const ARTIFACT_LOG = {
  created: 'work.artifact.created',
  deleted: 'work.artifact.deleted',
} as const;

/** Every column but the content, which only `content()` reads. */
const METADATA_COLUMNS = [
  'id',
  'type',
  'path',
  'task_id',
  'created_by',
  'description',
  'content_type',
  'size_bytes',
  'sha256',
  'created_at',
] as const;

/**
 * Artifacts produced for tasks. Content is UTF-8 text stored in the database beside its
 * metadata, so every API instance of a scaled-out deployment serves the same bytes.
 *
 * @example
 * await artifacts.create({ type: 'code', path: 'src/app.ts', task_id: task.id,
 *   content: 'export {}' }, 'agent-alice');
 */
export interface ArtifactService {
  create(input: CreateArtifactRequest, actor: string): Promise<Artifact>;
  get(id: string): Promise<Artifact>;
  content(id: string): Promise<{ artifact: Artifact; content: string }>;
  list(
    filter: { task_id?: string | undefined; type?: ArtifactType | undefined },
    window: { offset: number; limit: number },
  ): Promise<{ items: Artifact[]; total: number }>;
  delete(id: string, actor: string): Promise<void>;
}

function toArtifact(row: Record<(typeof METADATA_COLUMNS)[number], unknown>): Artifact {
  return {
    ...(row as Omit<Artifact, 'size_bytes'>),
    size_bytes: Number(row.size_bytes),
  };
}

export function createArtifactService(deps: {
  db: Kysely<DatabaseSchema>;
  events: EventPublisher;
  log: Logger;
}): ArtifactService {
  const { db, events, log } = deps;

  const get = async (id: string) => {
    const row = await db
      .selectFrom('artifacts')
      .select(METADATA_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `Artifact '${id}' not found`);
    return toArtifact(row);
  };

  return {
    get,

    async create(request, actor) {
      const input = parseInput(createArtifactRequestSchema, request);
      const size = Buffer.byteLength(input.content, 'utf8');
      if (size > ARTIFACT_MAX_BYTES) {
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `Artifact content is ${size} bytes; the limit is ${ARTIFACT_MAX_BYTES}`,
        );
      }
      const task = await db
        .selectFrom('tasks')
        .select('id')
        .where('id', '=', input.task_id)
        .executeTakeFirst();
      if (!task)
        throw new AppError('DOMAIN_RULE_VIOLATION', `Task '${input.task_id}' does not exist`);
      const artifact: Artifact = {
        id: newId('artifact'),
        type: input.type,
        path: input.path,
        task_id: input.task_id,
        created_by: input.created_by ?? actor,
        description: input.description,
        content_type: input.content_type,
        size_bytes: size,
        sha256: createHash('sha256').update(input.content, 'utf8').digest('hex'),
        created_at: nowIso(),
      };
      await db
        .insertInto('artifacts')
        .values({ ...artifact, content: input.content })
        .execute();
      log.info({ event: ARTIFACT_LOG.created, artifactId: artifact.id, size }, 'artifact created');
      events.publish('artifact.created', artifact);
      return artifact;
    },

    async content(id) {
      const artifact = await get(id);
      const row = await db
        .selectFrom('artifacts')
        .select('content')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return { artifact, content: row.content };
    },

    async list(filter, window) {
      let query = db.selectFrom('artifacts');
      if (filter.task_id) query = query.where('task_id', '=', filter.task_id);
      if (filter.type) query = query.where('type', '=', filter.type);
      const counted = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      const rows = await query
        .select(METADATA_COLUMNS)
        .orderBy('created_at')
        .orderBy('id')
        .limit(window.limit)
        .offset(window.offset)
        .execute();
      return { items: rows.map(toArtifact), total: toNumber(counted?.n) };
    },

    async delete(id, actor) {
      const artifact = await get(id);
      const result = await db.deleteFrom('artifacts').where('id', '=', id).executeTakeFirst();
      if (toNumber(result.numDeletedRows) !== 1) {
        throw new AppError('NOT_FOUND', `Artifact '${id}' not found`);
      }
      log.info({ event: ARTIFACT_LOG.deleted, artifactId: id, actor }, 'artifact deleted');
      events.publish('artifact.deleted', { id, task_id: artifact.task_id });
    },
  };
}
