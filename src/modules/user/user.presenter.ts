/** What leaves the server about an account, and what the audit log records of it: never the hash. */
import type { Static } from 'typebox';
import { ROLE_LABELS } from '../../domain/roles.js';
import type { User } from './user.repository.js';
import type { UserViewSchema } from './user.schema.js';

export type UserView = Static<typeof UserViewSchema>;

export function presentUser(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    roleLabel: ROLE_LABELS[user.role],
    unitId: user.unitId,
    leaderId: user.leaderId,
    mustChangePassword: user.mustChangePassword,
    disabled: user.disabled,
    lockedUntil: user.lockedUntil,
    email: user.email,
    rolePending: user.rolePending,
    roleGrantedAt: user.roleGrantedAt,
    version: user.version,
  };
}

/** The account as the audit log's before/after shows it. */
export function auditSnapshot(user: User): Record<string, unknown> {
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    leaderId: user.leaderId,
    mustChangePassword: user.mustChangePassword,
    disabled: user.disabled,
    lockedUntil: user.lockedUntil,
    passwordChangedAt: user.passwordChangedAt,
    email: user.email,
    rolePending: user.rolePending,
    roleGrantedBy: user.roleGrantedBy,
  };
}
