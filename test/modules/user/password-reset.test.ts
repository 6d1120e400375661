/**
 * Password reset by the administrators on both databases (ADR 0025): the system administrator a ledger account's,
 * the security administrator an administrator's, nobody their own; a temporary password that meets the policy,
 * answered once and never logged; its holder must change it; their sessions end; the audit row in the same change.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import type { Role } from '../../../src/domain/roles.js';
import { ForbiddenError } from '../../../src/modules/auth/forbidden-error.js';
import { actorOf, authenticate, signIn } from '../../../src/modules/session/session.service.js';
import { passwordProblems } from '../../../src/modules/user/password-policy.js';
import { createUser, issueTemporaryPassword } from '../../../src/modules/user/user.service.js';
import type { OpenedDatabase } from '../../../src/startup/open.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { auditRows, GOOD_PASSWORD, openTestDatabase, operator } from '../support.js';

describeEachDatabase('password reset by the administrators', (getUrl) => {
  let opened: OpenedDatabase;
  const db = () => opened.store.db;
  const account = async (username: string, role: Role) => createUser(db(), operator(opened.governmentId), { username, role, password: GOOD_PASSWORD });
  let sysadmin: Actor;
  let secadmin: Actor;
  let auditor: Actor;

  beforeAll(async () => {
    opened = await openTestDatabase(getUrl());
    sysadmin = actorOf(await account('xt.reset', 'sysadmin'), null);
    secadmin = actorOf(await account('aq.reset', 'secadmin'), null);
    auditor = actorOf(await account('sj.reset', 'auditor'), null);
  });
  afterAll(async () => {
    await opened.store.close();
  });

  it('gives a ledger account a temporary password it must change, ending its sessions, with an audit row that holds no password', async () => {
    const user = await account('gcy.reset', 'observer');
    const before = await signIn(db(), { username: 'gcy.reset', password: GOOD_PASSWORD, ip: null, userAgent: null });
    if (!before.ok) throw new Error('the account signs in');
    const { user: after, temporaryPassword } = await issueTemporaryPassword(db(), sysadmin, { id: user.id });
    expect(after.mustChangePassword).toBe(true);
    expect(passwordProblems(temporaryPassword, { username: user.username })).toEqual([]);
    expect(await authenticate(db(), before.token)).toBeNull();
    expect((await signIn(db(), { username: 'gcy.reset', password: GOOD_PASSWORD, ip: null, userAgent: null })).ok).toBe(false);
    const again = await signIn(db(), { username: 'gcy.reset', password: temporaryPassword, ip: null, userAgent: null });
    expect(again.ok && again.user.mustChangePassword).toBe(true);
    const audit = await auditRows(db(), 'user.password.reset', user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_username: 'xt.reset', actor_role: 'sysadmin' });
    expect(`${audit[0]?.before}${audit[0]?.after}`).not.toContain(temporaryPassword);
    expect(`${audit[0]?.before}${audit[0]?.after}`).not.toMatch(/argon2/);
  });

  it('keeps to the separation of duties', async () => {
    const observer = await account('gcy.other', 'observer');
    const otherAuditor = await account('sj.other', 'auditor');
    const otherSysadmin = await account('xt.other', 'sysadmin');
    const refused = (actor: Actor, id: number) => expect(issueTemporaryPassword(db(), actor, { id })).rejects.toBeInstanceOf(ForbiddenError);
    await refused(sysadmin, otherAuditor.id);
    await refused(sysadmin, otherSysadmin.id);
    await refused(sysadmin, sysadmin.userId ?? 0);
    await refused(secadmin, observer.id);
    await refused(secadmin, secadmin.userId ?? 0);
    await refused(auditor, observer.id);
    expect((await issueTemporaryPassword(db(), secadmin, { id: otherAuditor.id })).user.mustChangePassword).toBe(true);
    expect((await issueTemporaryPassword(db(), secadmin, { id: otherSysadmin.id })).user.mustChangePassword).toBe(true);
    expect(await auditRows(db(), 'user.password.reset', observer.id)).toHaveLength(0);
  });

  it('draws a new password each time', async () => {
    const user = await account('gcy.twice', 'observer');
    const a = await issueTemporaryPassword(db(), sysadmin, { id: user.id });
    const b = await issueTemporaryPassword(db(), sysadmin, { id: user.id });
    expect(a.temporaryPassword).not.toBe(b.temporaryPassword);
  });
});
