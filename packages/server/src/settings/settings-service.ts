import {
  SETTING_NAMESPACES,
  type SettingDefinition,
  type SettingEntry,
  type SettingNamespace,
  type SettingSource,
} from '@synthorg/shared';
import type { Kysely } from 'kysely';

import type { DatabaseSchema } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import type { EventHub } from '../ws/event-hub.ts';
import type { ServerSettings } from './server-settings.ts';
import {
  CROSS_FIELD_RULES,
  type NamespaceValues,
  parseSettingValue,
  SETTING_SPECS,
  type SettingSpec,
  type YamlLayer,
} from './setting-definitions.ts';

/** Log event names of the settings service. */
export const SETTINGS_LOG = {
  updated: 'settings.updated',
  reset: 'settings.reset',
  refreshed: 'settings.refreshed',
  ignoredValue: 'settings.value_ignored',
  refreshFailed: 'settings.refresh_failed',
} as const;

interface Effective {
  value: string;
  parsed: unknown;
  source: SettingSource;
  updated_at: string | null;
}

interface StoredRow {
  value: string;
  updated_at: string;
}

export type SettingChangeListener = (namespace: SettingNamespace, key: string) => void;

/**
 * Runtime settings: the definitions registry, the effective value of every setting (DB over
 * env over YAML over default, cached in memory) and the writes of the settings API. Other
 * parts read current values through `value()` (or a typed view over it) on every use, and
 * `onChange` tells those that must push a new value somewhere (the log level). A change made
 * on another instance arrives as a `settings.updated` event and is applied here too.
 */
export interface SettingsService {
  /** The definitions, of one namespace when given (`SETTING_NOT_FOUND` if unknown). */
  definitions(namespace?: string): SettingDefinition[];
  entries(namespace?: string): SettingEntry[];
  entry(namespace: string, key: string): SettingEntry;
  /** Validates, stores a DB override, applies it and publishes `settings.updated`. */
  set(namespace: string, key: string, value: string): Promise<SettingEntry>;
  /**
   * Several overrides of one namespace at once, checked together (for `PUT /budget/config`);
   * `invalid` chooses the error code of a refused value.
   */
  setMany(
    namespace: SettingNamespace,
    values: Record<string, string>,
    invalid?: 'SETTING_INVALID_VALUE' | 'VALIDATION_ERROR',
  ): Promise<void>;
  /** Removes the DB override (idempotent); refused when the fallback breaks a rule. */
  reset(namespace: string, key: string): Promise<void>;
  /** Re-reads the DB overrides and the company's YAML layer, e.g. after another instance wrote. */
  refresh(): Promise<void>;
  /** The parsed effective value; a programming error for an undefined setting. */
  value<T>(namespace: SettingNamespace, key: string): T;
  /** For `restart_required` settings: the value this process started with. */
  activeValue<T>(namespace: SettingNamespace, key: string): T;
  onChange(listener: SettingChangeListener): () => void;
  /** Publishes changes on `events` and applies the changes other instances announce there. */
  connect(events: EventHub): void;
}

export interface SettingsServiceDeps {
  db: Kysely<DatabaseSchema>;
  server: ServerSettings;
  log: Logger;
  specs?: readonly SettingSpec[];
}

const idOf = (namespace: string, key: string) => `${namespace}/${key}`;

function publicDefinition(spec: SettingSpec): SettingDefinition {
  const { fromEnv: _env, fromYaml: _yaml, check: _check, ...definition } = spec;
  return definition;
}

function isNamespace(namespace: string): namespace is SettingNamespace {
  return (SETTING_NAMESPACES as readonly string[]).includes(namespace);
}

function notFound(namespace: string, key?: string): AppError {
  const what = key === undefined ? `namespace '${namespace}'` : `'${namespace}/${key}'`;
  return new AppError('SETTING_NOT_FOUND', `No setting ${what}`);
}

async function readYamlLayer(db: Kysely<DatabaseSchema>): Promise<YamlLayer> {
  const row = await db.selectFrom('company').select(['name', 'budget']).executeTakeFirst();
  if (!row) return {};
  let budget: Record<string, unknown> | undefined;
  try {
    budget = JSON.parse(row.budget) as Record<string, unknown>;
  } catch {
    budget = undefined;
  }
  return { company_name: row.name, budget };
}

