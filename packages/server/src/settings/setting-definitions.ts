import {
  budgetConfigSchema,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_MIN_LENGTH_FLOOR,
  type SettingDefinition,
  type SettingNamespace,
} from '@synthorg/shared';

import type { ServerSettings } from './server-settings.ts';

/** What the `yaml` layer reads: the company config as bootstrap (or reload) stored it. */
export interface YamlLayer {
  company_name?: string | undefined;
  budget?: Record<string, unknown> | undefined;
}

/**
 * A definition as the server knows it: the public `SettingDefinition` plus where its `env`
 * and `yaml` layers come from and any check beyond the generic type, enum and range checks.
 */
export interface SettingSpec extends SettingDefinition {
  /** The value this process started with from `env_var` (or a CLI flag standing for it). */
  fromEnv?: (settings: ServerSettings) => string | undefined;
  fromYaml?: (yaml: YamlLayer) => string | undefined;
  /** Extra check of a parsed value; returns the reason it is refused. */
  check?: (value: unknown) => string | undefined;
}

/** Parsed effective values of one namespace, by key. */
export type NamespaceValues = Record<string, unknown>;

/** A rule over several settings of a namespace, checked on the effective values. */
export type CrossFieldRule = (values: NamespaceValues) => string | undefined;

type Base = Omit<
  SettingSpec,
  | 'namespace'
  | 'key'
  | 'type'
  | 'default'
  | 'description'
  | 'enum_values'
  | 'validator_pattern'
  | 'min_value'
  | 'max_value'
  | 'env_var'
  | 'yaml_path'
  | 'group'
  | 'level'
  | 'sensitive'
  | 'restart_required'
>;

interface SpecInput extends Base {
  namespace: SettingNamespace;
  key: string;
  type: SettingDefinition['type'];
  default: string;
  description: string;
  group: string;
  level?: 'basic' | 'advanced';
  restart_required?: boolean;
  enum_values?: string[];
  validator_pattern?: string;
  min_value?: number;
  max_value?: number;
  env_var?: string;
  yaml_path?: string;
}

function spec(input: SpecInput): SettingSpec {
  return {
    level: 'basic',
    sensitive: false,
    restart_required: false,
    enum_values: [],
    validator_pattern: null,
    min_value: null,
    max_value: null,
    env_var: null,
    yaml_path: null,
    ...input,
  };
}

const DEFAULT_BUDGET = budgetConfigSchema.parse({});

/** A YAML budget field, as the string a `PUT` would carry. */
/**
 * A number as the plain decimal text a setting stores (`0.0000001`, never `1e-7`), at most 10
 * decimals, which is what the `float` type accepts back.
 */
export function decimalText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return value.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
}

/** Lowest `api.rate_limit_max_requests`: enough to sign in and change the setting back. */
export const RATE_LIMIT_FLOOR = 60;

