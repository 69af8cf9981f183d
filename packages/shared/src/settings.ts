import { z } from 'zod';

/**
 * Runtime settings (`/api/v1/settings`): named values, grouped by namespace, that an operator
 * can change through the API or the dashboard. Every value is resolved in this order: a value
 * stored through the API (`db`), else an environment variable (`env`), else the company YAML
 * (`yaml`), else the built-in default (`default`).
 */
export const SETTING_NAMESPACES = [
  'api',
  'company',
  'providers',
  'memory',
  'budget',
  'security',
  'coordination',
  'observability',
  'backup',
] as const;
export type SettingNamespace = (typeof SETTING_NAMESPACES)[number];

export const SETTING_TYPES = ['string', 'integer', 'float', 'boolean', 'enum', 'json'] as const;
export type SettingType = (typeof SETTING_TYPES)[number];

export const SETTING_SOURCES = ['db', 'env', 'yaml', 'default'] as const;
export type SettingSource = (typeof SETTING_SOURCES)[number];

export const SETTING_LEVELS = ['basic', 'advanced'] as const;

/** Longest value accepted by `PUT /settings/{namespace}/{key}`, as in the original. */
export const SETTING_VALUE_MAX_LENGTH = 8192;

/** Shown instead of the value of a `sensitive` setting. */
export const SETTING_MASK = '********';

export const settingDefinitionSchema = z.object({
  namespace: z.enum(SETTING_NAMESPACES),
  key: z.string(),
  type: z.enum(SETTING_TYPES),
  /** The built-in default, as the string a `PUT` would carry; null when there is none. */
  default: z.string().nullable(),
  description: z.string(),
  /** Heading the dashboard groups the setting under. */
  group: z.string(),
  level: z.enum(SETTING_LEVELS),
  sensitive: z.boolean(),
  /** True: a new value is stored now and takes effect at the next start of the server. */
  restart_required: z.boolean(),
  enum_values: z.array(z.string()),
  validator_pattern: z.string().nullable(),
  min_value: z.number().nullable(),
  max_value: z.number().nullable(),
  /** Our extension: the environment variable that supplies the `env` layer, if any. */
  env_var: z.string().nullable(),
  /** Our extension: where in the company YAML the `yaml` layer comes from, if anywhere. */
  yaml_path: z.string().nullable(),
});
export type SettingDefinition = z.infer<typeof settingDefinitionSchema>;

export const settingEntrySchema = z.object({
  definition: settingDefinitionSchema,
  /** The effective value as a string (JSON text for `json` settings); masked when sensitive. */
  value: z.string(),
  source: z.enum(SETTING_SOURCES),
  /** When the `db` value was stored; null for the other sources. */
  updated_at: z.string().nullable(),
  /**
   * Our extension: for `restart_required` settings, the value the running server actually uses
   * (it may differ from `value` until the next start).
   */
  active_value: z.string().nullable(),
});
export type SettingEntry = z.infer<typeof settingEntrySchema>;

export const updateSettingRequestSchema = z.strictObject({
  value: z.string().max(SETTING_VALUE_MAX_LENGTH),
});
export type UpdateSettingRequest = z.infer<typeof updateSettingRequestSchema>;

/**
 * Payload of the `settings.updated` event (channel `system`), published after a `PUT` or a
 * `DELETE` committed: the setting's new effective value and where it comes from now.
 */
export const settingUpdatedSchema = z.object({
  namespace: z.enum(SETTING_NAMESPACES),
  key: z.string(),
  /** The new effective value (would be `SETTING_MASK` for a sensitive setting; none exists). */
  value: z.string(),
  source: z.enum(SETTING_SOURCES),
});
export type SettingUpdated = z.infer<typeof settingUpdatedSchema>;

/** Path parameters; unknown names are answered 404 `SETTING_NOT_FOUND`, not 400. */
export const settingNamespaceParamsSchema = z.object({ namespace: z.string().min(1).max(64) });
export const settingKeyParamsSchema = settingNamespaceParamsSchema.extend({
  key: z.string().min(1).max(128),
});
