import type { AuthService } from './auth/auth-service.ts';
import type { SessionRevocations } from './auth/session-revocations.ts';
import type { UserService } from './auth/user-service.ts';
import type { DatabaseHandle } from './db/database.ts';
import type { Logger } from './logging/logger.ts';
import type { ServerSettings } from './settings/server-settings.ts';
import type { SettingsStore } from './settings/settings-store.ts';
import type { EventHub } from './ws/event-hub.ts';

/**
 * The services of one running server, built once by the composition root (`app.ts`) and
 * handed to the route plugins that need them. Nothing here is a module-level singleton.
 */
export interface AppContext {
  settings: ServerSettings;
  log: Logger;
  database: DatabaseHandle;
  settingsStore: SettingsStore;
  auth: AuthService;
  users: UserService;
  /** Announces ended sessions (logout, password change, disabled) to the WebSocket layer. */
  sessionRevocations: SessionRevocations;
  /** Where services publish committed changes: `context.events.publish(type, payload)`. */
  events: EventHub;
}
