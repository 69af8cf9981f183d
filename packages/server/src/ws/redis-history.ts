import { randomUUID } from 'node:crypto';
import type { Channel, WsEvent } from '@synthorg/shared';
import type { Redis } from 'ioredis';

import { BUS_TAGS } from '../redis/bus-message.ts';
import { createLuaScript } from '../redis/lua-script.ts';
import { redisReachable } from '../redis/redis-connection.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import type { HistoryRead, HistoryStore } from './history-store.ts';

/**
 * KEYS: stream, meta. ARGV[1]: a fresh epoch, used only when the channel has none. A stream
 * that vanished (Redis restarted without persistence, key deleted) gets a new epoch and starts
 * again at offset 1, so clients holding old positions are told to resync. The `0-1` entry
 * makes the stream exist before its first event.
 */
const ENSURE_EPOCH = `local epoch = redis.call('HGET', KEYS[2], 'epoch')
if (not epoch) or redis.call('EXISTS', KEYS[1]) == 0 then
  epoch = ARGV[1]
  redis.call('DEL', KEYS[1], KEYS[2])
  redis.call('HSET', KEYS[2], 'epoch', epoch, 'seq', 0)
  redis.call('XADD', KEYS[1], '0-1', 'created', epoch)
end`;

/**
 * ARGV[2]: the draft's JSON, ARGV[3]: max length, ARGV[4]: bus channel. The offset is the
 * entry id, and the event is published by the same script, so the bus carries every channel's
 * events in offset order even when several instances publish at once.
 */
const APPEND = createLuaScript(`${ENSURE_EPOCH}
local id = redis.call('HINCRBY', KEYS[2], 'seq', 1)
local event = '{"id":' .. id .. ',"epoch":"' .. epoch .. '",' .. string.sub(ARGV[2], 2)
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], id .. '-0', 'e', event)
redis.call('PUBLISH', ARGV[4], '${BUS_TAGS.event}' .. event)
return {id, epoch}`);

/**
 * ARGV[2]: offset to read after ('' for the head only), ARGV[3]: its epoch. Replies
 * {epoch, head offset, resync 0/1, event JSON…}. Covered means the entry right after the
 * offset is still in the (approximately trimmed) stream.
 */
const READ = createLuaScript(`${ENSURE_EPOCH}
local seq = tonumber(redis.call('HGET', KEYS[2], 'seq'))
if ARGV[2] == '' then return {epoch, seq, 0} end
local after = tonumber(ARGV[2])
if ARGV[3] ~= epoch or after > seq or after < 0 then return {epoch, seq, 1} end
if after == seq then return {epoch, seq, 0} end
local from = (after + 1) .. '-0'
local entries = redis.call('XRANGE', KEYS[1], from, '+')
if (not entries[1]) or entries[1][1] ~= from then return {epoch, seq, 1} end
local reply = {epoch, seq, 0}
for _, entry in ipairs(entries) do reply[#reply + 1] = entry[2][2] end
return reply`);

/**
 * History in Redis Streams, one stream per channel: offsets are assigned atomically across
 * instances, and each append is published on the bus channel in the same step (`fansOut`).
 */
export function createRedisHistory(deps: {
  redis: Redis;
  keys: RedisKeys;
  capacity: number;
}): HistoryStore {
  const { redis, keys, capacity } = deps;
  const keysOf = (channel: Channel) => [keys.history(channel), keys.historyMeta(channel)];

  return {
    fansOut: true,
    async append(draft) {
      const [id, epoch] = (await APPEND.run(redis, keysOf(draft.channel), [
        randomUUID(),
        JSON.stringify(draft),
        capacity,
        keys.bus(),
      ])) as [number, string];
      return { id, epoch, ...draft };
    },
    async read(channel, after): Promise<HistoryRead> {
      const reply = (await READ.run(redis, keysOf(channel), [
        randomUUID(),
        after ? after.offset : '',
        after ? after.epoch : '',
      ])) as [string, number, number, ...string[]];
      const [epoch, offset, resync, ...events] = reply;
      return {
        head: { offset, epoch },
        events: events.map((json) => JSON.parse(json) as WsEvent),
        resync: resync === 1,
      };
    },
    healthy: () => redisReachable(redis),
    async close() {},
  };
}
