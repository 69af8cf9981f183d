import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWorkApi, type WorkApi } from '../support/work-api.ts';
import { connectWs, issueTicket, subscribe, type WsClient } from '../support/ws.ts';

let w: WorkApi;
let client: WsClient;

beforeAll(async () => {
  w = await startWorkApi();
  client = connectWs(w.t.wsUrl, { ticket: await issueTicket(w.t.baseUrl, w.observer.token) });
  await client.opened;
  await subscribe(client, { channels: ['tasks', 'messages', 'meetings'] });
});
afterAll(async () => {
  client.ws.close();
  await w.t.close({ removeData: true });
});

/** The event types received since `from`, once every earlier frame has arrived. */
const eventTypesSince = async (from: number) =>
  (await client.eventsSince(from)).map((m) => m.event_type);

const mark = () => client.mark();

describe('references to agents are checked against the company', () => {
  it('message `to`: an agent (any case, or its id) or the own channel; else 422 naming it', async () => {
    const from = await mark();
    const before = (await w.call('GET', '/messages?channel=%23engineering')).body.pagination.total;
    // `engineering` is the channel itself (channels have one form), so it is not refused.
    for (const to of ['nobody-here', '#product', 'product', w.admin.username]) {
      const refused = await w.call('POST', '/messages', {
        channel: '#engineering',
        content: 'x',
        to,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error_code).toBe('UNKNOWN_AGENT');
      expect(refused.body.error).toContain(`'${to}'`);
    }
    const typo = await w.call('POST', '/messages', {
      channel: '#brand-new',
      content: 'x',
      to: 'zz',
    });
    expect(typo.status).toBe(422);
    expect(await eventTypesSince(from)).toEqual([]);
    expect((await w.call('GET', '/messages?channel=%23engineering')).body.pagination.total).toBe(
      before,
    );
    const channels = (await w.call('GET', '/messages/channels')).body.data;
    expect(channels.map((c: { name: string }) => c.name)).not.toContain('#brand-new');

    const agent = await w.t.server.context.org.agents.get(w.agents[0]);
    const sent = [];
    for (const to of [agent.name, agent.name.toUpperCase(), agent.id, '#engineering', undefined]) {
      const ok = await w.call('POST', '/messages', { channel: '#engineering', content: 'hi', to });
      expect(ok.status).toBe(201);
      sent.push(ok.body.data.to);
    }
    // Stored as the company spells the agent, whatever form named it.
    expect(sent).toEqual([agent.name, agent.name, agent.name, '#engineering', '#engineering']);
    expect(await eventTypesSince(from)).toEqual(Array(5).fill('message.sent'));
  });

  it('project `team` and `lead`: unknown names are refused on create and edit', async () => {
    const from = await mark();
    const [alice, bob] = w.agents;
    const badTeam = await w.call('POST', '/projects', { name: 'P', team: [alice, 'ghost'] });
    expect(badTeam.status).toBe(422);
    expect(badTeam.body).toMatchObject({ error_code: 'UNKNOWN_AGENT', success: false });
    expect(badTeam.body.error).toContain("'ghost'");
    const badLead = await w.call('POST', '/projects', {
      name: 'P',
      team: [alice],
      lead: 'phantom',
    });
    expect(badLead.status).toBe(422);
    expect(badLead.body.error).toContain("'phantom'");
    expect((await w.call('GET', '/projects')).body.pagination.total).toBe(0);
    expect(await eventTypesSince(from)).toEqual([]);

    const created = await w.call('POST', '/projects', { name: 'P', team: [alice], lead: alice });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    const editBad = await w.call('PATCH', `/projects/${id}`, { team: [alice, bob, 'ghost'] });
    expect(editBad.status).toBe(422);
    expect(editBad.body.error).toContain("'ghost'");
    const leadBad = await w.call('PATCH', `/projects/${id}`, { lead: 'phantom' });
    expect(leadBad.body.error_code).toBe('UNKNOWN_AGENT');
    const stored = (await w.call('GET', `/projects/${id}`)).body.data;
    expect(stored).toMatchObject({ team: [alice], lead: alice, version: 1 });
    const edited = await w.call('PATCH', `/projects/${id}`, { team: [alice, bob], lead: null });
    expect(edited.body.data).toMatchObject({ team: [alice, bob], lead: null, version: 2 });
    expect(await eventTypesSince(from)).toEqual(['project.created', 'project.updated']);

    // A patch without an editable field, or with an unknown key, is refused; no version bump.
    for (const body of [{}, { expected_version: 2 }, { colour: 'red' }, { name: 'P2', x: 1 }]) {
      const refused = await w.call('PATCH', `/projects/${id}`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error_code).toBe('VALIDATION_ERROR');
    }
    expect((await w.call('GET', `/projects/${id}`)).body.data).toMatchObject({
      name: 'P',
      version: 2,
    });
    expect(await eventTypesSince(from)).toEqual(['project.created', 'project.updated']);

    // Any spelling or the id of an agent is stored as its name, each member once.
    const bobAgent = await w.t.server.context.org.agents.get(bob);
    const spelled = await w.call('PATCH', `/projects/${id}`, {
      team: [bob, bob.toLowerCase(), bobAgent.id, alice.toUpperCase()],
      lead: bob.toUpperCase(),
    });
    expect(spelled.status).toBe(200);
    expect(spelled.body.data).toMatchObject({ team: [bob, alice], lead: bob });
    const fresh = await w.call('POST', '/projects', {
      name: 'Q',
      team: [alice.toLowerCase(), alice],
      lead: bobAgent.id,
    });
    expect(fresh.body.data).toMatchObject({ team: [alice], lead: bob });
    expect((await w.call('GET', `/projects/${fresh.body.data.id}`)).body.data).toMatchObject({
      team: [alice],
      lead: bob,
    });
  });

  it('meeting participants: an unknown participant schedules nothing', async () => {
    // Triggered participants are checked the same way (test/work/meeting-types.test.ts).
    const from = await mark();
    const meetings = w.t.server.context.meetings;
    const spec = {
      name: 'sync',
      protocol: 'round_robin' as const,
      duration_tokens: 500,
    };
    await expect(meetings.schedule(spec, [w.agents[0], 'ghost'])).rejects.toMatchObject({
      code: 'UNKNOWN_AGENT',
      message: expect.stringContaining("'ghost'"),
    });
    expect((await w.call('GET', '/meetings')).body.pagination.total).toBe(0);
    const held = await meetings.schedule(spec, [w.agents[0], w.agents[1]]);
    expect(held.participant_ids).toEqual([w.agents[0], w.agents[1]]);
    expect((await w.call('GET', '/meetings')).body.data).toEqual([held]);
    expect(await eventTypesSince(from)).toEqual(['meeting.scheduled']);
  });
});
