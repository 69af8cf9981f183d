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
}

export interface AuthSession {
  user: AuthUser;
  token: AuthToken;
}
