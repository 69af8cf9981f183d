import { randomBytes } from 'node:crypto';

import type { Logger } from '../logging/logger.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import { AUTH_EVENTS } from './auth-events.ts';

export const JWT_SECRET_MIN_LENGTH = 32;

/**
 * The HS256 key: `SYNTHORG_JWT_SECRET` when set (too short fails startup), else the value
 * stored under `system/jwt_secret`, generated on first start. Every instance sharing the
 * database therefore signs with the same key.
 */
export async function resolveJwtSecret(
  configured: string | undefined,
  settingsStore: SettingsStore,
  log: Logger,
): Promise<string> {
  const explicit = configured?.trim();
  if (explicit !== undefined && explicit !== '') {
    if (explicit.length < JWT_SECRET_MIN_LENGTH) {
      throw new Error(
        `SYNTHORG_JWT_SECRET must be at least ${JWT_SECRET_MIN_LENGTH} characters long`,
      );
    }
    return explicit;
  }
  const generated = randomBytes(48).toString('base64url');
  const stored = await settingsStore.getOrInit('system', 'jwt_secret', generated);
  if (stored.length >= JWT_SECRET_MIN_LENGTH) {
    if (stored === generated) log.info({ event: AUTH_EVENTS.secretGenerated }, 'JWT key created');
    return stored;
  }
  await settingsStore.set('system', 'jwt_secret', generated);
  log.warn({ event: AUTH_EVENTS.secretGenerated, replaced: true }, 'short JWT key replaced');
  return generated;
}
