import type { MeetingRecord, MeetingStatus } from '@synthorg/shared';
import type { Kysely } from 'kysely';

import { newId, nowIso, toNumber } from '../db/rows.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import { AppError } from '../http/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import { type AgentDirectory, assertKnownAgents } from '../tasks/agent-directory.ts';
import { MEETING_LOG } from './meeting-log-events.ts';
import { meetingToRow, rowToMeeting } from './meeting-table.ts';

/** A meeting type of the company configuration that an event name can trigger. */
export interface MeetingTypeSpec {
  name: string;
  trigger: string | null;
  protocol: MeetingRecord['protocol_type'];
  duration_tokens: number;
  /** Agent names, or keys of the trigger context whose values are agent names. */
  participants: string[];
}

const MEETING_MOVES: Record<MeetingStatus, readonly MeetingStatus[]> = {
  scheduled: ['in_progress', 'cancelled'],
  in_progress: ['completed', 'failed', 'budget_exhausted', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
  budget_exhausted: [],
};

export type MeetingEnd = 'failed' | 'cancelled' | 'budget_exhausted';

/**
 * Meeting records and their lifecycle. The protocols that fill in the minutes run in the
 * engine; this service stores what they report and publishes `meeting.*`.
 *
 * @example
 * const [standup] = await meetings.trigger('sprint_start', { team: ['alice', 'bob'] });
 * await meetings.start(standup.meeting_id);
 * await meetings.complete(standup.meeting_id, { summary: 'ship on Friday' });
 */
export interface MeetingService {
  schedule(
    spec: Omit<MeetingTypeSpec, 'trigger'>,
    participantIds: string[],
  ): Promise<MeetingRecord>;
  trigger(eventName: string, context: Record<string, string | string[]>): Promise<MeetingRecord[]>;
  start(id: string): Promise<MeetingRecord>;
  complete(id: string, minutes: Record<string, unknown>): Promise<MeetingRecord>;
  end(id: string, status: MeetingEnd, errorMessage: string): Promise<MeetingRecord>;
  get(id: string): Promise<MeetingRecord>;
  list(
    filter: { status?: MeetingStatus | undefined; meeting_type?: string | undefined },
    window: { offset: number; limit: number },
  ): Promise<{ items: MeetingRecord[]; total: number }>;
}

export interface MeetingServiceDeps {
  db: Kysely<DatabaseSchema>;
  events: EventPublisher;
  log: Logger;
  /** When present, every participant must be a known agent. */
  agents?: AgentDirectory | undefined;
  /**
   * The configured meeting types.
   * TODO(meeting-config): the company config has no meeting types yet, so the composition root
   * passes none and `POST /meetings/trigger` schedules nothing.
   */
  meetingTypes?: () => Promise<MeetingTypeSpec[]>;
}

function resolveParticipants(refs: string[], context: Record<string, string | string[]>) {
  const names = refs.flatMap((ref) => {
    const value = context[ref];
    if (value === undefined) return [ref];
    return Array.isArray(value) ? value : [value];
  });
  return [...new Set(names)];
}

export function createMeetingService(deps: MeetingServiceDeps): MeetingService {
  const { db, events, log } = deps;

  const get = async (id: string) => {
    const row = await db
      .selectFrom('meetings')
      .selectAll()
      .where('meeting_id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `Meeting '${id}' not found`);
    return rowToMeeting(row);
  };

  const move = async (id: string, to: MeetingStatus, changes: Partial<MeetingRecord>) => {
    const current = await get(id);
    if (!MEETING_MOVES[current.status].includes(to)) {
      throw new AppError(
        'INVALID_TRANSITION',
        `Meeting '${id}' cannot move from ${current.status} to ${to}`,
      );
    }
    const next: MeetingRecord = { ...current, ...changes, status: to, updated_at: nowIso() };
    const result = await db
      .updateTable('meetings')
      .set(meetingToRow(next))
      .where('meeting_id', '=', id)
      .where('status', '=', current.status)
      .executeTakeFirst();
    if (toNumber(result.numUpdatedRows) !== 1) {
      throw new AppError('CONFLICT', `Meeting '${id}' changed concurrently; retry`);
    }
    log.info({ event: MEETING_LOG.finished, meetingId: id, from: current.status, to }, 'meeting');
    return next;
  };

  const schedule: MeetingService['schedule'] = async (spec, participantIds) => {
    await assertKnownAgents(deps.agents, participantIds, 'Participant');
    const now = nowIso();
    const meeting: MeetingRecord = {
      meeting_id: newId('meeting'),
      meeting_type_name: spec.name,
      protocol_type: spec.protocol,
      status: 'scheduled',
      minutes: null,
      error_message: null,
      token_budget: spec.duration_tokens,
      participant_ids: participantIds,
      created_at: now,
      updated_at: now,
    };
    await db.insertInto('meetings').values(meetingToRow(meeting)).execute();
    log.info({ event: MEETING_LOG.scheduled, meetingId: meeting.meeting_id }, 'meeting scheduled');
    return meeting;
  };

  return {
    get,
    schedule,

    async trigger(eventName, context) {
      const types = (await deps.meetingTypes?.()) ?? [];
      const matching = types.filter((type) => type.trigger === eventName);
      const scheduled: MeetingRecord[] = [];
      for (const type of matching) {
        scheduled.push(await schedule(type, resolveParticipants(type.participants, context)));
      }
      return scheduled;
    },

    async start(id) {
      const meeting = await move(id, 'in_progress', {});
      events.publish('meeting.started', meeting);
      return meeting;
    },

    async complete(id, minutes) {
      const meeting = await move(id, 'completed', { minutes });
      events.publish('meeting.completed', meeting);
      return meeting;
    },

    async end(id, status, errorMessage) {
      const meeting = await move(id, status, { error_message: errorMessage });
      events.publish('meeting.failed', meeting);
      return meeting;
    },

    async list(filter, window) {
      let query = db.selectFrom('meetings');
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.meeting_type) query = query.where('meeting_type_name', '=', filter.meeting_type);
      const counted = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      const rows = await query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('meeting_id')
        .limit(window.limit)
        .offset(window.offset)
        .execute();
      return { items: rows.map(rowToMeeting), total: toNumber(counted?.n) };
    },
  };
}
