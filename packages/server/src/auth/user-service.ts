import { randomUUID } from 'node:crypto';
import {
  type CreateUserRequest,
  PASSWORD_MIN_LENGTH,
  type UpdateUserRequest,
  type User,
} from '@synthorg/shared';

import { AppError } from '../http/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import { AUTH_EVENTS } from './auth-events.ts';
import type { AuthUser } from './auth-types.ts';
import { hashPassword } from './password.ts';
import { assertPasswordLength, type MinPasswordLength } from './password-policy.ts';
import type { SessionRevocations } from './session-revocations.ts';
import type { UserRepository, UserRow } from './user-repository.ts';

/** User management for the ceo (our extension; the original had no such endpoints). */
export interface UserService {
  list(): Promise<User[]>;
  create(actor: AuthUser, request: CreateUserRequest): Promise<User>;
  update(actor: AuthUser, id: string, request: UpdateUserRequest): Promise<User>;
}

export function userOf(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    must_change_password: row.must_change_password === 1,
    disabled: row.disabled === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function createUserService(deps: {
  users: UserRepository;
  revocations: SessionRevocations;
  log: Logger;
  /** Shortest password accepted now (`api.min_password_length`); 12 when absent. */
  minPasswordLength?: MinPasswordLength;
}): UserService {
  const { users, revocations, log } = deps;

  /** At least one enabled ceo must remain, or nobody could manage users again. */
  const keepsACeo = async (row: UserRow, request: UpdateUserRequest): Promise<boolean> => {
    const staysCeo = (request.role ?? row.role) === 'ceo';
    const staysEnabled = !(request.disabled ?? row.disabled === 1);
    if (row.role !== 'ceo' || row.disabled === 1 || (staysCeo && staysEnabled)) return true;
    return (await users.countEnabledCeos()) > 1;
  };

  return {
    async list() {
      return (await users.list()).map(userOf);
    },

    async create(actor, request) {
      if (await users.findByUsername(request.username)) {
        throw new AppError('ALREADY_EXISTS', `User ${request.username} already exists`);
      }
      assertPasswordLength(
        request.password,
        'password',
        deps.minPasswordLength?.() ?? PASSWORD_MIN_LENGTH,
      );
      const id = randomUUID();
      const passwordHash = await hashPassword(request.password);
      try {
        await users.insert({
          id,
          username: request.username,
          passwordHash,
          role: request.role,
          mustChangePassword: true,
        });
      } catch (error) {
        // A concurrent create of the same name loses on the unique index.
        if (await users.findByUsername(request.username)) {
          throw new AppError('ALREADY_EXISTS', `User ${request.username} already exists`);
        }
        throw error;
      }
      log.info(
        { event: AUTH_EVENTS.userCreated, user_id: id, role: request.role, by: actor.id },
        'user created',
      );
      const row = await users.findById(id);
      if (!row) throw new AppError('INTERNAL_ERROR');
      return userOf(row);
    },

    async update(actor, id, request) {
      const row = await users.findById(id);
      if (!row) throw new AppError('NOT_FOUND', `User ${id} not found`);
      if (!(await keepsACeo(row, request))) {
        throw new AppError('DOMAIN_RULE_VIOLATION', 'At least one enabled ceo must remain');
      }
      const changes: Partial<Pick<UserRow, 'role' | 'disabled'>> = {};
      if (request.role !== undefined) changes.role = request.role;
      if (request.disabled !== undefined) changes.disabled = request.disabled ? 1 : 0;
      await users.update(id, changes);
      log.info(
        { event: AUTH_EVENTS.userUpdated, user_id: id, ...request, by: actor.id },
        'user updated',
      );
      if (request.disabled === true && row.disabled === 0) {
        revocations.emit({ userId: id, reason: 'disabled' });
      }
      const updated = await users.findById(id);
      if (!updated) throw new AppError('NOT_FOUND', `User ${id} not found`);
      return userOf(updated);
    },
  };
}
