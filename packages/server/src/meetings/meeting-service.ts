import {
  type Agent,
  ALL_PARTICIPANTS,
  type MeetingRecord,
  type MeetingStatus,
  type MeetingsConfig,
  type MeetingTypeConfig,
} from '@synthorg/shared';
import type { Kysely } from 'kysely';

import { newId, nowIso, toNumber } from '../db/rows.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import { AppError } from '../http/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import { MEETING_LOG } from './meeting-log-events.ts';
import { periodStart } from './meeting-periods.ts';
import { meetingToRow, rowToMeeting } from './meeting-table.ts';

/** What a meeting is created from: a configured type, or a caller's ad-hoc spec. */
export interface MeetingSpec {
  name: string;
  protocol: MeetingRecord['protocol_type'];
  duration_tokens: number;
}

/** What the meeting service needs from the organization domain. */
export interface MeetingOrg {
  /** The meetings section of the applied company config. */
  meetings(): Promise<MeetingsConfig>;
  /** Every agent, terminated ones included. */
  agents(): Promise<Array<Pick<Agent, 'id' | 'name' | 'department' | 'status'>>>;
  departments(): Promise<Array<{ name: string }>>;
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
 * Meeting records and their lifecycle. Records are created from the meeting types of the
 * company config: a triggered type each time its event is posted, a periodic type once per
 * period by `scheduleDue` (a server timer). Holding a meeting (the LLM protocols that fill in
 * the minutes) is not built yet; `start`, `complete` and `end` record what such a run reports
 * and publish `meeting.*`.
 *
 * @example
 * const [review] = await meetings.trigger('code_review_complete', { author: 'Ada' });
 * await meetings.start(review.meeting_id);
 * await meetings.complete(review.meeting_id, { summary: 'ship on Friday' });
 */
export interface MeetingService {
  /** Schedules one meeting for these agents (names or ids; stored as names). */
  schedule(spec: MeetingSpec, participants: string[]): Promise<MeetingRecord>;
  /**
   * Schedules one meeting per configured type whose `trigger` is `eventName`; participant
   * references may name keys of `context`. All or nothing: any unresolved participant fails
   * the call before anything is stored.
   */
  trigger(eventName: string, context: Record<string, string | string[]>): Promise<MeetingRecord[]>;
  /**
   * Creates the meeting of the current period for each periodic type that has none yet.
   * Several instances may run it at once: a unique key per type and period lets one win.
   */
  scheduleDue(now?: Date): Promise<MeetingRecord[]>;
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
  /** The company's meeting types and agents; without it no type is configured. */
  org?: MeetingOrg | undefined;
}

type Roster = Awaited<ReturnType<MeetingOrg['agents']>>;
type Context = Record<string, string | string[]>;

const NO_MEETINGS: MeetingsConfig = { enabled: true, types: [] };

/**
 * Turns a type's participant references into agent names, in order, without repeats: a key
 * of `context` (its values name agents), `all` (every active agent), a department (its
 * active agents), an agent name or id.
 */
function resolveParticipants(
  type: Pick<MeetingTypeConfig, 'name' | 'participants'>,
  context: Context,
  agents: Roster,
  departments: string[],
): string[] {
  const byKey = new Map<string, Roster[number]>();
  for (const agent of agents) {
    byKey.set(agent.id.toLowerCase(), agent);
    byKey.set(agent.name.toLowerCase(), agent);
  }
  const active = agents.filter((agent) => agent.status !== 'terminated');
  const names: string[] = [];
  for (const ref of type.participants) {
    const given = Object.hasOwn(context, ref) ? context[ref] : undefined;
    if (given !== undefined) {
      for (const value of [given].flat()) {
        const agent = byKey.get(value.toLowerCase());
        if (!agent) {
          const from = value === ref ? '' : ` (context '${ref}')`;
          throw new AppError(
            'UNKNOWN_AGENT',
            `Participant '${value}'${from} is not an agent of the company`,
          );
        }
        // A terminated agent is known but no longer takes part.
        if (agent.status !== 'terminated') names.push(agent.name);
      }
      continue;
    }
    const key = ref.toLowerCase();
    if (key === ALL_PARTICIPANTS) {
      names.push(...active.map((agent) => agent.name));
    } else if (departments.includes(key)) {
      names.push(...active.filter((a) => a.department.toLowerCase() === key).map((a) => a.name));
    } else if (byKey.has(key)) {
      const agent = byKey.get(key) as Roster[number];
      if (agent.status !== 'terminated') names.push(agent.name);
    } else {
      throw new AppError(
        'PARTICIPANTS_UNRESOLVED',
        `Meeting type '${type.name}': participant '${ref}' is not a key of the event context, ` +
          `'${ALL_PARTICIPANTS}', a department or an agent`,
      );
    }
  }
  const unique = [...new Set(names)];
  if (unique.length === 0) {
    throw new AppError(
      'PARTICIPANTS_UNRESOLVED',
      `Meeting type '${type.name}' resolves to no participants`,
    );
  }
  return unique;
}

const specOf = (type: MeetingTypeConfig): MeetingSpec => ({
  name: type.name,
  protocol: type.protocol_config.protocol,
  duration_tokens: type.duration_tokens,
});

function newMeeting(spec: MeetingSpec, participants: string[]): MeetingRecord {
  const now = nowIso();
  return {
    meeting_id: newId('meeting'),
    meeting_type_name: spec.name,
    protocol_type: spec.protocol,
    status: 'scheduled',
    minutes: null,
    error_message: null,
    token_budget: spec.duration_tokens,
    participant_ids: participants,
    created_at: now,
    updated_at: now,
  };
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

  const config = async () => (await deps.org?.meetings()) ?? NO_MEETINGS;
  const roster = async () => {
    if (!deps.org) return { agents: [], departments: [] };
    const [agents, departments] = await Promise.all([deps.org.agents(), deps.org.departments()]);
    return { agents, departments: departments.map((d) => d.name.toLowerCase()) };
  };

  const announce = (meeting: MeetingRecord, origin: string) => {
    log.info(
      { event: MEETING_LOG.scheduled, meetingId: meeting.meeting_id, origin },
      'meeting scheduled',
    );
    events.publish('meeting.scheduled', meeting);
  };

  const schedule: MeetingService['schedule'] = async (spec, participants) => {
    let names = [...new Set(participants)];
    if (deps.org) {
      const { agents, departments } = await roster();
      // Each name is its own context key, so it can only resolve to that agent.
      const context = Object.fromEntries(participants.map((name) => [name, name]));
      const adHoc = { name: spec.name, participants };
      names =
        participants.length === 0 ? [] : resolveParticipants(adHoc, context, agents, departments);
    }
    const meeting = newMeeting(spec, names);
    await db
      .insertInto('meetings')
      .values({ ...meetingToRow(meeting), schedule_key: null })
      .execute();
    announce(meeting, 'direct');
    return meeting;
  };

  return {
    get,
    schedule,

    async trigger(eventName, context) {
      const { enabled, types } = await config();
      const matching = enabled ? types.filter((type) => type.trigger === eventName) : [];
      if (matching.length === 0) {
        const known = enabled ? [...new Set(types.flatMap((t) => t.trigger ?? []))] : [];
        throw new AppError(
          'MEETING_EVENT_UNKNOWN',
          `No meeting type is triggered by event '${eventName}'` +
            (known.length > 0 ? ` (configured events: ${known.join(', ')})` : ''),
        );
      }
      const { agents, departments } = await roster();
      const planned = matching.map((type) =>
        newMeeting(specOf(type), resolveParticipants(type, context, agents, departments)),
      );
      await db.transaction().execute(async (tx) => {
        for (const meeting of planned) {
          await tx
            .insertInto('meetings')
            .values({ ...meetingToRow(meeting), schedule_key: null })
            .execute();
        }
      });
      for (const meeting of planned) announce(meeting, `event:${eventName}`);
      return planned;
    },

    async scheduleDue(now = new Date()) {
      const { enabled, types } = await config();
      const periodic = enabled ? types.filter((type) => type.frequency !== undefined) : [];
      if (periodic.length === 0) return [];
      const { agents, departments } = await roster();
      const created: MeetingRecord[] = [];
      for (const type of periodic) {
        const start = periodStart(type.frequency as NonNullable<typeof type.frequency>, now);
        if (start === undefined) continue;
        const key = `${type.name}@${type.frequency}:${start}`;
        const held = await db
          .selectFrom('meetings')
          .select('meeting_id')
          .where('schedule_key', '=', key)
          .executeTakeFirst();
        if (held) continue;
        let participants: string[];
        try {
          participants = resolveParticipants(type, {}, agents, departments);
        } catch (err) {
          log.warn({ event: MEETING_LOG.skipped, meetingType: type.name, err }, 'not scheduled');
          continue;
        }
        const meeting = newMeeting(specOf(type), participants);
        const result = await db
          .insertInto('meetings')
          .values({ ...meetingToRow(meeting), schedule_key: key })
          .onConflict((oc) => oc.column('schedule_key').doNothing())
          .executeTakeFirst();
        // Another instance created this period's meeting between the read and the insert.
        if (toNumber(result.numInsertedOrUpdatedRows) !== 1) continue;
        announce(meeting, `schedule:${key}`);
        created.push(meeting);
      }
      return created;
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
