import type { ClientErrorCode } from './api-error.ts';
import { ApiError } from './api-error.ts';

/** User-facing text per error code. The server's message text is never shown or matched. */
const MESSAGES: Record<ClientErrorCode, string> = {
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
  NETWORK_ERROR: 'Cannot reach the server. Check that it is running.',
  BAD_RESPONSE: 'The server answered in an unexpected format.',
};

/** Text for any thrown value; unknown errors get a generic sentence, never their message. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return MESSAGES[error.code] ?? MESSAGES.INTERNAL_ERROR;
  return 'Something went wrong. Try again.';
}
