import { WS_ERRORS, wsServerMessageSchema } from '@synthorg/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setupAdmin, type TestUser } from '../support/auth.ts';
import type { Json } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { connectWs, issueTicket, publishRaw, subscribe, type WsClient } from '../support/ws.ts';

const channelName = fc.oneof(
  fc.constantFrom('tasks', 'agents', 'budget', 'messages', 'system', 'approvals', 'meetings'),
  fc.string({ maxLength: 12 }),
);
const loose = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));

/** Frames a confused or hostile client might send: protocol-shaped, mangled or plain noise. */
const frame = fc.oneof(
  fc
    .record(
      {
        action: fc.oneof(
          fc.constantFrom('subscribe', 'unsubscribe', 'ping', 'auth'),
          fc.string({ maxLength: 80 }),
        ),
        channels: fc.oneof(fc.array(channelName, { maxLength: 9 }), loose),
        filters: fc.oneof(
          fc.dictionary(
            fc.string({ maxLength: 8 }),
            fc.oneof(loose, fc.string({ maxLength: 300 })),
            { maxKeys: 12 },
          ),
          loose,
        ),
        since: fc.oneof(
          fc.dictionary(
            channelName,
            fc.record({
              offset: fc.integer({ min: -2, max: 50 }),
              epoch: fc.string({ maxLength: 8 }),
            }),
          ),
          loose,
        ),
        ticket: fc.string({ maxLength: 50 }),
      },
      { requiredKeys: [] },
    )
    .map((body) => JSON.stringify(body)),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 200 }),
  fc.string({ minLength: 4097, maxLength: 5000 }),
);

const isPrimaryReply = (m: Json) =>
  typeof m.error === 'string' || ['subscribed', 'unsubscribed', 'pong'].includes(m.action);

describe('the protocol under arbitrary client frames', () => {
  let t: TestServer;
  let admin: TestUser;
  let neighbour: WsClient;
  let published = 0;

  const open = async () => {
    const client = connectWs(t.wsUrl, { ticket: await issueTicket(t.baseUrl, admin.token) });
    await client.opened;
    return client;
  };

  beforeAll(async () => {
    t = await startTestServer();
    admin = await setupAdmin(t.baseUrl);
    neighbour = await open();
    await subscribe(neighbour, { channels: ['tasks'] });
  });
  afterAll(async () => {
    neighbour.ws.close();
    await t.close({ removeData: true });
  });

  it('answers every frame with exactly one valid reply, stays open, and spares the neighbour', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 25 }), async (frames) => {
        const fuzzer = await open();
        for (const text of frames) fuzzer.send(text);
        await fuzzer.barrier();

        for (const message of fuzzer.messages)
          expect(wsServerMessageSchema.safeParse(message).success).toBe(true);
        expect(fuzzer.messages.filter(isPrimaryReply)).toHaveLength(frames.length + 1);
        expect(fuzzer.ws.readyState).toBe(fuzzer.ws.OPEN);

        publishRaw(t.server.context.events, 'task.updated', { n: published++ });
        await neighbour.next((m) => m.payload?.n === published - 1);
        fuzzer.ws.close();
        await fuzzer.closed;
      }),
      { numRuns: 30 },
    );
    expect(neighbour.events().map((e) => e.payload.n)).toEqual(
      Array.from({ length: published }, (_, i) => i),
    );
  }, 120_000);

  it('replies with the documented error texts and keeps the socket open', async () => {
    const client = await open();
    const cases: [string | Buffer, string][] = [
      ['x'.repeat(4097), WS_ERRORS.tooLarge],
      ['{not json', WS_ERRORS.invalidJson],
      ['[1,2]', WS_ERRORS.notObject],
      ['{"action":"subscribe","filters":[]}', WS_ERRORS.filtersNotObject],
      ['{"action":"subscribe","channels":"tasks"}', WS_ERRORS.channelsNotStrings],
      [
        JSON.stringify({
          action: 'subscribe',
          channels: ['tasks'],
          filters: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i])),
        }),
        WS_ERRORS.filterBounds,
      ],
      [
        JSON.stringify({
          action: 'subscribe',
          channels: ['tasks'],
          filters: { k: 'v'.repeat(257) },
        }),
        WS_ERRORS.filterBounds,
      ],
      [
        '{"action":"subscribe","channels":["tasks"],"since":{"tasks":{"offset":-1}}}',
        WS_ERRORS.invalidSince,
      ],
      ['{"action":"dance"}', WS_ERRORS.unknownAction],
      ['{"action":"auth","ticket":"again"}', WS_ERRORS.alreadyAuthenticated],
      [Buffer.from([1, 2, 3]), WS_ERRORS.binaryFrame],
    ];
    for (const [payload, error] of cases) {
      const from = client.messages.length;
      client.ws.send(payload);
      expect(await client.next(() => true, { from })).toEqual({ error });
    }
    await client.barrier();
    client.ws.close();
  });

  it('closes a flooding client with 4008 and keeps serving the neighbour', async () => {
    const flooder = await open();
    for (let i = 0; i < 200; i++) flooder.send({ action: 'ping' });
    expect(await flooder.closed).toEqual({ code: 4008, reason: 'rate_limited' });
    publishRaw(t.server.context.events, 'task.updated', { n: published++ });
    await neighbour.next((m) => m.payload?.n === published - 1);
  });
});
