/**
 * Accounts: create, change and reset passwords, unlock, disable, change role,
 * grant a role. Each function checks the actor first, hashes any password
 * before opening its transaction (see atomically) and writes the change with
 * its audit row in that one transaction.
 *
 * Separation of the three administrators (三员分立, GB/T 22239-2019) holds by
 * construction: an account has exactly one role (users.role), so no user can
 * hold two of sysadmin, secadmin and auditor; administrator accounts are
 * created and re-roled only by the system actor (the operator at the command
 * line), see user.policy.ts. The system administrator creates accounts and
 * changes their roles, but such a role is only requested (role_pending) until
 * the security administrator grants it, and the account must change the
 * password the system administrator chose before it can do anything: so the
 * system administrator never acts through an account they made. The operator
 * at the console is the set-up authority: what it creates is in force at once.
 */
import type { Actor } from '../../domain/actor.js';
import { ROLE_LABELS } from '../../domain/roles.js';
import { versionConflict } from '../errors.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { appendAudit } from '../audit/audit.repository.js';
import { authorize, type AuthActor } from '../auth/authorize.js';
import { ForbiddenError } from '../auth/forbidden-error.js';
import { governmentSubject, type UserSubject } from '../auth/subjects.js';
import { changing, systemClock, type Clock } from '../../store/unit-of-work.js';
import { ensureLeaders } from '../leader/leader.repository.js';
import { deleteUserSessions } from '../session/session.repository.js';
import { findUnitsByName, resolveUnitNames } from '../unit/unit.repository.js';
import { generatePassword, hashPassword, verifyPassword } from './password.js';
import { passwordProblems, type PasswordContext } from './password-policy.js';
import { checkDisplayName, checkEmail, checkUsername, needsUnit, parseRole } from './user-rules.js';
import { UserError } from './user.errors.js';
import { auditSnapshot, presentUser } from './user.presenter.js';
import * as repo from './user.repository.js';
import type { User, UserRef } from './user.repository.js';

export interface NewUser {
  username: string;
  /** A role code (office) or its Chinese label (督查室). */
  role: string;
  password: string;
  /** Defaults to the username. */
  displayName?: string;
  /** Required for head and liaison; a unit's name or alias. */
  unitName?: string;
  /** For role leader: the leader as named in the notices; defaults to the display name. */
  leaderName?: string;
  mustChangePassword?: boolean;
  /** Where e-mail reminders go. */
  email?: string;
}

