import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type LuaArg = string | number;

/** A Lua script run by its SHA1, loaded on the first NOSCRIPT (and again after a restart). */
export interface LuaScript {
  run(redis: Redis, keys: string[], args: LuaArg[]): Promise<unknown>;
}

export function createLuaScript(source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return {
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return redis.eval(source, keys.length, ...keys, ...args);
      }
    },
  };
}
