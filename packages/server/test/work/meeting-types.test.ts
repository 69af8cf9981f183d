import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MeetingRecord } from '@synthorg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { periodStart } from '../../src/meetings/meeting-periods.ts';
import { createTestPostgres } from '../support/postgres.ts';
import { makeDataDir, startTestServer } from '../support/test-server.ts';
import { startWorkApi, type WorkApi } from '../support/work-api.ts';
import { connectWs, issueTicket, subscribe, type WsClient } from '../support/ws.ts';

const COMPANY = `company_name: Meeting Co
departments:
  - {name: engineering, head: Ada, budget_percent: 70}
  - {name: product, head: Pia, budget_percent: 30}
agents:
  - {name: Ada, role: Lead Engineer, department: engineering, level: lead}
  - {name: Jun, role: Developer, department: engineering, level: junior}
  - {name: Pia, role: Product Manager, department: product, level: senior}
meetings:
  types:
    - name: standup
      frequency: daily
      participants: [engineering]
      duration_tokens: 1500
    - name: all_hands
      frequency: monthly
      participants: [all]
      protocol_config: {protocol: position_papers}
    - name: code_review_sync
      trigger: code_review_complete
      participants: [author, reviewer, Pia]
      protocol_config: {protocol: structured_phases}
    - name: review_retro
      trigger: code_review_complete
      participants: [Ada]
    - name: release_review
      trigger: release_ready
      participants: [approvers]
`;

let w: WorkApi;
let client: WsClient;

beforeAll(async () => {
  const dataDir = await makeDataDir();
  await writeFile(join(dataDir, 'company.yaml'), COMPANY);
  w = await startWorkApi({ settings: { dataDir } });
  client = connectWs(w.t.wsUrl, { ticket: await issueTicket(w.t.baseUrl, w.observer.token) });
  await client.opened;
  await subscribe(client, { channels: ['meetings'] });
});
afterAll(async () => {
  client.ws.close();
  await w.t.close({ removeData: true });
});

const mark = () => client.mark();
const eventsSince = (from: number) => client.eventsSince(from);
const listType = async (type: string) =>
  (await w.call('GET', `/meetings?meeting_type=${type}&limit=200`)).body;

