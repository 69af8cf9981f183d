import type {
  ProviderConfig,
  ProviderModel,
  ProvidersConfig,
  ProviderView,
} from '@synthorg/shared';
import type { Kysely } from 'kysely';

import { ConfigError } from '../config/config-error.ts';
import type { Env } from '../config/config-loader.ts';
import { substituteString } from '../config/env-substitution.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import { providerFromRow } from './org-rows.ts';

export interface ProvidersService {
  /** Views with every secret removed, in config order. */
  list(): Promise<ProviderView[]>;
  get(name: string): Promise<ProviderView>;
  models(name: string): Promise<ProviderModel[]>;
  /**
   * The stored provider entries with `${VAR}` references in `api_key` resolved from `env`:
   * what the runtime builds its clients from. Never returned by the API or logged.
   */
  resolvedConfig(env: Env): Promise<ProvidersConfig>;
}

/** The API's view of a provider: never the key, only whether one is configured. */
export function providerView(name: string, config: ProviderConfig): ProviderView {
  return {
    name,
    driver: config.driver,
    scripted: config.driver === 'scripted',
    base_url: config.base_url ?? null,
    has_api_key: Boolean(config.api_key),
    models: config.models,
  };
}

function resolveSecret(name: string, config: ProviderConfig, env: Env): ProviderConfig {
  if (!config.api_key) return config;
  const { value, missing } = substituteString(config.api_key, env);
  if (missing.length > 0) {
    throw new ConfigError([
      {
        file: 'providers',
        path: `providers.${name}.api_key`,
        message: `environment variable ${missing.join(', ')} is not set and has no default`,
      },
    ]);
  }
  return { ...config, api_key: value };
}

export function createProvidersService(deps: { db: Kysely<DatabaseSchema> }): ProvidersService {
  const { db } = deps;
  const all = async () =>
    (await db.selectFrom('providers').selectAll().orderBy('position').execute()).map(
      providerFromRow,
    );
  const one = async (name: string) => {
    const row = await db
      .selectFrom('providers')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `Provider '${name}' not found`);
    return providerFromRow(row);
  };

  return {
    async list() {
      return (await all()).map(([name, config]) => providerView(name, config));
    },
    async get(name) {
      return providerView(...(await one(name)));
    },
    async models(name) {
      return (await one(name))[1].models;
    },
    async resolvedConfig(env) {
      const entries = await all();
      return Object.fromEntries(
        entries.map(([name, config]) => [name, resolveSecret(name, config, env)]),
      );
    },
  };
}
