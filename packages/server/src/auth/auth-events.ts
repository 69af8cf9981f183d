/** Log event names of the auth domain (HTTP side); the WebSocket ones live in `ws/ws-events.ts`. */
export const AUTH_EVENTS = {
  success: 'api.auth.success',
  failed: 'api.auth.failed',
  tokenIssued: 'api.auth.token_issued',
  setupComplete: 'api.auth.setup_complete',
  passwordChanged: 'api.auth.password_changed',
  loggedOut: 'api.auth.logged_out',
  lockedOut: 'api.auth.locked_out',
  secretGenerated: 'api.auth.secret_generated',
  guardSkipped: 'api.auth.guard_skipped',
  guardDenied: 'api.guard.denied',
  userCreated: 'api.user.created',
  userUpdated: 'api.user.updated',
  sessionsRevoked: 'api.auth.sessions_revoked',
} as const;

/** Why a request or a login was refused; logged as `reason`, never shown to the caller. */
export const AUTH_FAILURE_REASONS = {
  missingHeader: 'missing_header',
  invalidScheme: 'invalid_scheme',
  jwtInvalid: 'jwt_invalid',
  userNotFound: 'jwt_user_not_found',
  passwordChanged: 'password_changed_since_token_issued',
  tokenRevoked: 'token_revoked',
  userDisabled: 'user_disabled',
  invalidCredentials: 'invalid_credentials',
  invalidCurrentPassword: 'invalid_current_password',
  setupAlreadyCompleted: 'setup_already_completed',
  setupRaceDetected: 'setup_race_detected',
  locked: 'login_locked',
  ticketLimit: 'ws_ticket_limit_exceeded',
} as const;
