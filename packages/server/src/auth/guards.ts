import { READ_ROLES, type Role, WRITE_ROLES } from '@synthorg/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';

import { AppError } from '../http/app-error.ts';
import { AUTH_EVENTS } from './auth-events.ts';
import type { AuthService } from './auth-service.ts';
import type { AuthToken, AuthUser } from './auth-types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by the composition root; the guards below resolve callers through it. */
    authService: AuthService;
  }
  interface FastifyRequest {
    /** The caller. Only set on routes behind one of the guards below. */
    user: AuthUser;
    /** The token the caller authenticated with. Only set behind a guard. */
    authToken: AuthToken;
  }
}

/**
 * Declares the request fields the guards fill (so every request has the same shape) and the
 * service they resolve callers through. Called once by the composition root.
 */
export function decorateAuth(app: FastifyInstance, authService: AuthService): void {
  app.decorate('authService', authService);
  // Unset until a guard runs; the types promise a user only to guarded handlers.
  app.decorateRequest('user', null as unknown as AuthUser);
  app.decorateRequest('authToken', null as unknown as AuthToken);
}

/*
 * The guards are route hooks. Prefer `onRequest: requireWrite` so an anonymous caller is refused
 * before its body is parsed and validated; `preHandler: requireWrite` works as well.
 */

async function authenticate(request: FastifyRequest): Promise<void> {
  const session = await request.server.authService.authenticate(request.headers.authorization);
  request.user = session.user;
  request.authToken = session.token;
  request.log.debug({ event: AUTH_EVENTS.success, user_id: session.user.id }, 'authenticated');
}

function denyRole(request: FastifyRequest, guard: string, allowed: readonly Role[]): void {
  if (allowed.includes(request.user.role)) return;
  request.log.warn(
    { event: AUTH_EVENTS.guardDenied, guard, role: request.user.role, user_id: request.user.id },
    'access denied',
  );
  if (guard === 'read') throw new AppError('READ_ACCESS_DENIED', 'Read access denied');
  if (guard === 'write') throw new AppError('WRITE_ACCESS_DENIED', 'Write access denied');
  throw new AppError('FORBIDDEN', 'Only a ceo may do this');
}

/**
 * Any valid bearer JWT, even of an account that must still change its password. Only for
 * `me`, `change-password` and `logout`; every other route uses a guard below.
 */
export async function requireToken(request: FastifyRequest): Promise<void> {
  await authenticate(request);
}

/** A valid bearer JWT of an account whose password needs no change. */
export async function requireAuth(request: FastifyRequest): Promise<void> {
  await authenticate(request);
  if (!request.user.mustChangePassword) return;
  request.log.warn(
    { event: AUTH_EVENTS.guardDenied, guard: 'password_changed', user_id: request.user.id },
    'password change required',
  );
  throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Password change required');
}

/** Any role that may read (all of them, including `observer`). */
export async function requireRead(request: FastifyRequest): Promise<void> {
  await requireAuth(request);
  denyRole(request, 'read', READ_ROLES);
}

/** Roles that may change state: everyone but `observer`. */
export async function requireWrite(request: FastifyRequest): Promise<void> {
  await requireAuth(request);
  denyRole(request, 'write', WRITE_ROLES);
}

/** The `ceo` only (user management). */
export async function requireCeo(request: FastifyRequest): Promise<void> {
  await requireAuth(request);
  denyRole(request, 'ceo', ['ceo']);
}