describe('meeting types from the company config', () => {
  it('the server timer schedules the periodic types at startup, for the agents they name', async () => {
    // The first scheduling pass runs right after the server starts listening.
    let standups = await listType('standup');
    while (standups.pagination.total === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      standups = await listType('standup');
    }
    const [standup] = standups.data;
    expect(standup).toMatchObject({
      status: 'scheduled',
      protocol_type: 'round_robin',
      token_budget: 1500,
      participant_ids: ['Ada', 'Jun'],
    });
    let allHands = await listType('all_hands');
    while (allHands.pagination.total === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      allHands = await listType('all_hands');
    }
    expect(allHands.data[0]).toMatchObject({
      protocol_type: 'position_papers',
      token_budget: 2000,
      participant_ids: ['Ada', 'Jun', 'Pia'],
    });
  });

  it('schedules a periodic type once per period, again in the next one', async () => {
    const meetings = w.t.server.context.meetings;
    const friday = new Date('2031-03-07T09:00:00Z');
    const first = await meetings.scheduleDue(friday);
    expect(first.map((m) => m.meeting_type_name).sort()).toEqual(['all_hands', 'standup']);
    expect(await meetings.scheduleDue(new Date('2031-03-07T23:59:00Z'))).toEqual([]);
    const from = await mark();
    const saturday = await meetings.scheduleDue(new Date('2031-03-08T08:00:00Z'));
    expect(saturday.map((m) => m.meeting_type_name)).toEqual(['standup']);
    const events = await eventsSince(from);
    expect(events.map((e) => [e.channel, e.event_type])).toEqual([
      ['meetings', 'meeting.scheduled'],
    ]);
    expect(events[0]?.payload).toEqual(saturday[0]);
    // Two passes racing for the same period (as two instances would) create one meeting.
    const april = new Date('2031-04-01T00:00:01Z');
    const raced = (await Promise.all([meetings.scheduleDue(april), meetings.scheduleDue(april)]))
      .flat()
      .map((m) => m.meeting_type_name)
      .sort();
    expect(raced).toEqual(['all_hands', 'standup']);
  });

  it('POST /meetings/trigger schedules every type of the event and publishes each', async () => {
    const from = await mark();
    const response = await w.call('POST', '/meetings/trigger', {
      event_name: 'code_review_complete',
      context: { author: 'jun', reviewer: ['Ada', 'Pia'] },
    });
    expect(response.status).toBe(200);
    const records: MeetingRecord[] = response.body.data;
    expect(records.map((m) => [m.meeting_type_name, m.protocol_type, m.participant_ids])).toEqual([
      ['code_review_sync', 'structured_phases', ['Jun', 'Ada', 'Pia']],
      ['review_retro', 'round_robin', ['Ada']],
    ]);
    expect(records.every((m) => m.status === 'scheduled' && m.token_budget === 2000)).toBe(true);
    const events = await eventsSince(from);
    expect(events.map((e) => e.event_type)).toEqual(['meeting.scheduled', 'meeting.scheduled']);
    expect(events.map((e) => e.payload)).toEqual(records);
    for (const record of records) {
      const got = await w.call(
        'GET',
        `/meetings/${record.meeting_id}`,
        undefined,
        w.observer.token,
      );
      expect(got.body.data).toEqual(record);
    }
  });

  it('refuses an unknown event, unknown agents and missing context, storing nothing', async () => {
    const from = await mark();
    const before = (await w.call('GET', '/meetings')).body.pagination.total;
    const unknown = await w.call('POST', '/meetings/trigger', { event_name: 'lunch' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error_code).toBe('MEETING_EVENT_UNKNOWN');
    expect(unknown.body.error).toContain("'lunch'");
    expect(unknown.body.error).toContain('code_review_complete, release_ready');

    // One type would resolve, the other names a stranger: neither is stored.
    const stranger = await w.call('POST', '/meetings/trigger', {
      event_name: 'code_review_complete',
      context: { author: 'Jun', reviewer: 'Mallory' },
    });
    expect(stranger.status).toBe(422);
    expect(stranger.body.error_code).toBe('UNKNOWN_AGENT');
    expect(stranger.body.error).toContain("'Mallory'");

    const missing = await w.call('POST', '/meetings/trigger', { event_name: 'release_ready' });
    expect(missing.status).toBe(422);
    expect(missing.body.error_code).toBe('PARTICIPANTS_UNRESOLVED');
    expect(missing.body.error).toContain("'approvers'");

    const empty = await w.call('POST', '/meetings/trigger', {
      event_name: 'release_ready',
      context: { approvers: [] },
    });
    expect(empty.body.error_code).toBe('PARTICIPANTS_UNRESOLVED');

    expect((await w.call('GET', '/meetings')).body.pagination.total).toBe(before);
    expect(await eventsSince(from)).toEqual([]);
    const ok = await w.call('POST', '/meetings/trigger', {
      event_name: 'release_ready',
      context: { approvers: ['Pia', 'pia', 'Ada'] },
    });
    expect(ok.body.data.map((m: MeetingRecord) => m.participant_ids)).toEqual([['Pia', 'Ada']]);
  });
});

describe('meeting periods (UTC)', () => {
  it('start on the day, the weekday, the Monday, the fortnight and the month', () => {
    const at = (iso: string) => new Date(iso);
    // 2026-12-04 is a Friday, 2026-12-05 a Saturday.
    expect(periodStart('daily', at('2026-12-05T23:59:59Z'))).toBe('2026-12-05');
    expect(periodStart('per_sprint_day', at('2026-12-04T00:00:00Z'))).toBe('2026-12-04');
    expect(periodStart('per_sprint_day', at('2026-12-05T12:00:00Z'))).toBeUndefined();
    expect(periodStart('per_sprint_day', at('2026-12-06T12:00:00Z'))).toBeUndefined();
    expect(periodStart('weekly', at('2026-12-04T18:00:00Z'))).toBe('2026-11-30');
    expect(periodStart('weekly', at('2026-11-30T00:00:00Z'))).toBe('2026-11-30');
    expect(periodStart('weekly', at('2026-12-06T23:00:00Z'))).toBe('2026-11-30');
    // Fortnights count from Monday 1970-01-05: two consecutive weeks share one start.
    const fortnight = periodStart('bi_weekly', at('2026-12-04T00:00:00Z'));
    expect(['2026-11-23', '2026-11-30']).toContain(fortnight);
    const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    expect(days('1970-01-05', fortnight as string) % 14).toBe(0);
    expect(periodStart('bi_weekly', at(`${fortnight}T00:00:00Z`))).toBe(fortnight);
    const last = new Date(Date.parse(`${fortnight}T23:00:00Z`) + 13 * 86_400_000);
    expect(periodStart('bi_weekly', last)).toBe(fortnight);
    expect(periodStart('bi_weekly', new Date(last.getTime() + 3_600_000))).not.toBe(fortnight);
    expect(periodStart('monthly', at('2026-12-31T23:59:59Z'))).toBe('2026-12-01');
  });
});

describe('several instances on one PostgreSQL database', () => {
  it('create each period meeting once', async () => {
    const postgres = await createTestPostgres();
    const configDir = await mkdtemp(join(tmpdir(), 'synthorg-meetings-'));
    const configPath = join(configDir, 'company.yaml');
    await writeFile(configPath, COMPANY);
    const settings = { databaseUrl: postgres.url, configPath };
    const first = await startTestServer({ settings });
    const second = await startTestServer({ settings });
    try {
      const standups = () =>
        first.server.context.meetings.list({ meeting_type: 'standup' }, { offset: 0, limit: 200 });
      // Both instances ran their startup pass; today's standup exists once.
      while ((await standups()).total === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const when = new Date('2032-06-15T10:00:00Z');
      const created = await Promise.all(
        [first, second, first, second].map((s) => s.server.context.meetings.scheduleDue(when)),
      );
      const names = created.flat().map((m) => m.meeting_type_name);
      expect(names.sort()).toEqual(['all_hands', 'standup']);
      expect((await standups()).total).toBe(2);
      expect(await second.server.context.meetings.scheduleDue(new Date())).toEqual([]);
      expect((await standups()).total).toBe(2);
    } finally {
      await first.close({ removeData: true });
      await second.close({ removeData: true });
      await postgres.drop();
      await rm(configDir, { recursive: true, force: true });
    }
  });
});
