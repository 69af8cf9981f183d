import type { ClientErrorCode } from './api-error.ts';
import { ApiError } from './api-error.ts';

/**
 * User-facing text per error code. The server's message text is never matched, and shown only
 * for the codes in SERVER_TEXT (it names the rule the value broke). A code added to the
 * catalogue later falls back to a sentence for its HTTP status class.
 */
const MESSAGES: Partial<Record<ClientErrorCode, string>> = {
  VALIDATION_ERROR: 'Some fields are not valid. Check the form and try again.',
  UNSUPPORTED_MEDIA_TYPE: 'The request could not be sent in the expected format.',
  PAYLOAD_TOO_LARGE: 'That is too large to send.',
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  INVALID_CREDENTIALS: 'Wrong username or password.',
  TOKEN_INVALID: 'Your session has ended. Please sign in again.',
  FORBIDDEN: 'You do not have permission to do that.',
  WRITE_ACCESS_DENIED: 'Your role can view but not change this.',
  READ_ACCESS_DENIED: 'Your role cannot view this.',
  PASSWORD_CHANGE_REQUIRED: 'Please change your password first.',
  NOT_FOUND: 'Not found.',
  ROUTE_NOT_FOUND: 'This part of the API is not available on the server yet.',
  METHOD_NOT_ALLOWED: 'This action is not available on the server.',
  CONFLICT: 'Someone else changed this meanwhile. Refresh and try again.',
  ALREADY_EXISTS: 'That already exists.',
  SETUP_ALREADY_DONE: 'Setup is already complete. Please sign in.',
  VERSION_CONFLICT: 'Someone else changed this meanwhile. Refresh and try again.',
  DOMAIN_RULE_VIOLATION: 'That is not allowed by the organization rules.',
  INVALID_TRANSITION: 'That status change is not allowed from the current status.',
  RATE_LIMITED: 'Too many requests. Wait a moment and try again.',
  LOGIN_LOCKED: 'Too many failed sign-ins. Try again later.',
  TICKET_LIMIT: 'Too many live connections are starting. Try again shortly.',
  INTERNAL_ERROR: 'The server hit an error. Try again.',
  PERSISTENCE_ERROR: 'The server could not save or load data. Try again.',
  SERVICE_UNAVAILABLE: 'The service is unavailable right now. Try again shortly.',
  ACCOUNT_DISABLED: 'This account is disabled. Ask an administrator.',
  APPROVAL_NOT_PENDING: 'This approval was already decided or has expired.',
  UNKNOWN_AGENT: 'No agent with that name exists.',
  AGENT_TERMINATED: 'That agent was terminated and can no longer be given work.',
  MEETING_EVENT_UNKNOWN: 'No meeting type is triggered by that event.',
  PARTICIPANTS_UNRESOLVED:
    'The meeting participants could not be resolved to agents of the company.',
  SELF_REVIEW_NOT_ALLOWED: 'You cannot review your own work in this department.',
  PROVIDER_CONFIG_INVALID: 'The provider configuration is not valid.',
  PROVIDER_MODEL_NOT_FOUND: 'That model is not configured for the provider.',
  SETTING_NOT_FOUND: 'There is no such setting.',
  SETTING_INVALID_VALUE: 'That value is not allowed for this setting.',
  SETUP_REQUIRED: 'Setup is not finished yet. Create the first account.',
  CONFIG_INVALID: 'The company configuration is not valid.',
  CONFIG_NOT_FOUND: 'The company configuration file was not found.',
  TEMPLATE_NOT_FOUND: 'There is no company template with that name.',
  UPSTREAM_FAILED: 'The server did not answer properly. Try again.',
  UPSTREAM_UNAVAILABLE: 'Cannot reach the server. Check that it is running.',
  NETWORK_ERROR: 'Cannot reach the server. Check that it is running.',
  BAD_RESPONSE: 'The server answered in an unexpected format.',
};

function byStatus(status: number): string {
  if (status === 401) return 'Please sign in again.';
  if (status === 403) return 'You do not have permission to do that.';
  if (status === 404) return 'Not found.';
  if (status >= 400 && status < 500) return 'The server refused this request.';
  return 'The server hit an error. Try again.';
}

/** Codes whose server text is more useful than ours: it names the broken rule. */
const SERVER_TEXT: ReadonlySet<ClientErrorCode> = new Set(['SETTING_INVALID_VALUE']);

/** Text for any thrown value; unknown errors get a generic sentence, never their message. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (SERVER_TEXT.has(error.code) && error.serverText) return error.serverText;
    return MESSAGES[error.code] ?? byStatus(error.status);
  }
  return 'Something went wrong. Try again.';
}
