import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { ACCEPTED_UNUSED_KEYS, type RootConfig, rootConfigSchema } from '@synthorg/shared';

import { ConfigError, type ConfigIssue } from './config-error.ts';
import { deepMerge, isPlainObject } from './deep-merge.ts';
import { substituteEnv } from './env-substitution.ts';
import { type LocatedYaml, parseLocatedYaml } from './yaml-document.ts';

export type Env = Record<string, string | undefined>;

/** What every config starts from before the file is merged on top (as in the original). */
export const CONFIG_DEFAULTS = { company_name: 'SynthOrg' } as const;

export interface LoadedConfig {
  config: RootConfig;
  /** Problems that do not stop loading, e.g. an unknown top-level key (likely a typo). */
  warnings: string[];
  /** Where it came from, for logs and `company.source`. */
  source: string;
}

export interface YamlSource {
  text: string;
  /** Shown in errors; a file name, never an absolute path of the machine. */
  file: string;
}

const KNOWN_TOP_LEVEL = new Set<string>([
  ...Object.keys(rootConfigSchema.shape),
  ...ACCEPTED_UNUSED_KEYS,
]);

/** Secrets are stored as the reference the user wrote (`${OPENAI_API_KEY}`), not resolved. */
const isProviderSecret = (path: ReadonlyArray<string | number>) =>
  path.length === 3 && path[0] === 'providers' && path[2] === 'api_key';

function unknownKeyWarnings(value: unknown, file: string): string[] {
  if (!isPlainObject(value)) return [];
  return Object.keys(value)
    .filter((key) => !KNOWN_TOP_LEVEL.has(key))
    .map((key) => `${file}: unknown top-level key '${key}' is ignored`);
}

/**
 * The original has two monthly budgets (`config.budget_monthly`, set by templates, and
 * `budget.total_monthly`, used by enforcement). We keep one number: whichever is given fills
 * the other; when both are given, `budget.total_monthly` wins.
 */
function unifyMonthlyBudget(raw: unknown): unknown {
  if (!isPlainObject(raw)) return raw;
  const config = isPlainObject(raw.config) ? raw.config : {};
  const budget = isPlainObject(raw.budget) ? raw.budget : {};
  const total = budget.total_monthly ?? config.budget_monthly;
  if (total === undefined) return raw;
  return {
    ...raw,
    config: { ...config, budget_monthly: total },
    budget: { ...budget, total_monthly: total },
  };
}

/**
 * Validates a merged raw config. Each zod issue is placed in the last file that defines the
 * field (overrides win), else at the deepest existing parent in the primary file.
 */
export function validateRootConfig(raw: unknown, docs: LocatedYaml[], label: string): RootConfig {
  const result = rootConfigSchema.safeParse(unifyMonthlyBudget(raw));
  if (result.success) return result.data;
  const issues: ConfigIssue[] = result.error.issues.map((issue) => {
    const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
    for (const doc of [...docs].reverse()) {
      const placed = doc.locate(path, issue.message);
      if (placed.path === path.join('.') && placed.line !== undefined) return placed;
    }
    const primary = docs[0];
    return primary ? primary.locate(path, issue.message) : { file: label, path: '', message: '' };
  });
  throw new ConfigError(issues);
}

/**
 * Loads a company config from YAML text: defaults ← primary ← each override (deep merge),
 * `${VAR:-default}` substitution, then validation. Every error names file, line and field.
 */
export function loadConfigText(sources: YamlSource[], env: Env): LoadedConfig {
  const docs = sources.map((source) => parseLocatedYaml(source.text, source.file));
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  let merged: unknown = { ...CONFIG_DEFAULTS };
  for (const doc of docs) {
    if (doc.value !== null && !isPlainObject(doc.value)) {
      throw new ConfigError([doc.locate([], 'the document must be a mapping of keys')]);
    }
    const substituted = substituteEnv(doc.value ?? {}, {
      env,
      keepVerbatim: isProviderSecret,
      report: (path, message) => doc.locate(path, message),
    });
    issues.push(...substituted.issues);
    warnings.push(...unknownKeyWarnings(substituted.value, doc.file));
    merged = deepMerge(merged, substituted.value);
  }
  if (issues.length > 0) throw new ConfigError(issues);
  const label = sources.map((s) => s.file).join(' + ');
  return { config: validateRootConfig(merged, docs, label), warnings, source: `file:${label}` };
}

async function readSource(path: string): Promise<YamlSource> {
  try {
    return { text: await readFile(path, 'utf8'), file: basename(path) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ConfigError([{ file: basename(path), path: '', message: 'file not found' }]);
    }
    throw error;
  }
}

/** Reads and loads a config file plus optional override files, in order. */
export async function loadConfigFile(
  path: string,
  options: { env: Env; overrides?: string[] },
): Promise<LoadedConfig> {
  const sources = [await readSource(path)];
  for (const override of options.overrides ?? []) sources.push(await readSource(override));
  return loadConfigText(sources, options.env);
}

/**
 * Where a company config is looked for, in order: `SYNTHORG_CONFIG_PATH`, then
 * `<dataDir>/company.yaml`, then (for tools run inside a project) `./synthorg.yaml` and
 * `./config/synthorg.yaml` under `cwd` when given.
 */
export function configCandidates(options: { dataDir: string; env: Env; cwd?: string }): string[] {
  const candidates: string[] = [];
  if (options.env.SYNTHORG_CONFIG_PATH) candidates.push(resolve(options.env.SYNTHORG_CONFIG_PATH));
  candidates.push(join(options.dataDir, 'company.yaml'));
  if (options.cwd) {
    candidates.push(
      join(options.cwd, 'synthorg.yaml'),
      join(options.cwd, 'config', 'synthorg.yaml'),
    );
  }
  return candidates;
}

/** The first existing candidate; an explicit `SYNTHORG_CONFIG_PATH` must exist. */
export function discoverConfigFile(options: {
  dataDir: string;
  env: Env;
  cwd?: string;
}): string | undefined {
  const candidates = configCandidates(options);
  const explicit = options.env.SYNTHORG_CONFIG_PATH;
  if (explicit && !existsSync(resolve(explicit))) {
    throw new ConfigError([
      { file: basename(explicit), path: '', message: 'SYNTHORG_CONFIG_PATH names a missing file' },
    ]);
  }
  return candidates.find((candidate) => existsSync(candidate));
}
