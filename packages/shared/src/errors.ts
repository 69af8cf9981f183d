/**
 * The one catalogue of error codes the API can answer with.
 *
 * Codes are stable: clients switch on `error_code`, never on the message text. A code is
 * never reused for a different meaning; retire it instead. Each entry carries the HTTP status
 * the serializer uses and the default message shown when the thrower gives none.
 *
 * @example
 * if (body.error_code === ErrorCode.TICKET_LIMIT) showRetryLater();
 */
export const ERROR_CATALOGUE = {
  VALIDATION_ERROR: { status: 400, message: 'Validation error' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported media type' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Request body too large' },
  UNAUTHENTICATED: { status: 401, message: 'Authentication required' },
  INVALID_CREDENTIALS: { status: 401, message: 'Invalid username or password' },
  TOKEN_INVALID: { status: 401, message: 'Invalid or expired token' },
  FORBIDDEN: { status: 403, message: 'Access denied' },
  WRITE_ACCESS_DENIED: { status: 403, message: 'Write access denied' },
  READ_ACCESS_DENIED: { status: 403, message: 'Read access denied' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: 'Password change required' },
  ACCOUNT_DISABLED: { status: 403, message: 'This account is disabled' },
  NOT_FOUND: { status: 404, message: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, message: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed' },
  CONFLICT: { status: 409, message: 'Resource conflict' },
  ALREADY_EXISTS: { status: 409, message: 'Resource already exists' },
  SETUP_ALREADY_DONE: { status: 409, message: 'Setup already completed' },
  SETUP_REQUIRED: { status: 409, message: 'First-run setup is not done yet' },
  VERSION_CONFLICT: { status: 409, message: 'Version conflict' },
  APPROVAL_NOT_PENDING: { status: 409, message: 'Approval is no longer pending' },
  SELF_REVIEW_NOT_ALLOWED: { status: 403, message: 'Reviewing your own work is not allowed' },
  DOMAIN_RULE_VIOLATION: { status: 422, message: 'Request violates a domain rule' },
  INVALID_TRANSITION: { status: 422, message: 'Invalid state transition' },
  CONFIG_INVALID: { status: 422, message: 'Company configuration is invalid' },
  CONFIG_NOT_FOUND: { status: 404, message: 'Company configuration file not found' },
  TEMPLATE_NOT_FOUND: { status: 404, message: 'Company template not found' },
  UNKNOWN_AGENT: { status: 422, message: 'No agent with that name' },
  AGENT_TERMINATED: { status: 422, message: 'The agent was terminated and cannot be given work' },
  MEETING_EVENT_UNKNOWN: { status: 404, message: 'No meeting type is triggered by that event' },
  PARTICIPANTS_UNRESOLVED: { status: 422, message: 'Meeting participants could not be resolved' },
  PROVIDER_CONFIG_INVALID: { status: 422, message: 'Provider configuration is invalid' },
  PROVIDER_MODEL_NOT_FOUND: { status: 422, message: 'No configured provider offers that model' },
  SETTING_NOT_FOUND: { status: 404, message: 'No such setting' },
  SETTING_INVALID_VALUE: { status: 422, message: 'Invalid setting value' },
  RATE_LIMITED: { status: 429, message: 'Too many requests' },
  LOGIN_LOCKED: { status: 429, message: 'Too many failed logins; try again later' },
  TICKET_LIMIT: { status: 429, message: 'Too many pending WebSocket tickets' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error' },
  PERSISTENCE_ERROR: { status: 500, message: 'Internal persistence error' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'Service unavailable' },
  UPSTREAM_FAILED: { status: 502, message: 'The API failed to answer the dashboard proxy' },
  UPSTREAM_UNAVAILABLE: { status: 503, message: 'The API cannot be reached from the dashboard' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The codes as a value-level map, so callers write `ErrorCode.NOT_FOUND`. */
export const ErrorCode = Object.fromEntries(
  Object.keys(ERROR_CATALOGUE).map((code) => [code, code]),
) as { readonly [K in ErrorCode]: K };

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];
