/**
 * Why a user's live sessions end. `tokenId` narrows a logout to the sessions opened with that
 * one token; without it every session of the user ends (password change, disabled account).
 */
export interface SessionRevocation {
  userId: string;
  tokenId?: string;
  reason: 'logout' | 'password_changed' | 'disabled';
}

export type RevocationListener = (revocation: SessionRevocation) => void;

/**
 * Tells live-connection holders (the WebSocket endpoint) that sessions have ended, on every
 * instance: it is carried by the fan-out bus (`ws/bus-revocations.ts`).
 */
export interface SessionRevocations {
  emit(revocation: SessionRevocation): void;
  subscribe(listener: RevocationListener): () => void;
}
