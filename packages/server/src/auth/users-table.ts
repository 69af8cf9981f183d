import type { Role } from '@synthorg/shared';

/** One human account. Booleans are 0/1 integers so both dialects read them the same way. */
export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  must_change_password: number;
  disabled: number;
  created_at: string;
  updated_at: string;
}

/** Tokens revoked by logout before they expire; rows past `expires_at` are purged. */
export interface RevokedTokensTable {
  jti: string;
  user_id: string;
  expires_at: string;
}
