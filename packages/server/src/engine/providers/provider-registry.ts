import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

import {
  type ProviderConfig,
  type ProviderModel,
  type ProvidersConfig,
  type ProviderView,
  providerScriptSchema,
} from '@synthorg/shared';
import { parse as parseYaml } from 'yaml';

import { AppError } from '../../http/app-error.ts';
import type { LlmProvider } from './provider-types.ts';
import type { RetryHooks } from './retry.ts';
import { createScriptedProvider } from './scripted-provider.ts';
import { createSdkProvider } from './sdk-provider.ts';

/** The demo script shipped with the product, addressed as `script: builtin:demo`. */
export const DEMO_SCRIPT_PATH = join(import.meta.dirname, 'scripts', 'demo.yaml');

export interface ResolvedModel {
  provider: LlmProvider;
  providerName: string;
  model: ProviderModel;
  scripted: boolean;
}

/** A reference to a model as agents carry it: provider name (or `default`) and id or alias. */
export interface ModelRef {
  provider?: string | undefined;
  model: string;
}

export interface ProviderRegistry {
  /** Finds the model by id or alias; throws `PROVIDER_MODEL_NOT_FOUND` when none matches. */
  resolve(ref: ModelRef): ResolvedModel;
  list(): ProviderView[];
}

function loadScript(path: string, configDir: string) {
  const file = path === 'builtin:demo' ? DEMO_SCRIPT_PATH : path;
  const absolute = isAbsolute(file) ? file : join(configDir, file);
  return providerScriptSchema.parse(parseYaml(readFileSync(absolute, 'utf8')));
}

function buildProvider(
  name: string,
  config: ProviderConfig,
  configDir: string,
  hooks: RetryHooks,
): LlmProvider {
  if (config.driver === 'scripted') {
    if (!config.script) {
      throw new AppError('PROVIDER_CONFIG_INVALID', `provider ${name}: scripted needs 'script'`);
    }
    return createScriptedProvider(name, loadScript(config.script, configDir));
  }
  if (config.driver === 'openai_compatible' && !config.base_url) {
    throw new AppError('PROVIDER_CONFIG_INVALID', `provider ${name}: base_url is required`);
  }
  return createSdkProvider(name, config, hooks);
}

function matches(model: ProviderModel, wanted: string): boolean {
  return model.id === wanted || model.alias === wanted;
}

/**
 * Builds one provider per configured entry and resolves model references (tier aliases such
 * as `medium` included) to a provider and priced model.
 */
export function createProviderRegistry(
  config: ProvidersConfig,
  options: { configDir?: string; retryHooks?: RetryHooks } = {},
): ProviderRegistry {
  const configDir = options.configDir ?? process.cwd();
  const entries = Object.entries(config).map(([name, providerConfig]) => ({
    name,
    config: providerConfig,
    provider: buildProvider(name, providerConfig, configDir, options.retryHooks ?? {}),
  }));

  return {
    resolve(ref) {
      const named = entries.filter((entry) => entry.name === ref.provider);
      const pool = named.length > 0 ? named : entries;
      for (const entry of pool) {
        const model = entry.config.models.find((candidate) => matches(candidate, ref.model));
        if (model) {
          const scripted = entry.config.driver === 'scripted';
          return { provider: entry.provider, providerName: entry.name, model, scripted };
        }
      }
      throw new AppError(
        'PROVIDER_MODEL_NOT_FOUND',
        `no configured provider offers model '${ref.model}'`,
      );
    },
    list: () =>
      entries.map(({ name, config: c }) => ({
        name,
        driver: c.driver,
        scripted: c.driver === 'scripted',
        base_url: c.base_url ?? null,
        has_api_key: Boolean(c.api_key),
        models: c.models,
      })),
  };
}
