import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Runtime settings of one server process: where it listens and where its state lives.
 * Company and agent configuration is a separate YAML file (see `org/`); these come from the
 * environment or the CLI's flags.
 */
export interface ServerSettings {
  host: string;
  port: number;
  dataDir: string;
  /** Company config file; `<dataDir>/company.yaml` or the default template when absent. */
  configPath: string | undefined;
  /** `postgres://…` switches persistence to PostgreSQL; SQLite under `dataDir` otherwise. */
  databaseUrl: string | undefined;
  /** `redis://…` switches the event bus, history and tickets to Redis. */
  redisUrl: string | undefined;
  /** Prepended to every Redis key and pub/sub channel, so deployments can share one Redis. */
  redisPrefix: string;
  /** At least 32 characters; generated and stored in the database when absent. */
  jwtSecret: string | undefined;
  /** Origins allowed for CORS and for the WebSocket handshake, besides same-origin. */
  allowedOrigins: string[];
  /**
   * Origins allowed whatever `api/cors_allowed_origins` says: the instance's own dashboard
   * listener (the CLI sets them), so no settings change can cut the dashboard off its API.
   */
  fixedOrigins: string[];
  logLevel: string;
  /** Built dashboard to serve at `/`, when set. */
  webDir: string | undefined;
  /** Requests per minute per client address on the API, health and WebSocket excluded. */
  rateLimitPerMinute: number;
  /** `SYNTHORG_JWT_EXPIRY_MINUTES`, as given: the `env` layer of `api.jwt_expiry_minutes`. */
  jwtExpiryMinutes: string | undefined;
  /** `SYNTHORG_MIN_PASSWORD_LENGTH`, as given: the `env` layer of `api.min_password_length`. */
  minPasswordLength: string | undefined;
  /** Requests per minute per address on setup, login and change-password (each route). */
  authRateLimitPerMinute: number;
  /** The agent runtime: how often it looks for work and how many runs it allows. */
  engine: EngineSettings;
  /** Interval of WebSocket protocol pings; a socket missing two pongs is terminated. */
  wsHeartbeatMs: number;
  /** Time a client has to send `{"action":"auth"}` when it gave no `?ticket=`. */
  wsAuthTimeoutMs: number;
  /** Lifetime of a WebSocket ticket. */
  wsTicketTtlMs: number;
  /** Unsent bytes per socket (our queue plus the kernel-side buffer) before it closes 1013. */
  wsSendCapBytes: number;
}

export interface EngineSettings {
  /** False keeps agents idle (tasks stay `created`); the API still works. */
  enabled: boolean;
  pollIntervalMs: number;
  maxConcurrentRuns: number;
  maxRunsPerAgent: number;
  maxTurns: number;
}

export const API_PREFIX = '/api/v1';

type Env = Record<string, string | undefined>;

function listOf(value: string | undefined, fallback: string[]): string[] {
  if (value === undefined || value.trim() === '') return fallback;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The data dir: `--data-dir`, else `SYNTHORG_HOME`, else `~/.synthorg`. */
export function resolveDataDir(env: Env, explicit?: string): string {
  return resolve(explicit ?? env.SYNTHORG_HOME ?? join(homedir(), '.synthorg'));
}

/** Reads settings from the environment; `overrides` (CLI flags, tests) win. */
export function resolveServerSettings(
  env: Env = process.env,
  overrides: Partial<ServerSettings> = {},
): ServerSettings {
  const dataDir = resolveDataDir(env, overrides.dataDir);
  return {
    host: env.SYNTHORG_HOST ?? '127.0.0.1',
    port: Number(env.SYNTHORG_PORT ?? 8000),
    configPath: env.SYNTHORG_CONFIG_PATH || undefined,
    databaseUrl: env.SYNTHORG_DATABASE_URL || undefined,
    redisUrl: env.SYNTHORG_REDIS_URL || undefined,
    redisPrefix: env.SYNTHORG_REDIS_PREFIX || 'synthorg:',
    jwtSecret: env.SYNTHORG_JWT_SECRET || undefined,
    allowedOrigins: listOf(env.SYNTHORG_ALLOWED_ORIGINS, [
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://localhost:5173',
    ]),
    fixedOrigins: [],
    logLevel: env.SYNTHORG_LOG_LEVEL ?? 'info',
    webDir: env.SYNTHORG_WEB_DIR || undefined,
    rateLimitPerMinute: Number(env.SYNTHORG_RATE_LIMIT_PER_MINUTE ?? 600),
    jwtExpiryMinutes: env.SYNTHORG_JWT_EXPIRY_MINUTES || undefined,
    minPasswordLength: env.SYNTHORG_MIN_PASSWORD_LENGTH || undefined,
    authRateLimitPerMinute: Number(env.SYNTHORG_AUTH_RATE_LIMIT_PER_MINUTE ?? 10),
    engine: {
      enabled: env.SYNTHORG_ENGINE_ENABLED !== 'false',
      pollIntervalMs: Number(env.SYNTHORG_ENGINE_POLL_MS ?? 1000),
      maxConcurrentRuns: Number(env.SYNTHORG_ENGINE_MAX_RUNS ?? 4),
      maxRunsPerAgent: Number(env.SYNTHORG_ENGINE_MAX_RUNS_PER_AGENT ?? 1),
      maxTurns: Number(env.SYNTHORG_ENGINE_MAX_TURNS ?? 20),
    },
    wsHeartbeatMs: Number(env.SYNTHORG_WS_HEARTBEAT_MS ?? 25_000),
    wsAuthTimeoutMs: Number(env.SYNTHORG_WS_AUTH_TIMEOUT_MS ?? 10_000),
    wsTicketTtlMs: Number(env.SYNTHORG_WS_TICKET_TTL_MS ?? 30_000),
    wsSendCapBytes: Number(env.SYNTHORG_WS_SEND_CAP_BYTES ?? 1024 * 1024),
    ...overrides,
    dataDir,
  };
}

/** The SQLite file used when no database URL is set. */
export function sqlitePathOf(settings: ServerSettings): string {
  return join(settings.dataDir, 'synthorg.db');
}
