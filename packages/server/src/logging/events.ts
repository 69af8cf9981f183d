/**
 * Log event names of the HTTP layer. Every log line carries one of these as `event`; data goes
 * in fields, never into a formatted message. Other domains keep their own module beside their
 * code (for example `ws/ws-events.ts`).
 */
export const API_EVENTS = {
  appStartup: 'api.app.startup',
  appShutdown: 'api.app.shutdown',
  requestCompleted: 'api.request.completed',
  requestError: 'api.request.error',
  routeNotFound: 'api.route.not_found',
  healthCheck: 'api.health.check',
  serviceUnavailable: 'api.service.unavailable',
  maintenanceFailed: 'api.maintenance.failed',
} as const;

export const DB_EVENTS = {
  opened: 'persistence.db.opened',
  migrated: 'persistence.migrations.applied',
  migrationFailed: 'persistence.migrations.failed',
  closed: 'persistence.db.closed',
} as const;
