import { z } from 'zod';

/** Human roles, as in the original. Every role may read; all but `observer` may write. */
export const ROLES = ['ceo', 'manager', 'board_member', 'pair_programmer', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const WRITE_ROLES: readonly Role[] = ['ceo', 'manager', 'board_member', 'pair_programmer'];
export const READ_ROLES: readonly Role[] = ROLES;

/**
 * The default shortest password; the server enforces the current `api.min_password_length`
 * setting (see `GET /auth/setup-status`), which may be set between the floor and the max.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** No setting can allow a new password shorter than this. */
export const PASSWORD_MIN_LENGTH_FLOOR = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const USERNAME_MAX_LENGTH = 128;

const usernameSchema = z.string().trim().min(1).max(USERNAME_MAX_LENGTH);
const newPasswordSchema = z.string().min(PASSWORD_MIN_LENGTH_FLOOR).max(PASSWORD_MAX_LENGTH);

export const setupRequestSchema = z.object({
  username: usernameSchema,
  password: newPasswordSchema,
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;

export const loginRequestSchema = z.object({
  username: usernameSchema,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const changePasswordRequestSchema = z.object({
  current_password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  new_password: newPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** A bearer JWT; `expires_in` is in seconds. */
export const tokenResponseSchema = z.object({
  token: z.string(),
  expires_in: z.number().int().positive(),
  must_change_password: z.boolean(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const userInfoSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  must_change_password: z.boolean(),
});
export type UserInfo = z.infer<typeof userInfoSchema>;

/**
 * Answer to a password change: the user, plus a fresh token, because the change revokes every
 * token issued before it (including the caller's).
 */
export const passwordChangedResponseSchema = userInfoSchema.extend({
  token: z.string(),
  expires_in: z.number().int().positive(),
});
export type PasswordChangedResponse = z.infer<typeof passwordChangedResponseSchema>;

export const wsTicketResponseSchema = z.object({
  ticket: z.string(),
  expires_in: z.number().int().positive(),
});
export type WsTicketResponse = z.infer<typeof wsTicketResponseSchema>;

/** A user as the user-management API (our extension) shows it. */
export const userSchema = userInfoSchema.extend({
  disabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const createUserRequestSchema = z.object({
  username: usernameSchema,
  password: newPasswordSchema,
  role: z.enum(ROLES),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z
  .object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .refine((body) => body.role !== undefined || body.disabled !== undefined, {
    message: 'give role or disabled',
  });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const userIdParamsSchema = z.object({ id: z.string().min(1).max(128) });

/** `POST /auth/logout` answers `{data: null, ...}`. */
export const logoutResponseSchema = z.null();

/** `GET /auth/setup-status` (public): whether the first account still has to be created. */
export const setupStatusSchema = z.object({
  setup_required: z.boolean(),
  /** The shortest new password the server accepts now (setting `api.min_password_length`). */
  min_password_length: z.number().int(),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;