function budgetField(path: string[]): (yaml: YamlLayer) => string | undefined {
  return (yaml) => {
    let node: unknown = yaml.budget;
    for (const part of path) {
      if (typeof node !== 'object' || node === null) return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return typeof node === 'number' ? decimalText(node) : undefined;
  };
}

function budgetSpec(
  key: string,
  path: string[],
  input: Omit<SpecInput, 'namespace' | 'key' | 'yaml_path' | 'group'>,
): SettingSpec {
  return spec({
    namespace: 'budget',
    key,
    group: path[0] === 'alerts' ? 'Alerts' : 'Limits',
    yaml_path: `budget.${path.join('.')}`,
    fromYaml: budgetField(path),
    ...input,
  });
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

/** pino's levels; `silent` writes nothing. */
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** Every setting the API lists, reads and writes. Nothing outside this list is reachable. */
export const SETTING_SPECS: readonly SettingSpec[] = [
  spec({
    namespace: 'api',
    key: 'rate_limit_max_requests',
    type: 'integer',
    default: '600',
    description: 'Requests per client address per time unit on the API (health and /ws excluded)',
    group: 'Rate limiting',
    // A floor, so a lowered limit always leaves the ceo the requests to raise it again.
    min_value: RATE_LIMIT_FLOOR,
    max_value: 1_000_000,
    env_var: 'SYNTHORG_RATE_LIMIT_PER_MINUTE',
    fromEnv: (s) => String(s.rateLimitPerMinute),
  }),
  spec({
    namespace: 'api',
    key: 'rate_limit_time_unit',
    type: 'enum',
    default: 'minute',
    description: 'The window rate_limit_max_requests counts in',
    group: 'Rate limiting',
    level: 'advanced',
    enum_values: ['second', 'minute', 'hour'],
  }),
  spec({
    namespace: 'api',
    key: 'jwt_expiry_minutes',
    type: 'integer',
    default: '1440',
    description: 'Lifetime of session tokens issued from now on (earlier tokens keep theirs)',
    group: 'Authentication',
    min_value: 1,
    max_value: 43_200,
    env_var: 'SYNTHORG_JWT_EXPIRY_MINUTES',
    fromEnv: (s) => s.jwtExpiryMinutes,
  }),
  spec({
    namespace: 'api',
    key: 'min_password_length',
    type: 'integer',
    default: String(PASSWORD_MIN_LENGTH),
    description: 'Shortest password accepted by setup, password change and user creation',
    group: 'Authentication',
    min_value: PASSWORD_MIN_LENGTH_FLOOR,
    max_value: PASSWORD_MAX_LENGTH,
    env_var: 'SYNTHORG_MIN_PASSWORD_LENGTH',
    fromEnv: (s) => s.minPasswordLength,
  }),
  spec({
    namespace: 'api',
    key: 'cors_allowed_origins',
    type: 'json',
    default: JSON.stringify([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://localhost:5173',
    ]),
    description:
      'Origins (JSON array) allowed for CORS and the WebSocket handshake besides same-origin',
    group: 'CORS',
    level: 'advanced',
    env_var: 'SYNTHORG_ALLOWED_ORIGINS',
    fromEnv: (s) => JSON.stringify(s.allowedOrigins),
    check: (value) =>
      Array.isArray(value) && value.every((o) => typeof o === 'string' && isOrigin(o))
        ? undefined
        : 'must be a JSON array of origins like "https://example.com" (scheme, host, port only)',
  }),
  spec({
    namespace: 'company',
    key: 'name',
    type: 'string',
    default: 'SynthOrg',
    description: 'The company name shown by GET /company and the dashboard',
    group: 'Company',
    validator_pattern: '^\\S(.{0,126}\\S)?$',
    yaml_path: 'company_name',
    fromYaml: (yaml) => yaml.company_name,
  }),
  budgetSpec('total_monthly', ['total_monthly'], {
    type: 'float',
    default: String(DEFAULT_BUDGET.total_monthly),
    description: 'Monthly company budget in USD',
    min_value: 0,
  }),
  budgetSpec('per_task_limit', ['per_task_limit'], {
    type: 'float',
    default: String(DEFAULT_BUDGET.per_task_limit),
    description: 'USD one task may spend unless it has its own budget_limit (<= total_monthly)',
    min_value: 0,
  }),
  budgetSpec('per_agent_daily_limit', ['per_agent_daily_limit'], {
    type: 'float',
    default: String(DEFAULT_BUDGET.per_agent_daily_limit),
    description: 'USD one agent may spend per UTC day (<= total_monthly)',
    min_value: 0,
  }),
  budgetSpec('alert_warn_at', ['alerts', 'warn_at'], {
    type: 'float',
    default: String(DEFAULT_BUDGET.alerts.warn_at),
    description: 'Percent of the monthly budget that raises a warning (< alert_critical_at)',
    min_value: 0,
    max_value: 100,
  }),
  budgetSpec('alert_critical_at', ['alerts', 'critical_at'], {
    type: 'float',
    default: String(DEFAULT_BUDGET.alerts.critical_at),
    description: 'Percent that raises a critical alert (< alert_hard_stop_at)',
    min_value: 0,
    max_value: 100,
  }),
  budgetSpec('alert_hard_stop_at', ['alerts', 'hard_stop_at'], {
    type: 'float',
    default: String(DEFAULT_BUDGET.alerts.hard_stop_at),
    description: 'Percent of the monthly budget at which agents stop calling LLMs',
    min_value: 0,
    max_value: 100,
  }),
  budgetSpec('reset_day', ['reset_day'], {
    type: 'integer',
    default: String(DEFAULT_BUDGET.reset_day),
    description: 'Day of the month (1-28) the billing period starts',
    level: 'advanced',
    min_value: 1,
    max_value: 28,
  }),
  spec({
    namespace: 'security',
    key: 'lockout_max_failures_per_user',
    type: 'integer',
    default: '5',
    description: 'Failed logins per username within the window before logins are refused',
    group: 'Login lockout',
    min_value: 1,
    max_value: 1000,
  }),
  spec({
    namespace: 'security',
    key: 'lockout_max_failures_per_address',
    type: 'integer',
    default: '20',
    description: 'Failed logins per client address within the window before logins are refused',
    group: 'Login lockout',
    min_value: 1,
    max_value: 10_000,
  }),
  spec({
    namespace: 'security',
    key: 'lockout_window_minutes',
    type: 'integer',
    default: '15',
    description: 'How long a failed login counts towards the lockout',
    group: 'Login lockout',
    min_value: 1,
    max_value: 1440,
  }),
  spec({
    namespace: 'security',
    key: 'ws_ticket_ttl_seconds',
    type: 'integer',
    default: '30',
    description: 'Lifetime of WebSocket tickets issued from now on (env var in milliseconds)',
    group: 'WebSocket',
    level: 'advanced',
    min_value: 1,
    max_value: 3600,
    env_var: 'SYNTHORG_WS_TICKET_TTL_MS',
    fromEnv: (s) => String(Math.max(1, Math.round(s.wsTicketTtlMs / 1000))),
  }),
  spec({
    namespace: 'coordination',
    key: 'max_concurrent_runs',
    type: 'integer',
    default: '4',
    description: 'Agent runs the engine keeps going at once; applies to the next runs started',
    group: 'Engine',
    min_value: 1,
    max_value: 64,
    env_var: 'SYNTHORG_ENGINE_MAX_RUNS',
    fromEnv: (s) => String(s.engine.maxConcurrentRuns),
  }),
  spec({
    namespace: 'coordination',
    key: 'max_runs_per_agent',
    type: 'integer',
    default: '1',
    description: 'Runs one agent may have at once; applies to the next runs started',
    group: 'Engine',
    min_value: 1,
    max_value: 16,
    env_var: 'SYNTHORG_ENGINE_MAX_RUNS_PER_AGENT',
    fromEnv: (s) => String(s.engine.maxRunsPerAgent),
  }),
  spec({
    namespace: 'coordination',
    key: 'max_turns',
    type: 'integer',
    default: '20',
    description: 'LLM turns one run may take before it stops with max_turns; for runs started next',
    group: 'Engine',
    min_value: 1,
    max_value: 500,
    env_var: 'SYNTHORG_ENGINE_MAX_TURNS',
    fromEnv: (s) => String(s.engine.maxTurns),
  }),
  spec({
    namespace: 'coordination',
    key: 'poll_interval_ms',
    type: 'integer',
    default: '1000',
    description: 'How often the engine looks for work when nothing woke it',
    group: 'Engine',
    level: 'advanced',
    restart_required: true,
    min_value: 10,
    max_value: 60_000,
    env_var: 'SYNTHORG_ENGINE_POLL_MS',
    fromEnv: (s) => String(s.engine.pollIntervalMs),
  }),
  spec({
    namespace: 'observability',
    key: 'log_level',
    type: 'enum',
    default: 'info',
    description: 'Lowest level written to the log',
    group: 'Logging',
    enum_values: LOG_LEVELS,
    env_var: 'SYNTHORG_LOG_LEVEL',
    fromEnv: (s) => s.logLevel,
  }),
];

/** Rules over several settings of a namespace, checked on the effective values. */
export const CROSS_FIELD_RULES: Partial<Record<SettingNamespace, CrossFieldRule>> = {
  budget: (v) => {
    const result = budgetConfigSchema.safeParse({
      total_monthly: v.total_monthly,
      per_task_limit: v.per_task_limit,
      per_agent_daily_limit: v.per_agent_daily_limit,
      reset_day: v.reset_day,
      alerts: {
        warn_at: v.alert_warn_at,
        critical_at: v.alert_critical_at,
        hard_stop_at: v.alert_hard_stop_at,
      },
    });
    return result.success ? undefined : result.error.issues.map((i) => i.message).join('; ');
  },
};

/** Parses a value by its definition; returns the reason when it is refused. */
export function parseSettingValue(
  def: SettingSpec,
  raw: string,
): { ok: true; value: unknown; canonical: string } | { ok: false; reason: string } {
  const refuse = (reason: string) => ({ ok: false as const, reason });
  let value: unknown;
  let canonical = raw;
  switch (def.type) {
    case 'integer':
      if (!/^-?\d{1,15}$/.test(raw)) return refuse('must be a whole number');
      value = Number(raw);
      canonical = String(value);
      break;
    case 'float':
      if (!/^-?\d{1,15}(\.\d{1,10})?$/.test(raw)) return refuse('must be a decimal number');
      value = Number(raw);
      canonical = decimalText(value as number);
      break;
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') return refuse('must be true or false');
      value = raw === 'true';
      break;
    case 'enum':
      if (!def.enum_values.includes(raw)) {
        return refuse(`must be one of ${def.enum_values.join(', ')}`);
      }
      value = raw;
      break;
    case 'json':
      try {
        value = JSON.parse(raw);
      } catch {
        return refuse('must be valid JSON');
      }
      canonical = JSON.stringify(value);
      break;
    default:
      value = raw;
  }
  if (typeof value === 'number') {
    if (def.min_value !== null && value < def.min_value) {
      return refuse(`must be at least ${def.min_value}`);
    }
    if (def.max_value !== null && value > def.max_value) {
      return refuse(`must be at most ${def.max_value}`);
    }
  }
  if (def.validator_pattern !== null && !new RegExp(def.validator_pattern, 'u').test(raw)) {
    return refuse(`must match ${def.validator_pattern}`);
  }
  const problem = def.check?.(value);
  if (problem !== undefined) return refuse(problem);
  return { ok: true, value, canonical };
}