export async function createUser(db: Tx, actor: Actor, input: NewUser, clock: Clock = systemClock): Promise<User> {
  const username = checkUsername(input.username);
  const role = parseRole(input.role);
  const displayName = checkDisplayName(input.displayName ?? username);
  const email = input.email === undefined ? null : checkEmail(input.email);
  authorize(actor, 'user.manage', { kind: 'user', governmentId: actor.governmentId, userId: null, role });
  // Someone other than the operator chose this password: its holder must replace it before doing anything.
  const byOperator = actor.role === 'system';
  if (!byOperator && input.mustChangePassword === false) {
    throw new UserError('password_change_mandatory', '由管理员创建的账户必须在首次登录时修改密码，不能设置为无需修改');
  }
  if (needsUnit(role) && !input.unitName?.trim()) throw new UserError('unit_required', '单位负责人和单位联络员必须指定所属单位');
  const passwordHash = await hashChecked(input.password, { username, displayName });
  return changing(db, actor.governmentId, async (trx) => {
    if (await repo.usernameTaken(trx, username)) throw new UserError('username_taken', `用户名 ${username} 已被使用`);
    const now = nowIso(clock);
    const unitId = input.unitName?.trim() ? await unitIdByName(trx, actor.governmentId, input.unitName.trim()) : null;
    const leaderId = role === 'leader' ? await leaderLink(trx, actor, input.leaderName ?? displayName, clock) : null;
    const user = await repo.insertUser(trx, {
      government_id: actor.governmentId,
      username,
      display_name: displayName,
      password_hash: passwordHash,
      role,
      unit_id: unitId,
      leader_id: leaderId,
      must_change_password: !byOperator || input.mustChangePassword === true ? 1 : 0,
      role_pending: byOperator ? 0 : 1,
      role_granted_at: byOperator ? now : null,
      disabled: 0,
      locked_until: null,
      password_changed_at: now,
      email,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(trx, actor, { action: 'user.create', objectType: 'user', objectId: user.id, after: auditSnapshot(user) }, clock);
    return user;
  });
}

export interface PasswordChange {
  /** Required, except while a password change is due (must_change_password). */
  currentPassword?: string;
  newPassword: string;
  /** The session making the change stays signed in; the user's other sessions end. */
  keepSessionId?: string;
}

/** The signed-in user changes their own password. */
export async function changePassword(db: Tx, actor: AuthActor, input: PasswordChange, clock: Clock = systemClock): Promise<User> {
  const userId = actor.userId;
  if (userId === null || actor.role === 'system') throw new ForbiddenError('session.self');
  authorize(actor, 'session.self', { kind: 'user', governmentId: actor.governmentId, userId, role: actor.role });
  const user = await mustFind(db, actor.governmentId, { id: userId });
  const currentHash = (await repo.findPasswordHash(db, userId)) ?? null;
  const needsCurrent = !user.mustChangePassword || input.currentPassword !== undefined;
  if (needsCurrent && !(await verifyPassword(currentHash, input.currentPassword ?? ''))) {
    throw new UserError('wrong_password', '当前密码不正确');
  }
  if (await verifyPassword(currentHash, input.newPassword)) throw new UserError('password_reused', '新密码不能与当前密码相同');
  const passwordHash = await hashChecked(input.newPassword, user);
  return changing(db, actor.governmentId, async (trx) => {
    const now = nowIso(clock);
    const after = await repo.updateUser(trx, user.id, { password_hash: passwordHash, password_changed_at: now, must_change_password: 0, updated_at: now });
    await deleteUserSessions(trx, user.id, input.keepSessionId);
    await audit(trx, actor, 'user.password.change', user, after, clock);
    return after;
  });
}

/** The user records (or clears, with '') the address their e-mail reminders go to. */
export async function changeOwnEmail(db: Tx, actor: AuthActor, value: string, clock: Clock = systemClock): Promise<User> {
  const userId = actor.userId;
  if (userId === null || actor.role === 'system') throw new ForbiddenError('session.self');
  authorize(actor, 'session.self', { kind: 'user', governmentId: actor.governmentId, userId, role: actor.role });
  const email = checkEmail(value);
  return changing(db, actor.governmentId, async (trx) => {
    const user = await mustFind(trx, actor.governmentId, { id: userId });
    const after = await repo.updateUser(trx, user.id, { email, updated_at: nowIso(clock) });
    await audit(trx, actor, 'user.email.change', user, after, clock);
    return after;
  });
}

/** An administrator sets a new password that the user must change at the next sign-in. */
export async function resetPassword(db: Tx, actor: Actor, input: { user: UserRef; newPassword: string }, clock: Clock = systemClock): Promise<User> {
  const user = await mustFind(db, actor.governmentId, input.user);
  authorize(actor, 'password.reset', subjectOf(user));
  const passwordHash = await hashChecked(input.newPassword, user);
  return changing(db, actor.governmentId, async (trx) => {
    const now = nowIso(clock);
    const after = await repo.updateUser(trx, user.id, { password_hash: passwordHash, password_changed_at: now, must_change_password: 1, updated_at: now });
    await deleteUserSessions(trx, user.id);
    await audit(trx, actor, 'user.password.reset', user, after, clock);
    return after;
  });
}

/**
 * An administrator resets a forgotten password (ADR 0025): the system administrator a ledger account's, the
 * security administrator an administrator's, nobody their own. The server draws a temporary password that meets
 * the policy and answers it once; it is never stored in clear nor written to the log. The holder must change it at
 * the next sign-in, and every session of theirs ends. A lock stays: lifting it is the security administrator's.
 */
export async function issueTemporaryPassword(
  db: Tx,
  actor: Actor,
  ref: UserRef,
  clock: Clock = systemClock,
): Promise<{ user: User; temporaryPassword: string }> {
  const found = await mustFind(db, actor.governmentId, ref);
  authorize(actor, 'password.reset', subjectOf(found));
  const temporaryPassword = generatePassword(found.username);
  const passwordHash = await hashChecked(temporaryPassword, found);
  const user = await changing(db, actor.governmentId, async (trx) => {
    const current = await mustFind(trx, actor.governmentId, ref);
    // The role may have changed while the password was hashed: the check holds for the account as it is now.
    authorize(actor, 'password.reset', subjectOf(current));
    const now = nowIso(clock);
    const after = await repo.updateUser(trx, current.id, { password_hash: passwordHash, password_changed_at: now, must_change_password: 1, updated_at: now });
    await deleteUserSessions(trx, current.id);
    await audit(trx, actor, 'user.password.reset', current, after, clock);
    return after;
  });
  return { user, temporaryPassword };
}

/**
 * Lifts a sign-in lock. Setting locked_until to now (rather than null) also
 * forgives the failures before it, which would otherwise lock again at once.
 */
export async function unlockUser(db: Tx, actor: Actor, ref: UserRef, clock: Clock = systemClock): Promise<User> {
  return changing(db, actor.governmentId, async (trx) => {
    const user = await mustFind(trx, actor.governmentId, ref);
    authorize(actor, 'account.unlock', subjectOf(user));
    const now = nowIso(clock);
    const after = await repo.updateUser(trx, user.id, { locked_until: now, updated_at: now });
    await audit(trx, actor, 'user.unlock', user, after, clock);
    return after;
  });
}

/** Disables or re-enables an account; disabling ends its sessions at once. */
export async function setDisabled(db: Tx, actor: Actor, input: { user: UserRef; disabled: boolean }, clock: Clock = systemClock): Promise<User> {
  return changing(db, actor.governmentId, async (trx) => {
    const user = await mustFind(trx, actor.governmentId, input.user);
    authorize(actor, 'user.manage', subjectOf(user));
    const now = nowIso(clock);
    const after = await repo.updateUser(trx, user.id, { disabled: input.disabled ? 1 : 0, updated_at: now });
    if (input.disabled) await deleteUserSessions(trx, user.id);
    await audit(trx, actor, input.disabled ? 'user.disable' : 'user.enable', user, after, clock);
    return after;
  });
}

export const disableUser = (db: Tx, actor: Actor, ref: UserRef, clock?: Clock): Promise<User> => setDisabled(db, actor, { user: ref, disabled: true }, clock);

export interface RoleAssignment {
  user: UserRef;
  role: string;
  /** Required when the new role is head or liaison and the account has no unit yet. */
  unitName?: string;
  /** For the role leader; defaults to the display name. */
  leaderName?: string;
}

/**
 * The system administrator gives an account another role; a leader is linked
 * to the leaders list, a head or liaison to a unit. The new role waits for the
 * security administrator's grant (grantRole); meanwhile the account can only
 * change its password. The operator's change is in force at once.
 */
export async function assignRole(db: Tx, actor: Actor, input: RoleAssignment, clock: Clock = systemClock): Promise<User> {
  const role = parseRole(input.role);
  return changing(db, actor.governmentId, async (trx) => {
    const user = await mustFind(trx, actor.governmentId, input.user);
    authorize(actor, 'user.manage', subjectOf(user));
    authorize(actor, 'user.manage', { ...subjectOf(user), role });
    const unitId = input.unitName?.trim() ? await unitIdByName(trx, actor.governmentId, input.unitName.trim()) : user.unitId;
    if (needsUnit(role) && unitId === null) throw new UserError('unit_required', '单位负责人和单位联络员必须指定所属单位');
    const leaderId = role === 'leader' ? (user.leaderId ?? (await leaderLink(trx, actor, input.leaderName ?? user.displayName, clock))) : null;
    const now = nowIso(clock);
    const granted = actor.role === 'system';
    const after = await repo.updateUser(trx, user.id, {
      role,
      unit_id: unitId,
      leader_id: leaderId,
      role_pending: granted ? 0 : 1,
      role_granted_by: null,
      role_granted_at: granted ? now : null,
      updated_at: now,
    });
    await audit(trx, actor, 'user.role.assign', user, after, clock);
    return after;
  });
}

export interface RoleGrant {
  user: UserRef;
  /** The role the security administrator saw requested: a different one now is refused. */
  role: string;
  /** The account's version the security administrator saw. */
  version: number;
}

/** The security administrator puts an account's requested role in force; never on their own account. */
export async function grantRole(db: Tx, actor: Actor, input: RoleGrant, clock: Clock = systemClock): Promise<User> {
  const role = parseRole(input.role);
  return changing(db, actor.governmentId, async (trx) => {
    const user = await mustFind(trx, actor.governmentId, input.user);
    authorize(actor, 'role.assign', { kind: 'role-change', governmentId: user.governmentId, userId: user.id, from: user.role, to: user.role });
    if (user.version !== input.version) throw versionConflict(presentUser(user));
    if (user.role !== role) throw new UserError('role_changed', `该账户申请的角色已改为${ROLE_LABELS[user.role]}，请刷新后重新确认`);
    if (!user.rolePending) throw new UserError('nothing_to_grant', '该账户的角色已经生效，无需授权');
    const now = nowIso(clock);
    const after = await repo.updateUser(trx, user.id, { role_pending: 0, role_granted_by: actor.userId, role_granted_at: now, updated_at: now });
    await audit(trx, actor, 'user.role.grant', user, after, clock);
    return after;
  });
}

async function hashChecked(password: string, who: PasswordContext): Promise<string> {
  const problems = passwordProblems(password, { username: who.username, displayName: who.displayName });
  if (problems.length > 0) throw new UserError('weak_password', `密码不符合要求：${problems.join('；')}`, problems);
  return hashPassword(password);
}

async function mustFind(db: Tx, governmentId: number, ref: UserRef): Promise<User> {
  const user = await repo.findUser(db, governmentId, ref);
  if (!user) throw new UserError('not_found', `找不到用户：${'id' in ref ? `#${ref.id}` : ref.username}`);
  return user;
}

/** A unit by its name or one of its aliases (简称). */
async function unitIdByName(db: Tx, governmentId: number, name: string): Promise<number> {
  const canonical = (await resolveUnitNames(db, governmentId, [name])).get(name);
  const unit = canonical === undefined ? undefined : (await findUnitsByName(db, governmentId, [canonical])).get(canonical);
  if (!unit) throw new UserError('unit_not_found', `找不到单位：${name}（请先导入任务分解通知或添加该单位）`);
  return unit.id;
}

/** The leader of that name, created (and audited) when the notices have not named them yet. */
async function leaderLink(trx: Tx, actor: Actor, name: string, clock: Clock): Promise<number> {
  const leaderName = checkDisplayName(name);
  const existing = await repo.findLeaderByName(trx, actor.governmentId, leaderName);
  if (existing) return existing.id;
  const id = (await ensureLeaders(trx, actor.governmentId, [leaderName], nowIso(clock))).get(leaderName);
  if (id === undefined) throw new Error(`无法创建领导：${leaderName}`);
  await appendAudit(trx, actor, { action: 'leader.create', objectType: 'leader', objectId: id, after: { name: leaderName } }, clock);
  return id;
}

const subjectOf = (user: User): UserSubject => ({ kind: 'user', governmentId: user.governmentId, userId: user.id, role: user.role });

function audit(trx: Tx, actor: Actor, action: string, before: User, after: User, clock: Clock): Promise<void> {
  return appendAudit(trx, actor, { action, objectType: 'user', objectId: after.id, before: auditSnapshot(before), after: auditSnapshot(after) }, clock);
}

/** Every account of the government, for the administrators. */
export async function usersOf(db: Tx, actor: Actor): Promise<User[]> {
  authorize(actor, 'user.read', governmentSubject(actor.governmentId));
  return repo.listUsers(db, actor.governmentId);
}
