/** Account services on SQLite and PostgreSQL: rules, separation of the administrators, audit rows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import type { Role } from '../../../src/domain/roles.js';
import { ForbiddenError } from '../../../src/modules/auth/forbidden-error.js';
import { actorOf, authenticate, signIn } from '../../../src/modules/session/session.service.js';
import { UserError, type UserErrorCode } from '../../../src/modules/user/user.errors.js';
import {
  assignRole,
  changeOwnEmail,
  changePassword,
  createUser,
  grantRole,
  resetPassword,
  setDisabled,
  type NewUser,
} from '../../../src/modules/user/user.service.js';
import type { OpenedDatabase } from '../../../src/startup/open.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { addUnit, auditRows, GOOD_PASSWORD, movableClock, openTestDatabase, operator, OTHER_PASSWORD } from '../support.js';

async function refusal(promise: Promise<unknown>): Promise<UserErrorCode | 'forbidden'> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof UserError) return err.code;
    if (err instanceof ForbiddenError) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

describeEachDatabase('accounts', (getUrl) => {
  let opened: OpenedDatabase;
  let unitA: number;
  const db = () => opened.store.db;
  const system = (): Actor => operator(opened.governmentId);
  const create = (input: Partial<NewUser> & { username: string }, actor: Actor = system()) =>
    createUser(db(), actor, { role: 'observer', password: GOOD_PASSWORD, ...input });
  const actorFor = async (username: string, role: Role): Promise<Actor> => actorOf(await create({ username, role }), null);

  beforeAll(async () => {
    opened = await openTestDatabase(getUrl());
    unitA = await addUnit(db(), opened.governmentId, '区发展和改革局', '区发改局');
  });
  afterAll(async () => {
    await opened.store.close();
  });

  describe('create', () => {
    it('creates a liaison in a unit named by its alias, with an audit row that holds no hash', async () => {
      const user = await create({ username: 'li.lian', role: 'liaison', unitName: '区发改局', displayName: '李联络', mustChangePassword: true });
      expect(user).toMatchObject({ username: 'li.lian', displayName: '李联络', role: 'liaison', unitId: unitA, mustChangePassword: true, disabled: false });
      expect(user).not.toHaveProperty('passwordHash');
      const row = await db().selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      const audit = await auditRows(db(), 'user.create', user.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ object_type: 'user', actor_role: 'system', actor_username: 'test-operator' });
      expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ username: 'li.lian', role: 'liaison', unitId: unitA });
      expect(`${audit[0]?.before}${audit[0]?.after}`).not.toContain('argon2');
    });

    it('keeps the e-mail address reminders go to: given at creation, changed and cleared by the user, audited', async () => {
      const user = await create({ username: 'mail.user', email: ' mail.user@linhe.example.gov.cn ' });
      expect(user.email).toBe('mail.user@linhe.example.gov.cn');
      expect(await refusal(create({ username: 'mail.bad', email: '张三 <zhang@example.gov.cn>' }))).toBe('invalid_email');
      const self = actorOf(user, null);
      expect((await changeOwnEmail(db(), self, 'mail.new@linhe.example.gov.cn')).email).toBe('mail.new@linhe.example.gov.cn');
      expect(await refusal(changeOwnEmail(db(), self, 'not an address'))).toBe('invalid_email');
      expect((await changeOwnEmail(db(), self, '')).email).toBeNull();
      const audit = await auditRows(db(), 'user.email.change', user.id);
      expect(audit.map((a) => JSON.parse(a.after ?? '{}') as { email: string | null }).map((a) => a.email)).toEqual(['mail.new@linhe.example.gov.cn', null]);
    });

    it('accepts Chinese usernames and Chinese role labels', async () => {
      expect(await create({ username: '张三丰', role: '督查室' })).toMatchObject({ username: '张三丰', role: 'office' });
    });

    it('links a leader to the leaders list, creating the leader (audited) when not yet known', async () => {
      const first = await create({ username: 'wang.fqz', role: 'leader', displayName: '王五' });
      expect(first.leaderId).not.toBeNull();
      expect(await auditRows(db(), 'leader.create', first.leaderId ?? 0)).toHaveLength(1);
      const second = await create({ username: 'wang.fqz2', role: 'leader', displayName: '王五秘书', leaderName: '王五' });
      expect(second.leaderId).toBe(first.leaderId);
      expect(await db().selectFrom('leaders').select('id').where('name', '=', '王五').execute()).toHaveLength(1);
    });

    it.each([
      ['a username too short', { username: 'ab' }, 'invalid_username'],
      ['a username with a space', { username: 'zhang san' }, 'invalid_username'],
      ['a username of 33 characters', { username: 'a'.repeat(33) }, 'invalid_username'],
      ['an unknown role', { username: 'role.x', role: 'boss' }, 'invalid_role'],
      ['a head without a unit', { username: 'head.x', role: 'head' }, 'unit_required'],
      ['an unknown unit', { username: 'head.y', role: 'head', unitName: '不存在局' }, 'unit_not_found'],
      ['a weak password', { username: 'weak.x', password: 'Aa123456' }, 'weak_password'],
      ['a password holding the username', { username: 'zhaoliu', password: 'Zhaoliu-2027-ok' }, 'weak_password'],
    ] as const)('refuses %s', async (_title, input, code) => {
      expect(await refusal(create(input))).toBe(code);
    });

    it('lists every broken password rule in Chinese', async () => {
      const err = await create({ username: 'weak.y', password: 'woaini' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).details).toEqual([
        '密码至少需要 12 个字符（现为 6 个）',
        '密码需要包含大写字母、小写字母、数字、符号中的至少 3 类',
        '密码过于常见，容易被猜中',
      ]);
      expect((err as UserError).message).toMatch(/^密码不符合要求：/);
    });

    it('refuses a username taken, whatever its case', async () => {
      await create({ username: 'Zhou.Qi' });
      expect(await refusal(create({ username: 'zhou.qi' }))).toBe('username_taken');
    });

    it('lets the system administrator create ledger accounts but not administrators, and nobody else create any', async () => {
      const sysadmin = await actorFor('sys.admin', 'sysadmin');
      expect((await create({ username: 'made.by.sys', role: 'office' }, sysadmin)).role).toBe('office');
      expect(await refusal(create({ username: 'sec.by.sys', role: 'secadmin' }, sysadmin))).toBe('forbidden');
      const office = await actorFor('office.x', 'office');
      expect(await refusal(create({ username: 'by.office' }, office))).toBe('forbidden');
      const secadmin = await actorFor('sec.admin', 'secadmin');
      expect(await refusal(create({ username: 'by.secadmin' }, secadmin))).toBe('forbidden');
    });
  });

  describe('passwords', () => {
    it('changes the password with the current one, ends the other sessions and audits without hashes', async () => {
      const user = await create({ username: 'qin.gai' });
      const clock = movableClock();
      const input = { username: 'qin.gai', password: GOOD_PASSWORD, ip: null, userAgent: null };
      const keep = await signIn(db(), input, clock);
      const other = await signIn(db(), input, clock);
      if (!keep.ok || !other.ok) throw new Error('sign-in failed');
      const actor = actorOf(user, null);
      expect(await refusal(changePassword(db(), actor, { newPassword: OTHER_PASSWORD }, clock))).toBe('wrong_password');
      expect(await refusal(changePassword(db(), actor, { currentPassword: 'Wrong-Passw0rd!', newPassword: OTHER_PASSWORD }, clock))).toBe('wrong_password');
      expect(await refusal(changePassword(db(), actor, { currentPassword: GOOD_PASSWORD, newPassword: GOOD_PASSWORD }, clock))).toBe('password_reused');
      expect(await refusal(changePassword(db(), actor, { currentPassword: GOOD_PASSWORD, newPassword: 'qwerty123456' }, clock))).toBe('weak_password');
      await changePassword(db(), actor, { currentPassword: GOOD_PASSWORD, newPassword: OTHER_PASSWORD, keepSessionId: keep.session.id }, clock);
      expect(await authenticate(db(), keep.token, clock)).not.toBeNull();
      expect(await authenticate(db(), other.token, clock)).toBeNull();
      expect((await signIn(db(), { ...input, password: OTHER_PASSWORD }, clock)).ok).toBe(true);
      const audit = await auditRows(db(), 'user.password.change', user.id);
      expect(audit).toHaveLength(1);
      expect(`${audit[0]?.before}${audit[0]?.after}`).not.toMatch(/argon2|hash/i);
    });

    it('lets the system administrator reset a password, which must then be changed', async () => {
      const sysadmin = await actorFor('sys.reset', 'sysadmin');
      const user = await create({ username: 'reset.me' });
      const reset = await resetPassword(db(), sysadmin, { user: { id: user.id }, newPassword: OTHER_PASSWORD });
      expect(reset.mustChangePassword).toBe(true);
      expect(await auditRows(db(), 'user.password.reset', user.id)).toHaveLength(1);
      expect(await refusal(resetPassword(db(), sysadmin, { user: { username: 'sys.reset' }, newPassword: OTHER_PASSWORD }))).toBe('forbidden');
    });

    it('refuses the system actor a password change of its own', async () => {
      expect(await refusal(changePassword(db(), system(), { newPassword: OTHER_PASSWORD }))).toBe('forbidden');
    });
  });

  describe('disable, unlock and roles', () => {
    it('disables and re-enables an account, with audit rows, but not one’s own', async () => {
      const sysadmin = await actorFor('sys.dis', 'sysadmin');
      const user = await create({ username: 'dis.able' });
      expect((await setDisabled(db(), sysadmin, { user: { username: 'dis.able' }, disabled: true })).disabled).toBe(true);
      expect((await setDisabled(db(), sysadmin, { user: { username: 'dis.able' }, disabled: false })).disabled).toBe(false);
      expect(await auditRows(db(), 'user.disable', user.id)).toHaveLength(1);
      expect(await auditRows(db(), 'user.enable', user.id)).toHaveLength(1);
      expect(await refusal(setDisabled(db(), sysadmin, { user: { username: 'sys.dis' }, disabled: true }))).toBe('forbidden');
      expect(await refusal(setDisabled(db(), sysadmin, { user: { username: 'no.such.user' }, disabled: true }))).toBe('not_found');
    });

    it('lets the system administrator change ledger roles, linking units and leaders, each new role waiting for a grant', async () => {
      const sysadmin = await actorFor('sys.roles', 'sysadmin');
      const secadmin = await actorFor('sec.roles', 'secadmin');
      const user = await create({ username: 'role.change', displayName: '赵六' });
      expect(user.rolePending).toBe(false);
      expect(await refusal(assignRole(db(), sysadmin, { user: { id: user.id }, role: 'liaison' }))).toBe('unit_required');
      const liaison = await assignRole(db(), sysadmin, { user: { id: user.id }, role: 'liaison', unitName: '区发展和改革局' });
      expect(liaison).toMatchObject({ role: 'liaison', unitId: unitA, rolePending: true, roleGrantedAt: null });
      const granted = await grantRole(db(), secadmin, { user: { id: user.id }, role: 'liaison', version: liaison.version });
      expect(granted).toMatchObject({ role: 'liaison', rolePending: false, roleGrantedBy: secadmin.userId });
      const leader = await assignRole(db(), sysadmin, { user: { id: user.id }, role: 'leader' });
      expect(leader).toMatchObject({ role: 'leader', rolePending: true });
      expect(leader.leaderId).not.toBeNull();
      const audit = await auditRows(db(), 'user.role.assign', user.id);
      const roleOf = (json: string | null): unknown => (JSON.parse(json ?? '{}') as { role?: string }).role;
      expect(audit.map((a) => [roleOf(a.before), roleOf(a.after)])).toEqual([
        ['observer', 'liaison'],
        ['liaison', 'leader'],
      ]);
      const grants = await auditRows(db(), 'user.role.grant', user.id);
      expect(grants).toHaveLength(1);
      expect(grants[0]).toMatchObject({ actor_role: 'secadmin', actor_username: 'sec.roles' });
      expect(JSON.parse(grants[0]?.after ?? '{}')).toMatchObject({ role: 'liaison', rolePending: false });
    });

    it('keeps the three administrators apart: no promotion to or from them but at the command line', async () => {
      const sysadmin = await actorFor('sys.sep', 'sysadmin');
      const user = await create({ username: 'would.be.admin' });
      expect(await refusal(assignRole(db(), sysadmin, { user: { id: user.id }, role: 'auditor' }))).toBe('forbidden');
      expect(await refusal(assignRole(db(), sysadmin, { user: { username: 'sys.sep' }, role: 'office' }))).toBe('forbidden');
      const secadmin = await actorFor('sec.sep', 'secadmin');
      expect(await refusal(assignRole(db(), secadmin, { user: { id: user.id }, role: 'office' }))).toBe('forbidden');
      expect((await assignRole(db(), system(), { user: { id: user.id }, role: 'auditor' })).role).toBe('auditor');
    });
  });

  describe('grants (三员分立)', () => {
    it('makes what the system administrator creates wait for the grant and a password change; refuses mustChangePassword false', async () => {
      const sysadmin = await actorFor('sys.grant', 'sysadmin');
      expect(await refusal(create({ username: 'no.change', role: 'office', mustChangePassword: false }, sysadmin))).toBe('password_change_mandatory');
      const office = await create({ username: 'new.office', role: 'office' }, sysadmin);
      expect(office).toMatchObject({ role: 'office', rolePending: true, mustChangePassword: true, roleGrantedAt: null });
      const byOperator = await create({ username: 'op.office', role: 'office' });
      expect(byOperator).toMatchObject({ rolePending: false, mustChangePassword: false });
      expect(byOperator.roleGrantedAt).not.toBeNull();
    });

    it('lets only a security administrator grant, never to their own account, nor a role other than the one requested, nor at an old version', async () => {
      const sysadmin = await actorFor('sys.grant2', 'sysadmin');
      const secadmin = await actorFor('sec.grant2', 'secadmin');
      const user = await create({ username: 'to.grant', role: 'observer' }, sysadmin);
      const grant = (actor: Actor, extra: Partial<{ role: string; version: number }> = {}) =>
        grantRole(db(), actor, { user: { id: user.id }, role: 'observer', version: user.version, ...extra });
      expect(await refusal(grant(sysadmin))).toBe('forbidden');
      expect(await refusal(grant(await actorFor('office.grant2', 'office')))).toBe('forbidden');
      expect(await refusal(grant(secadmin, { role: 'office' }))).toBe('role_changed');
      await expect(grant(secadmin, { version: user.version + 5 })).rejects.toMatchObject({ status: 409, code: 'version_conflict' });
      // Their own account: refused (it is also an administrator's, whose role only the operator sets).
      expect(await refusal(grantRole(db(), secadmin, { user: { username: 'sec.grant2' }, role: 'secadmin', version: 1 }))).toBe('forbidden');
      expect((await grant(secadmin)).rolePending).toBe(false);
      expect(await refusal(grantRole(db(), secadmin, { user: { id: user.id }, role: 'observer', version: user.version + 1 }))).toBe('nothing_to_grant');
      expect(await auditRows(db(), 'user.role.grant', user.id)).toHaveLength(1);
    });
  });
});
