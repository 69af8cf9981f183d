// TODO(shared-auth-schemas): switch to the auth schemas in @synthorg/shared once the auth
// issue lands them; these mirror the reference field names.

export const HUMAN_ROLES = [
  'ceo',
  'manager',
  'board_member',
  'pair_programmer',
  'observer',
] as const;
export type HumanRole = (typeof HUMAN_ROLES)[number];

export const WRITE_ROLES: readonly HumanRole[] = [
  'ceo',
  'manager',
  'board_member',
  'pair_programmer',
];

export interface TokenResponse {
  token: string;
  /** Seconds. */
  expires_in: number;
  must_change_password: boolean;
}

export interface UserInfo {
  id: string;
  username: string;
  role: HumanRole;
  must_change_password: boolean;
}

export interface WsTicketResponse {
  ticket: string;
  expires_in: number;
}

export interface SetupStatus {
  setup_required: boolean;
}

export const MIN_PASSWORD_LENGTH = 12;
