import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/** 24 hours, as in the original. */
export const TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

export interface TokenClaims {
  /** User id. */
  sub: string;
  /** Token id; logout stores it as revoked. */
  jti: string;
  username: string;
  /** Signature of the password hash the token was issued under. */
  pwd_sig: string;
  exp: number;
}

export interface TokenSigner {
  /** `lifetimeSeconds` defaults to `TOKEN_LIFETIME_SECONDS`. */
  sign(
    claims: { sub: string; username: string; pwd_sig: string },
    lifetimeSeconds?: number,
  ): Promise<string>;
  /** The claims of a valid token; `undefined` for anything malformed, forged or expired. */
  verify(token: string): Promise<TokenClaims | undefined>;
}

export function createTokenSigner(secret: string): TokenSigner {
  const key = new TextEncoder().encode(secret);
  return {
    sign(claims, lifetimeSeconds = TOKEN_LIFETIME_SECONDS) {
      return new SignJWT({ username: claims.username, pwd_sig: claims.pwd_sig })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.sub)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${lifetimeSeconds}s`)
        .sign(key);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          requiredClaims: ['sub', 'jti', 'iat', 'exp'],
        });
        if (typeof payload.pwd_sig !== 'string' || typeof payload.username !== 'string') {
          return undefined;
        }
        return payload as unknown as TokenClaims;
      } catch {
        return undefined;
      }
    },
  };
}