/** Builds the service and loads the current values. */
export async function createSettingsService(deps: SettingsServiceDeps): Promise<SettingsService> {
  const { db, server, log } = deps;
  const specs = deps.specs ?? SETTING_SPECS;
  // No setting is secret today, so values are never masked; a sensitive one needs masking
  // (entries and `settings.updated`) built and tested first.
  const secret = specs.find((s) => s.sensitive);
  if (secret) throw new Error(`sensitive setting ${secret.namespace}/${secret.key} needs masking`);
  const byId = new Map(specs.map((s) => [idOf(s.namespace, s.key), s]));
  const namespaces = [...new Set(specs.map((s) => s.namespace))];
  const listeners = new Set<SettingChangeListener>();
  let stored = new Map<string, StoredRow>();
  let yaml: YamlLayer = {};
  let effective = new Map<string, Effective>();
  let events: EventHub | undefined;
  /** Writes and refreshes run one at a time, so a rule is checked on current values. */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };

  const parsedLayer = (spec: SettingSpec, raw: string | undefined, layer: SettingSource) => {
    if (raw === undefined) return undefined;
    const parsed = parseSettingValue(spec, raw);
    if (parsed.ok) return parsed;
    log.warn(
      {
        event: SETTINGS_LOG.ignoredValue,
        namespace: spec.namespace,
        key: spec.key,
        layer,
        reason: parsed.reason,
      },
      'setting value ignored',
    );
    return undefined;
  };

  const envValues = new Map<string, { value: unknown; canonical: string }>();
  for (const spec of specs) {
    const parsed = parsedLayer(spec, spec.fromEnv?.(server), 'env');
    // A value equal to the default is reported as the default.
    if (parsed && parsed.canonical !== spec.default) {
      envValues.set(idOf(spec.namespace, spec.key), parsed);
    }
  }

  const resolve = (spec: SettingSpec, rows: Map<string, StoredRow>): Effective => {
    const id = idOf(spec.namespace, spec.key);
    const row = rows.get(id);
    const fromDb = parsedLayer(spec, row?.value, 'db');
    if (row && fromDb) {
      return {
        value: fromDb.canonical,
        parsed: fromDb.value,
        source: 'db',
        updated_at: row.updated_at,
      };
    }
    const fromEnv = envValues.get(id);
    if (fromEnv) {
      return { value: fromEnv.canonical, parsed: fromEnv.value, source: 'env', updated_at: null };
    }
    const fromYaml = parsedLayer(spec, spec.fromYaml?.(yaml), 'yaml');
    if (fromYaml) {
      return {
        value: fromYaml.canonical,
        parsed: fromYaml.value,
        source: 'yaml',
        updated_at: null,
      };
    }
    const fallback = parseSettingValue(spec, spec.default ?? '');
    return {
      value: spec.default ?? '',
      parsed: fallback.ok ? fallback.value : spec.default,
      source: 'default',
      updated_at: null,
    };
  };

  const resolveAll = (rows: Map<string, StoredRow>) =>
    new Map(specs.map((s) => [idOf(s.namespace, s.key), resolve(s, rows)]));

  /** Installs new values and tells listeners which settings changed. */
  const install = (next: Map<string, Effective>) => {
    const before = effective;
    effective = next;
    for (const spec of specs) {
      const id = idOf(spec.namespace, spec.key);
      if (before.get(id)?.value === next.get(id)?.value) continue;
      for (const listener of listeners) {
        try {
          listener(spec.namespace, spec.key);
        } catch (err) {
          log.error({ event: SETTINGS_LOG.refreshFailed, err }, 'settings listener failed');
        }
      }
    }
  };

  const load = async () => {
    const rows = await db
      .selectFrom('settings')
      .select(['namespace', 'key', 'value', 'updated_at'])
      .where('namespace', 'in', namespaces)
      .execute();
    stored = new Map(
      rows
        .filter((r) => byId.has(idOf(r.namespace, r.key)))
        .map((r) => [idOf(r.namespace, r.key), { value: r.value, updated_at: r.updated_at }]),
    );
    yaml = await readYamlLayer(db);
    install(resolveAll(stored));
  };

  await load();
  const active = new Map(effective);

  const specOf = (namespace: string, key: string): SettingSpec => {
    const spec = isNamespace(namespace) ? byId.get(idOf(namespace, key)) : undefined;
    if (!spec) throw notFound(namespace, key);
    return spec;
  };

  const entryOf = (spec: SettingSpec): SettingEntry => {
    const id = idOf(spec.namespace, spec.key);
    const current = effective.get(id) as Effective;
    return {
      definition: publicDefinition(spec),
      value: current.value,
      source: current.source,
      updated_at: current.updated_at,
      active_value: spec.restart_required ? (active.get(id) as Effective).value : null,
    };
  };

  const checkNamespace = (
    namespace: SettingNamespace,
    candidate: Map<string, Effective>,
    code: 'SETTING_INVALID_VALUE' | 'VALIDATION_ERROR',
  ) => {
    const rule = CROSS_FIELD_RULES[namespace];
    if (!rule) return;
    const values: NamespaceValues = {};
    for (const spec of specs) {
      if (spec.namespace !== namespace) continue;
      values[spec.key] = candidate.get(idOf(namespace, spec.key))?.parsed;
    }
    const problem = rule(values);
    if (problem !== undefined) {
      throw new AppError(code, `The ${namespace} settings would be inconsistent: ${problem}`, {
        details: [{ path: namespace, message: problem }],
      });
    }
  };

  const announce = (spec: SettingSpec) => {
    const entry = entryOf(spec);
    events?.publish('settings.updated', {
      namespace: spec.namespace,
      key: spec.key,
      value: entry.value,
      source: entry.source,
    });
    return entry;
  };

  const writeMany = async (
    namespace: SettingNamespace,
    values: Record<string, string>,
    code: 'SETTING_INVALID_VALUE' | 'VALIDATION_ERROR',
  ) => {
    const updatedAt = new Date().toISOString();
    const rows = new Map(stored);
    const touched: SettingSpec[] = [];
    for (const [key, raw] of Object.entries(values)) {
      const spec = specOf(namespace, key);
      const parsed = parseSettingValue(spec, raw);
      if (!parsed.ok) {
        throw new AppError(code, `${namespace}/${key} ${parsed.reason}`, {
          details: [{ path: 'value', message: parsed.reason }],
        });
      }
      rows.set(idOf(namespace, key), { value: parsed.canonical, updated_at: updatedAt });
      touched.push(spec);
    }
    const candidate = resolveAll(rows);
    checkNamespace(namespace, candidate, code);
    await db.transaction().execute(async (trx) => {
      for (const spec of touched) {
        const value = (rows.get(idOf(namespace, spec.key)) as StoredRow).value;
        await trx
          .insertInto('settings')
          .values({ namespace, key: spec.key, value, updated_at: updatedAt })
          .onConflict((oc) =>
            oc.columns(['namespace', 'key']).doUpdateSet({ value, updated_at: updatedAt }),
          )
          .execute();
      }
    });
    stored = rows;
    install(candidate);
    for (const spec of touched) {
      log.info(
        { event: SETTINGS_LOG.updated, namespace, key: spec.key, restart: spec.restart_required },
        'setting updated',
      );
      announce(spec);
    }
    return touched;
  };

  const service: SettingsService = {
    definitions(namespace) {
      if (namespace === undefined) return specs.map(publicDefinition);
      if (!isNamespace(namespace)) throw notFound(namespace);
      return specs.filter((s) => s.namespace === namespace).map(publicDefinition);
    },
    entries(namespace) {
      if (namespace !== undefined && !isNamespace(namespace)) throw notFound(namespace);
      return specs.filter((s) => namespace === undefined || s.namespace === namespace).map(entryOf);
    },
    entry: (namespace, key) => entryOf(specOf(namespace, key)),

    set(namespace, key, value) {
      const spec = specOf(namespace, key);
      return serial(async () => {
        await writeMany(spec.namespace, { [key]: value }, 'SETTING_INVALID_VALUE');
        return entryOf(spec);
      });
    },

    async setMany(namespace, values, invalid = 'SETTING_INVALID_VALUE') {
      await serial(() => writeMany(namespace, values, invalid));
    },

    reset(namespace, key) {
      const spec = specOf(namespace, key);
      const id = idOf(spec.namespace, spec.key);
      return serial(async () => {
        const rows = new Map(stored);
        rows.delete(id);
        const candidate = resolveAll(rows);
        checkNamespace(spec.namespace, candidate, 'SETTING_INVALID_VALUE');
        await db
          .deleteFrom('settings')
          .where('namespace', '=', spec.namespace)
          .where('key', '=', spec.key)
          .execute();
        const had = stored.has(id);
        stored = rows;
        install(candidate);
        log.info(
          {
            event: SETTINGS_LOG.reset,
            namespace: spec.namespace,
            key: spec.key,
            had_override: had,
          },
          'setting reset',
        );
        announce(spec);
      });
    },

    refresh: () => serial(load),

    value<T>(namespace: SettingNamespace, key: string): T {
      const current = effective.get(idOf(namespace, key));
      if (!current) throw new Error(`undefined setting ${namespace}/${key}`);
      return current.parsed as T;
    },
    activeValue<T>(namespace: SettingNamespace, key: string): T {
      const current = active.get(idOf(namespace, key));
      if (!current) throw new Error(`undefined setting ${namespace}/${key}`);
      return current.parsed as T;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connect(hub) {
      events = hub;
      hub.add(
        {
          deliver(event) {
            if (event.event_type !== 'settings.updated') return;
            service.refresh().then(
              () => log.debug({ event: SETTINGS_LOG.refreshed }, 'settings refreshed'),
              (err: unknown) =>
                log.warn({ event: SETTINGS_LOG.refreshFailed, err }, 'settings refresh failed'),
            );
          },
        },
        ['system'],
      );
    },
  };
  return service;
}
