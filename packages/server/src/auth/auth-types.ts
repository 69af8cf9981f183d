import type { Role } from '@synthorg/shared';

/** The caller of a guarded route, as loaded from the database at request time. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  mustChangePassword: boolean;
}

/** The token a request was authenticated with; logout revokes it, tickets remember it. */
export interface AuthToken {
  id: string;
  expiresAt: Date;
  /** `pwd_sig` of the token: a password change makes it stale. */
  passwordSignature: string;
}

export interface AuthSession {
  user: AuthUser;
  token: AuthToken;
}
