export { type AppOptions, BODY_LIMIT_BYTES, buildServer, type SynthOrgServer } from './app.ts';
export type { AppContext } from './app-context.ts';
export {
  API_PREFIX,
  resolveDataDir,
  resolveServerSettings,
  type ServerSettings,
  sqlitePathOf,
} from './settings/server-settings.ts';
