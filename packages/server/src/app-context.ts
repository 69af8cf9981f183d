import type { DatabaseHandle } from './db/database.ts';
import type { Logger } from './logging/logger.ts';
import type { ServerSettings } from './settings/server-settings.ts';
import type { SettingsStore } from './settings/settings-store.ts';

/**
 * The services of one running server, built once by the composition root (`app.ts`) and
 * handed to the route plugins that need them. Nothing here is a module-level singleton.
 */
export interface AppContext {
  settings: ServerSettings;
  log: Logger;
  database: DatabaseHandle;
  settingsStore: SettingsStore;
}
