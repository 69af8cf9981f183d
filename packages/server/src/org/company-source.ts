import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { RootConfig } from '@synthorg/shared';

import { ConfigError } from '../config/config-error.ts';
import { discoverConfigFile, type Env, loadConfigText } from '../config/config-loader.ts';
import { AppError } from '../http/app-error.ts';
import { configFromTemplate } from '../templates/template-config.ts';
import { renderTemplate } from '../templates/template-loader.ts';
import type { TemplateVars } from '../templates/template-renderer.ts';
import { findTemplate } from '../templates/template-source.ts';
import { resolveOrg } from './org-resolve.ts';

/** The template a fresh install starts from when no company config file exists. */
export const DEFAULT_TEMPLATE = 'solo_founder';

export interface CompanySource {
  config: RootConfig;
  /** `file:company.yaml`, `template:solo_founder`, … — stored as `company.source`. */
  source: string;
  warnings: string[];
}

/** A company file may itself be a template (top-level `template:`), rendered with defaults. */
function isTemplateText(text: string): boolean {
  return /^template\s*:/m.test(text);
}

/** Loads one company file: a plain config, or a template file rendered with its defaults. */
export async function loadCompanyFile(path: string, env: Env): Promise<CompanySource> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ConfigError([{ file: basename(path), path: '', message: 'file not found' }]);
  }
  if (!isTemplateText(text)) return loadConfigText([{ text, file: basename(path) }], env);
  const rendered = await renderTemplate(await findTemplate(path));
  return {
    config: configFromTemplate(rendered, { env }),
    source: `file:${basename(path)}`,
    warnings: [],
  };
}

/** Renders a template by name (user templates in the data dir shadow built-ins). */
export async function loadCompanyTemplate(
  name: string,
  options: { dataDir: string; env: Env; vars?: TemplateVars },
): Promise<CompanySource> {
  const rendered = await renderTemplate(name, options.vars ?? {}, { dataDir: options.dataDir });
  return {
    config: configFromTemplate(rendered, { env: options.env }),
    source: `template:${rendered.source.key}`,
    warnings: [],
  };
}

/**
 * The company config the server should use: the explicit `configPath` (settings,
 * `SYNTHORG_CONFIG_PATH`), then `<dataDir>/company.yaml`, else the default built-in template.
 * `env` only feeds `${VAR}` substitution.
 */
export async function resolveCompanySource(options: {
  dataDir: string;
  env: Env;
  configPath?: string | undefined;
}): Promise<CompanySource> {
  // Discovery looks only at the explicit path (from settings), never at ambient variables.
  const path = discoverConfigFile({
    dataDir: options.dataDir,
    env: { SYNTHORG_CONFIG_PATH: options.configPath },
  });
  if (path) return loadCompanyFile(path, options.env);
  return loadCompanyTemplate(DEFAULT_TEMPLATE, options);
}

/**
 * The company config for an explicit reload: the configured file (`configPath`, else
 * `<dataDir>/company.yaml`) and nothing else. Unlike a first bootstrap there is no fallback to
 * a built-in template, so a deleted file is a `CONFIG_NOT_FOUND`, never a silent swap of the
 * company for a different one.
 */
export async function resolveReloadSource(options: {
  dataDir: string;
  env: Env;
  configPath?: string | undefined;
}): Promise<CompanySource> {
  const path = options.configPath
    ? resolve(options.configPath)
    : join(options.dataDir, 'company.yaml');
  if (!existsSync(path)) {
    throw new AppError(
      'CONFIG_NOT_FOUND',
      `Company config file '${basename(path)}' not found; nothing was reloaded`,
    );
  }
  return loadCompanyFile(path, options.env);
}

/**
 * Everything the server checks before it would store a company from `path`, without storing
 * anything: parse, env substitution, validation, and model/head resolution. For
 * `synthorg doctor` and `synthorg init`. Throws `ConfigError` naming file, line and field.
 */
export async function checkCompanyFile(
  path: string,
  env: Env,
): Promise<CompanySource & { warnings: string[] }> {
  const loaded = await loadCompanyFile(path, env);
  const org = resolveOrg(loaded.config, basename(path));
  return { ...loaded, warnings: [...loaded.warnings, ...org.warnings] };
}
