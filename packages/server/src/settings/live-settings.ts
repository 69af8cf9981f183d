import type { SettingsService } from './settings-service.ts';

const TIME_UNIT_MS = { second: 1000, minute: 60_000, hour: 3_600_000 } as const;

/**
 * Typed getters over the current settings, for the parts of the server that apply them. Each
 * read returns the value in effect now, so a change through the API applies to the next
 * request, token, login, ticket or run without a restart.
 */
export interface LiveSettings {
  rateLimitMax(): number;
  rateLimitWindowMs(): number;
  tokenLifetimeSeconds(): number;
  minPasswordLength(): number;
  allowedOrigins(): string[];
  companyName(): string;
  lockoutMaxFailuresPerUser(): number;
  lockoutMaxFailuresPerAddress(): number;
  lockoutWindowMs(): number;
  wsTicketTtlMs(): number;
  maxConcurrentRuns(): number;
  maxRunsPerAgent(): number;
  maxTurns(): number;
  logLevel(): string;
}

/** `fixedOrigins` are always allowed on top of the setting (the instance's own dashboard). */
export function liveSettings(settings: SettingsService, fixedOrigins: string[] = []): LiveSettings {
  const int = (namespace: 'api' | 'security' | 'coordination', key: string) =>
    settings.value<number>(namespace, key);
  return {
    rateLimitMax: () => int('api', 'rate_limit_max_requests'),
    rateLimitWindowMs: () =>
      TIME_UNIT_MS[settings.value<keyof typeof TIME_UNIT_MS>('api', 'rate_limit_time_unit')],
    tokenLifetimeSeconds: () => int('api', 'jwt_expiry_minutes') * 60,
    minPasswordLength: () => int('api', 'min_password_length'),
    allowedOrigins: () => [
      ...new Set([...settings.value<string[]>('api', 'cors_allowed_origins'), ...fixedOrigins]),
    ],
    companyName: () => settings.value<string>('company', 'name'),
    lockoutMaxFailuresPerUser: () => int('security', 'lockout_max_failures_per_user'),
    lockoutMaxFailuresPerAddress: () => int('security', 'lockout_max_failures_per_address'),
    lockoutWindowMs: () => int('security', 'lockout_window_minutes') * 60_000,
    wsTicketTtlMs: () => int('security', 'ws_ticket_ttl_seconds') * 1000,
    maxConcurrentRuns: () => int('coordination', 'max_concurrent_runs'),
    maxRunsPerAgent: () => int('coordination', 'max_runs_per_agent'),
    maxTurns: () => int('coordination', 'max_turns'),
    logLevel: () => settings.value<string>('observability', 'log_level'),
  };
}
