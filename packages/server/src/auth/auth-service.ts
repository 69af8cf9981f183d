import { randomUUID } from 'node:crypto';
import {
  PASSWORD_MIN_LENGTH,
  type PasswordChangedResponse,
  type TokenResponse,
  type UserInfo,
} from '@synthorg/shared';

import { AppError } from '../http/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import { AUTH_EVENTS, AUTH_FAILURE_REASONS as REASONS } from './auth-events.ts';
import type { AuthSession, AuthToken, AuthUser } from './auth-types.ts';
import { TOKEN_LIFETIME_SECONDS, type TokenSigner } from './jwt.ts';
import type { LoginLockout } from './login-lockout.ts';
import {
  createDummyHash,
  hashPassword,
  passwordSignature,
  sameSignature,
  verifyPassword,
} from './password.ts';
import { assertPasswordLength, type MinPasswordLength } from './password-policy.ts';
import type { SessionRevocations } from './session-revocations.ts';
import type { UserRepository, UserRow } from './user-repository.ts';

export interface AuthServiceDeps {
  users: UserRepository;
  signer: TokenSigner;
  lockout: LoginLockout;
  revocations: SessionRevocations;
  log: Logger;
  /** Lifetime of tokens issued now (`api.jwt_expiry_minutes`); 24 hours when absent. */
  tokenLifetimeSeconds?: () => number;
  /** Shortest new password accepted now (`api.min_password_length`); 12 when absent. */
  minPasswordLength?: MinPasswordLength;
}

export interface AuthService {
  setup(username: string, password: string): Promise<TokenResponse>;
  login(username: string, password: string, address: string): Promise<TokenResponse>;
  /** Resolves a bearer `Authorization` header to the caller; throws 401 otherwise. */
  authenticate(header: string | undefined): Promise<AuthSession>;
  changePassword(
    session: AuthSession,
    current: string,
    next: string,
  ): Promise<PasswordChangedResponse>;
  logout(session: AuthSession): Promise<void>;
  /** True while the user exists, is enabled, kept its password and the token is not revoked. */
  isSessionActive(
    userId: string,
    token: Pick<AuthToken, 'id' | 'passwordSignature'>,
  ): Promise<boolean>;
  /** Drops revocations of tokens that have expired; run periodically. */
  purgeExpiredRevocations(): Promise<number>;
  /** A token for an existing user without a password (the local doctor's session). */
  issueFor(userId: string, lifetimeSeconds: number): Promise<TokenResponse>;
}

export function userInfoOf(row: UserRow): UserInfo {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    must_change_password: row.must_change_password === 1,
  };
}

function authUserOf(row: UserRow): AuthUser {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    mustChangePassword: row.must_change_password === 1,
  };
}

function parseBearer(header: string | undefined): string {
  if (header === undefined || header.trim() === '') {
    throw new AppError('UNAUTHENTICATED', 'Missing Authorization header', {
      cause: REASONS.missingHeader,
    });
  }
  const [scheme, token, ...rest] = header.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
    throw new AppError('TOKEN_INVALID', 'Invalid authorization scheme', {
      cause: REASONS.invalidScheme,
    });
  }
  return token;
}

