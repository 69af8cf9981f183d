import { createHash, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * The original's cost parameters. The algorithm is the library's default, Argon2id (its enum
 * is a `const enum`, which type stripping cannot read). The addon hashes off the event loop.
 */
const ARGON2_OPTIONS = {
  timeCost: 3,
  memoryCost: 65536,
  parallelism: 4,
  outputLen: 32,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of no real password, verified against when the username is unknown, so a login for
 * a missing user costs the same time as one with a wrong password.
 */
export function createDummyHash(): Promise<string> {
  return hashPassword('no user has this password; it only equalises login timing');
}

/** First 16 hex chars of SHA-256 over the stored hash; embedded in tokens as `pwd_sig`. */
export function passwordSignature(storedHash: string): string {
  return createHash('sha256').update(storedHash).digest('hex').slice(0, 16);
}

export function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
