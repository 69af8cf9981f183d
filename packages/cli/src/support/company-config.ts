import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { RootConfig } from '@synthorg/shared';
import { stringify } from 'yaml';

import { CliError } from './cli-error.ts';
import { layoutOf } from './paths.ts';

export const DEFAULT_TEMPLATE = 'startup';
/** The company `start --demo` writes on a fresh data dir: one agent, easy to follow live. */
export const DEMO_TEMPLATE = 'solo_founder';
export const DEFAULT_COMPANY_NAME = 'My Company';

/** The LLM the company talks to; `scripted` replays the built-in demo script offline. */
export type ProviderChoice =
  | { driver: 'scripted' }
  | {
      driver: 'openai_compatible' | 'openai' | 'anthropic';
      baseUrl?: string;
      /** Stored as written: a `${ENV_VAR}` reference stays a reference. */
      apiKey?: string;
      models: { large: string; medium: string; small: string };
    };

export interface CompanyChoice {
  companyName: string;
  template: string;
  provider: ProviderChoice;
}

const TIERS = ['large', 'medium', 'small'] as const;

function providersOverlay(provider: ProviderChoice): Record<string, unknown> {
  if (provider.driver === 'scripted') {
    const models = TIERS.map((alias) => ({ id: `scripted-${alias}`, alias }));
    return { demo: { driver: 'scripted', script: 'builtin:demo', models } };
  }
  const entry: Record<string, unknown> = {
    driver: provider.driver,
    models: TIERS.map((alias) => ({ id: provider.models[alias], alias })),
  };
  if (provider.baseUrl) entry.base_url = provider.baseUrl;
  if (provider.apiKey) entry.api_key = provider.apiKey;
  return { default: entry };
}

function failure(error: unknown): CliError {
  const text = error instanceof Error ? error.message : String(error);
  return new CliError(text.split('\n')[0] ?? text);
}

/** Renders `choice.template` into a validated company config and returns it as YAML. */
export async function renderCompanyConfig(choice: CompanyChoice, dataDir: string): Promise<string> {
  const { configFromTemplate, renderTemplate } = await import('@synthorg/server');
  try {
    const rendered = await renderTemplate(
      choice.template,
      { company_name: choice.companyName },
      { dataDir },
    );
    const config = configFromTemplate(rendered, {
      env: process.env,
      overlay: { company_name: choice.companyName, providers: providersOverlay(choice.provider) },
    });
    const header = `# SynthOrg company config from template '${choice.template}', written by synthorg init.\n`;
    return header + stringify(config);
  } catch (error) {
    throw failure(error);
  }
}

/**
 * Writes the company config (mode 0600). An existing file is only replaced with `replace`,
 * and then kept beside it as `company.yaml.bak`: a user's edits are never silently lost.
 */
export function writeCompanyConfig(dataDir: string, yaml: string, replace: boolean): void {
  const path = layoutOf(dataDir).config;
  if (existsSync(path)) {
    if (!replace) throw new CliError(`config ${path} exists; pass --force to replace it`);
    copyFileSync(path, `${path}.bak`);
  }
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, yaml, { mode: 0o600 });
  renameSync(temp, path);
}

/** Loads the config as the server will and fails with its first issue on one line. */
export async function checkCompanyConfig(dataDir: string): Promise<RootConfig> {
  const { loadCompanyFile } = await import('@synthorg/server');
  const path = layoutOf(dataDir).config;
  try {
    readFileSync(path);
    return (await loadCompanyFile(path, process.env)).config;
  } catch (error) {
    throw new CliError(`config ${path} is invalid: ${failure(error).message}`);
  }
}
