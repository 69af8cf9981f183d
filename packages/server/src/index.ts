export { type AppOptions, BODY_LIMIT_BYTES, buildServer, type SynthOrgServer } from './app.ts';
export type { AppContext } from './app-context.ts';
export { ConfigError } from './config/config-error.ts';
export { loadConfigFile } from './config/config-loader.ts';
export { drainRequest } from './http/drain.ts';
export {
  checkCompanyFile,
  loadCompanyFile,
  loadCompanyTemplate,
} from './org/company-source.ts';
export {
  API_PREFIX,
  resolveDataDir,
  resolveServerSettings,
  type ServerSettings,
  sqlitePathOf,
} from './settings/server-settings.ts';
export { configFromTemplate } from './templates/template-config.ts';
export { renderTemplate } from './templates/template-loader.ts';
export { BUILTIN_TEMPLATE_NAMES, listTemplateSources } from './templates/template-source.ts';