export function createAuthService(deps: AuthServiceDeps): AuthService {
  const { users, signer, lockout, revocations, log } = deps;
  const dummyHash = createDummyHash();
  const lifetimeNow = deps.tokenLifetimeSeconds ?? (() => TOKEN_LIFETIME_SECONDS);
  const minLength = deps.minPasswordLength ?? (() => PASSWORD_MIN_LENGTH);

  const issue = async (row: UserRow, lifetime = lifetimeNow()): Promise<TokenResponse> => {
    const token = await signer.sign(
      { sub: row.id, username: row.username, pwd_sig: passwordSignature(row.password_hash) },
      lifetime,
    );
    log.info({ event: AUTH_EVENTS.tokenIssued, user_id: row.id }, 'token issued');
    return {
      token,
      expires_in: lifetime,
      must_change_password: row.must_change_password === 1,
    };
  };

  const refuse = (reason: string, fields: Record<string, unknown> = {}): AppError => {
    log.warn({ event: AUTH_EVENTS.failed, reason, ...fields }, 'authentication refused');
    return new AppError('TOKEN_INVALID', 'Invalid or expired token');
  };

  return {
    async setup(username, password) {
      if ((await users.count()) > 0) {
        log.warn({ event: AUTH_EVENTS.failed, reason: REASONS.setupAlreadyCompleted }, 'setup');
        throw new AppError('SETUP_ALREADY_DONE', 'Setup already completed');
      }
      assertPasswordLength(password, 'password', minLength());
      const passwordHash = await hashPassword(password);
      const id = randomUUID();
      const won = await users.insertFirst({
        id,
        username,
        passwordHash,
        role: 'ceo',
        mustChangePassword: false,
      });
      if (!won) {
        log.warn({ event: AUTH_EVENTS.failed, reason: REASONS.setupRaceDetected }, 'setup');
        throw new AppError('SETUP_ALREADY_DONE', 'Setup already completed');
      }
      const row = await users.findById(id);
      if (!row) throw new AppError('INTERNAL_ERROR');
      log.info({ event: AUTH_EVENTS.setupComplete, user_id: id, username }, 'admin created');
      return issue(row);
    },

    async login(username, password, address) {
      const wait = await lockout.retryAfter(username, address);
      if (wait > 0) {
        log.warn(
          { event: AUTH_EVENTS.lockedOut, reason: REASONS.locked, retry_after: wait },
          'lock',
        );
        throw new AppError('LOGIN_LOCKED', undefined, { headers: { 'Retry-After': String(wait) } });
      }
      const row = await users.findByUsername(username);
      const valid = await verifyPassword(row?.password_hash ?? (await dummyHash), password);
      if (!row || !valid) {
        await lockout.recordFailure(username, address);
        log.warn({ event: AUTH_EVENTS.failed, reason: REASONS.invalidCredentials }, 'login failed');
        throw new AppError('INVALID_CREDENTIALS', 'Invalid username or password');
      }
      if (row.disabled === 1) {
        log.warn(
          { event: AUTH_EVENTS.failed, reason: REASONS.userDisabled, user_id: row.id },
          'login',
        );
        throw new AppError('ACCOUNT_DISABLED', 'This account is disabled');
      }
      await lockout.recordSuccess(username);
      return issue(row);
    },

    async authenticate(header) {
      const claims = await signer.verify(parseBearer(header));
      if (!claims) throw refuse(REASONS.jwtInvalid);
      const row = await users.findById(claims.sub);
      if (!row) throw refuse(REASONS.userNotFound, { user_id: claims.sub });
      if (!sameSignature(claims.pwd_sig, passwordSignature(row.password_hash))) {
        throw refuse(REASONS.passwordChanged, { user_id: row.id });
      }
      if (row.disabled === 1) throw refuse(REASONS.userDisabled, { user_id: row.id });
      if (await users.isRevoked(claims.jti))
        throw refuse(REASONS.tokenRevoked, { user_id: row.id });
      return {
        user: authUserOf(row),
        token: {
          id: claims.jti,
          expiresAt: new Date(claims.exp * 1000),
          passwordSignature: claims.pwd_sig,
        },
      };
    },

    async changePassword(session, current, next) {
      const row = await users.findById(session.user.id);
      if (!row) throw new AppError('TOKEN_INVALID', 'Invalid or expired token');
      if (!(await verifyPassword(row.password_hash, current))) {
        log.warn(
          { event: AUTH_EVENTS.failed, reason: REASONS.invalidCurrentPassword, user_id: row.id },
          'password change refused',
        );
        throw new AppError('INVALID_CREDENTIALS', 'Invalid current password');
      }
      assertPasswordLength(next, 'new_password', minLength());
      await users.setPassword(row.id, await hashPassword(next));
      const updated = await users.findById(row.id);
      if (!updated) throw new AppError('INTERNAL_ERROR');
      log.info({ event: AUTH_EVENTS.passwordChanged, user_id: row.id }, 'password changed');
      revocations.emit({ userId: row.id, reason: 'password_changed' });
      const { token, expires_in } = await issue(updated);
      return { ...userInfoOf(updated), token, expires_in };
    },

    async logout(session) {
      await users.revoke(session.token.id, session.user.id, session.token.expiresAt);
      log.info({ event: AUTH_EVENTS.loggedOut, user_id: session.user.id }, 'logged out');
      revocations.emit({ userId: session.user.id, tokenId: session.token.id, reason: 'logout' });
    },

    async isSessionActive(userId, token) {
      const row = await users.findById(userId);
      if (!row || row.disabled === 1) return false;
      if (!sameSignature(token.passwordSignature, passwordSignature(row.password_hash)))
        return false;
      return !(await users.isRevoked(token.id));
    },

    purgeExpiredRevocations: () => users.purgeRevoked(new Date()),

    async issueFor(userId, lifetimeSeconds) {
      const row = await users.findById(userId);
      if (!row || row.disabled === 1) throw new AppError('NOT_FOUND', 'No such enabled user');
      return issue(row, lifetimeSeconds);
    },
  };
}
