import type { WsEvent } from '@synthorg/shared';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisLoginLockout } from '../../src/auth/redis-login-lockout.ts';
import type { SessionRevocation } from '../../src/auth/session-revocations.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createRedisKeys, type RedisKeys } from '../../src/redis/redis-keys.ts';
import { createRedisBus } from '../../src/ws/redis-bus.ts';
import { createRedisHistory } from '../../src/ws/redis-history.ts';
import { createRedisTicketStore } from '../../src/ws/redis-ticket-store.ts';
import type { TicketOwner } from '../../src/ws/ticket-store.ts';
import { createTestRedis, type TestRedis } from '../support/redis.ts';

const owner = (userId: string): TicketOwner => ({
  userId,
  username: `name-${userId}`,
  role: 'ceo',
  tokenId: 'jti-1',
  passwordSignature: 'sig',
});
const draft = (n: number) => ({
  event_type: 'task.created' as const,
  channel: 'tasks' as const,
  timestamp: new Date(0).toISOString(),
  payload: { n },
});
const log = createLogger({ level: 'silent' });

describe('Redis stores against a real Redis', () => {
  let t: TestRedis;
  let keys: RedisKeys;
  beforeEach(async () => {
    t = await createTestRedis();
    keys = createRedisKeys(t.prefix);
  });
  afterEach(() => t.cleanup());

  describe('tickets', () => {
    it('redeems a ticket once, reports a late one as expired, and never stores its value', async () => {
      const store = createRedisTicketStore({ redis: t.redis, keys });
      await store.issue('ticket-valid', owner('u1'), 30_000, 5);
      await store.issue('ticket-late', owner('u1'), 1, 5);
      await new Promise((resolve) => setTimeout(resolve, 5));

      expect(JSON.stringify(await t.keys())).not.toContain('ticket-valid');
      expect(await store.consume('ticket-valid')).toEqual({ status: 'valid', owner: owner('u1') });
      expect(await store.consume('ticket-valid')).toEqual({ status: 'not_found' });
      const late = await store.consume('ticket-late');
      expect(late).toMatchObject({ status: 'expired', owner: owner('u1') });
      expect(await store.consume('ticket-late')).toEqual({ status: 'not_found' });
    });

    it('gives exactly one winner among many concurrent redemptions on separate connections', async () => {
      const connections = Array.from({ length: 4 }, () => new Redis(t.url));
      try {
        const stores = connections.map((redis) => createRedisTicketStore({ redis, keys }));
        for (let round = 0; round < 20; round++) {
          await stores[0]?.issue(`race-${round}`, owner('u2'), 30_000, 5);
          const results = await Promise.all(stores.map((s) => s.consume(`race-${round}`)));
          expect(results.filter((r) => r.status === 'valid')).toHaveLength(1);
          expect(results.filter((r) => r.status === 'not_found')).toHaveLength(3);
        }
      } finally {
        for (const redis of connections) redis.disconnect();
      }
    });

    it('caps pending tickets per user, answers the wait for the oldest, frees a slot on redemption', async () => {
      const store = createRedisTicketStore({ redis: t.redis, keys });
      for (let i = 0; i < 5; i++) {
        expect(await store.issue(`cap-${i}`, owner('u3'), 30_000, 5)).toEqual({ issued: true });
      }
      const refused = await store.issue('cap-5', owner('u3'), 30_000, 5);
      expect(refused.issued).toBe(false);
      if (!refused.issued) {
        expect(refused.retryAfterMs).toBeGreaterThan(0);
        expect(refused.retryAfterMs).toBeLessThanOrEqual(30_000);
      }
      expect(await store.issue('other-user', owner('u4'), 30_000, 5)).toEqual({ issued: true });
      await store.consume('cap-0');
      expect(await store.issue('cap-6', owner('u3'), 30_000, 5)).toEqual({ issued: true });
    });

    it('purges expired entries of the pending sets', async () => {
      const store = createRedisTicketStore({ redis: t.redis, keys });
      // Issuing prunes the user's own expired entries, so the long one goes first.
      await store.issue('long', owner('u6'), 30_000, 5);
      await store.issue('short-1', owner('u5'), 1, 5);
      await store.issue('short-2', owner('u6'), 1, 5);
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(await store.purgeExpired()).toEqual({ removed: 2, remaining: 1 });
    });
  });

  describe('history', () => {
    it('numbers appends from several connections without gaps or repeats, in one epoch', async () => {
      const other = new Redis(t.url);
      try {
        const histories = [t.redis, other].map((redis) =>
          createRedisHistory({ redis, keys, capacity: 1000 }),
        );
        const appended = await Promise.all(
          Array.from({ length: 40 }, (_, i) => histories[i % 2]?.append(draft(i))),
        );
        const ids = appended.map((e) => e?.id).sort((x = 0, y = 0) => x - y);
        expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        expect(new Set(appended.map((e) => e?.epoch)).size).toBe(1);

        const read = await histories[1]?.read('tasks', {
          offset: 30,
          epoch: appended[0]?.epoch ?? '',
        });
        expect(read?.resync).toBe(false);
        expect(read?.head.offset).toBe(40);
        expect(read?.events.map((e) => e.id)).toEqual([31, 32, 33, 34, 35, 36, 37, 38, 39, 40]);
      } finally {
        other.disconnect();
      }
    });

    it('answers resync for a trimmed gap, a future offset and another epoch; nothing for the head', async () => {
      const history = createRedisHistory({ redis: t.redis, keys, capacity: 100 });
      let last: WsEvent | undefined;
      for (let i = 0; i < 400; i++) last = await history.append(draft(i));
      const epoch = last?.epoch ?? '';

      expect((await history.read('tasks', { offset: 1, epoch })).resync).toBe(true);
      expect((await history.read('tasks', { offset: 401, epoch })).resync).toBe(true);
      expect((await history.read('tasks', { offset: 399, epoch: 'other' })).resync).toBe(true);
      expect(await history.read('tasks', { offset: 400, epoch })).toEqual({
        head: { offset: 400, epoch },
        events: [],
        resync: false,
      });
      const recent = await history.read('tasks', { offset: 350, epoch });
      expect(recent.resync).toBe(false);
      expect(recent.events.map((e) => e.payload.n)).toEqual(
        Array.from({ length: 50 }, (_, i) => 350 + i),
      );
      // Approximate trimming keeps at least the capacity and not much more.
      const length = await t.redis.xlen(keys.history('tasks'));
      expect(length).toBeGreaterThanOrEqual(100);
      expect(length).toBeLessThan(400);
    });

    it('starts a new epoch at offset 1 when the stream vanishes', async () => {
      const history = createRedisHistory({ redis: t.redis, keys, capacity: 1000 });
      const first = await history.append(draft(1));
      const head = (await history.read('tasks')).head;
      expect(head).toEqual({ offset: first.id, epoch: first.epoch });

      await t.redis.del(keys.history('tasks'));
      const read = await history.read('tasks', head);
      expect(read.resync).toBe(true);
      expect(read.head.offset).toBe(0);
      expect(read.head.epoch).not.toBe(first.epoch);
      const next = await history.append(draft(2));
      expect(next).toMatchObject({ id: 1, epoch: read.head.epoch });
    });
  });

  describe('bus', () => {
    it('carries events to every instance and revocations to the others once', async () => {
      const subscribers = [new Redis(t.url), new Redis(t.url)];
      const [one, two] = subscribers.map((subscriber) =>
        createRedisBus({ redis: t.redis, subscriber, keys, log, recover: async () => [] }),
      );
      if (!one || !two) throw new Error('two buses expected');
      try {
        const seen = { one: [] as unknown[], two: [] as unknown[] };
        const revoked = { one: [] as SessionRevocation[], two: [] as SessionRevocation[] };
        one.subscribe((e) => seen.one.push(e.payload));
        two.subscribe((e) => seen.two.push(e.payload));
        one.onRevocation((r) => revoked.one.push(r));
        two.onRevocation((r) => revoked.two.push(r));
        expect(await one.healthy()).toBe(true);
        expect(await two.healthy()).toBe(true);

        const history = createRedisHistory({ redis: t.redis, keys, capacity: 10 });
        await history.append(draft(7));
        const revocation: SessionRevocation = { userId: 'u', tokenId: 'j', reason: 'logout' };
        await one.revoke(revocation);
        await expect.poll(() => revoked.two).toEqual([revocation]);
        await expect.poll(() => seen.two).toEqual([{ n: 7 }]);
        expect(seen.one).toEqual([{ n: 7 }]);
        expect(revoked.one).toEqual([revocation]);
      } finally {
        await one.close();
        await two.close();
        for (const subscriber of subscribers) subscriber.disconnect();
      }
    });
  });

  describe('login lockout', () => {
    it('shares failures between instances and clears a user on success', async () => {
      const options = { maxFailuresPerUser: 3, maxFailuresPerAddress: 5, windowMs: 60_000 };
      const other = new Redis(t.url);
      try {
        const [a, b] = [t.redis, other].map((redis) =>
          createRedisLoginLockout({ redis, keys }, options),
        );
        if (!a || !b) throw new Error('two lockouts expected');
        for (let i = 0; i < 3; i++) await (i % 2 ? a : b).recordFailure('ada', '10.0.0.1');
        const wait = await b.retryAfter('ada', '10.0.0.2');
        expect(wait).toBeGreaterThan(0);
        expect(wait).toBeLessThanOrEqual(60);
        expect(await a.retryAfter('bob', '10.0.0.2')).toBe(0);
        await a.recordSuccess('ada');
        expect(await b.retryAfter('ada', '10.0.0.2')).toBe(0);
        for (let i = 0; i < 2; i++) await a.recordFailure(`x${i}`, '10.0.0.1');
        expect(await b.retryAfter('carol', '10.0.0.1')).toBeGreaterThan(0);
      } finally {
        other.disconnect();
      }
    });
  });
});
