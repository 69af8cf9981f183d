import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUser, type TestUser } from '../support/auth.ts';
import { startWorkApi, type WorkApi } from '../support/work-api.ts';
import { connectWs, issueTicket, subscribe, type WsClient } from '../support/ws.ts';

let w: WorkApi;
let manager: TestUser;
let client: WsClient;

beforeAll(async () => {
  w = await startWorkApi();
  manager = await createUser(w.t.baseUrl, w.admin.token, 'manager');
  client = connectWs(w.t.wsUrl, { ticket: await issueTicket(w.t.baseUrl, w.observer.token) });
  await client.opened;
  await subscribe(client, { channels: ['messages'] });
});
afterAll(async () => {
  client.ws.close();
  await w.t.close({ removeData: true });
});

const mark = () => client.mark();
const sentSince = async (from: number) =>
  (await client.eventsSince(from)).filter((m) => m.event_type === 'message.sent');
const total = async (channel: string) =>
  (await w.call('GET', `/messages?channel=${encodeURIComponent(channel)}`)).body.pagination.total;

describe('who a message is from', () => {
  it('is always the caller: another sender is 422 naming the field; nothing stored or sent', async () => {
    const before = await total('#product');
    const from = await mark();
    for (const sender of ['ceo', w.admin.username, w.agents[0]]) {
      const forged = await w.call(
        'POST',
        '/messages',
        { channel: '#product', content: 'do it', sender },
        manager.token,
      );
      expect(forged.status).toBe(422);
      expect(forged.body).toMatchObject({ error_code: 'DOMAIN_RULE_VIOLATION', success: false });
      expect(forged.body.details).toEqual([
        { path: 'body.sender', message: expect.stringContaining(`'${sender}'`) },
      ]);
    }
    expect(await sentSince(from)).toEqual([]);
    expect(await total('#product')).toBe(before);

    const own = await w.call(
      'POST',
      '/messages',
      { channel: '#product', content: 'mine', sender: manager.username },
      manager.token,
    );
    expect(own.status).toBe(201);
    const unnamed = await w.call(
      'POST',
      '/messages',
      { channel: '#product', content: 'x' },
      manager.token,
    );
    expect([own.body.data.sender, unnamed.body.data.sender]).toEqual([
      manager.username,
      manager.username,
    ]);
    expect((await sentSince(from)).map((m) => m.payload.sender)).toEqual([
      manager.username,
      manager.username,
    ]);
  });
});

describe('channel names', () => {
  it('have one form: with or without #, a message lands in the same #channel', async () => {
    const from = await mark();
    for (const channel of ['launch', '#launch', '##launch', ' launch ']) {
      const sent = await w.call('POST', '/messages', { channel, content: channel, to: channel });
      expect(sent.status).toBe(201);
      expect(sent.body.data).toMatchObject({ channel: '#launch', to: '#launch' });
    }
    const events = await sentSince(from);
    expect(events.map((m) => m.payload.channel)).toEqual(Array(4).fill('#launch'));
    const names = (await w.call('GET', '/messages/channels')).body.data.map(
      (c: { name: string }) => c.name,
    );
    expect(names.filter((n: string) => n.replace(/^#/, '') === 'launch')).toEqual(['#launch']);
    expect(await total('launch')).toBe(4);
    expect(await total('#launch')).toBe(4);
    const empty = await w.call('POST', '/messages', { channel: '##', content: 'x' });
    expect(empty.status).toBe(400);
    expect(empty.body.error_code).toBe('VALIDATION_ERROR');
  });

  it('rows stored without # before stay readable under the canonical name', async () => {
    await w.t.server.context.database.db
      .insertInto('messages')
      .values({
        ...(await w.t.server.context.database.db
          .selectFrom('messages')
          .selectAll()
          .where('channel', '=', '#launch')
          .executeTakeFirstOrThrow()),
        id: 'msg-legacy-form',
        channel: 'launch',
      })
      .execute();
    expect(await total('#launch')).toBe(5);
  });
});
