/**
 * 三员分立 through the API (GB/T 22239-2019), as the done-when says: an
 * office, leader or head account created by the system administrator cannot
 * act until the security administrator grants the role and its holder has
 * changed the password the system administrator chose; it cannot be created
 * with mustChangePassword:false. Both steps are in the audit log.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.js';
import { call, CHINESE, errorOf, LEADER, signIn, signInAs, UNIT_A, uniqueName, useApiFixture, type ApiFixture, type Session } from './api-fixture.js';

const INITIAL = 'Lh-50-Initial!Pass9';
const CHOSEN = 'Lh-51-Chosen!Pass9';

interface Made {
  id: number;
  username: string;
  version: number;
}

describeEachDatabase('role grants (三员分立) through the API', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let sysadmin: Session;
  let secadmin: Session;
  beforeAll(async () => {
    sysadmin = await signInAs(fx().app, 'sysadmin');
    secadmin = await signInAs(fx().app, 'secadmin');
  });

  const auditOf = (f: ApiFixture, action: string, id: number) =>
    f.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('object_id', '=', String(id)).execute();

  async function create(body: Record<string, unknown>): Promise<Made> {
    const res = await call(fx().app, sysadmin, 'POST', '/api/users', { username: uniqueName('g'), password: INITIAL, ...body });
    expect(res.statusCode, res.body).toBe(200);
    const user = res.json<{ id: number; username: string; version: number; rolePending: boolean; mustChangePassword: boolean }>();
    expect(user).toMatchObject({ rolePending: true, mustChangePassword: true });
    expect(await auditOf(fx(), 'user.create', user.id)).toHaveLength(1);
    return user;
  }

  /** The security administrator grants the role as their list shows the account now. */
  async function grant(user: Made, role: string): Promise<void> {
    const list = await call(fx().app, secadmin, 'GET', '/api/users');
    const seen = list.json<{ items: Made[] }>().items.find((u) => u.id === user.id);
    const res = await call(fx().app, secadmin, 'POST', `/api/users/${user.id}/grant`, { role, version: seen?.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ role, rolePending: false });
    const rows = await auditOf(fx(), 'user.role.grant', user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_role: 'secadmin' });
  }

  async function changePassword(session: Session): Promise<void> {
    const res = await call(fx().app, session, 'POST', '/api/me/password', { newPassword: CHOSEN });
    expect(res.statusCode, res.body).toBe(200);
  }

  const expectRefused = (res: { statusCode: number; body: string }, code: string): void => {
    expect(res.statusCode, res.body).toBe(403);
    expect(errorOf(res as Parameters<typeof errorOf>[0]).code).toBe(code);
  };

  it('refuses to create an account with mustChangePassword false, with a Chinese message, and creates nothing', async () => {
    const username = uniqueName('g');
    const res = await call(fx().app, sysadmin, 'POST', '/api/users', { username, role: 'office', password: INITIAL, mustChangePassword: false });
    expect(res.statusCode, res.body).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'password_change_mandatory', message: '由管理员创建的账户必须在首次登录时修改密码，不能设置为无需修改' });
    expect(await fx().store.db.selectFrom('users').select('id').where('username', '=', username).execute()).toHaveLength(0);
  });

  it('holds an office account back until the grant and the password change, whichever comes first', async () => {
    const office = await create({ role: 'office', mustChangePassword: true });
    const task = `/api/tasks/${fx().tasks.b.id}`;
    // The system administrator knows the password and signs in: only the password change is open.
    let session = await signIn(fx().app, office.username, INITIAL);
    expectRefused(await call(fx().app, session, 'GET', task), 'password_change_required');
    await changePassword(session);
    session = await signIn(fx().app, office.username, CHOSEN);
    const refused = await call(fx().app, session, 'GET', task);
    expectRefused(refused, 'role_not_granted');
    expect(errorOf(refused).message).toBe('该账户的角色尚未经安全管理员授权');
    expectRefused(await call(fx().app, session, 'POST', `/api/tasks/${fx().tasks.b.id}/complete`, { version: 1, comment: '已完成' }), 'role_not_granted');
    const me = await call(fx().app, session, 'GET', '/api/me');
    expect(me.json()).toMatchObject({ user: { rolePending: true }, actions: ['session.self'] });

    await grant(office, 'office');
    expect((await call(fx().app, session, 'GET', task)).statusCode).toBe(200);
    expect((await call(fx().app, session, 'GET', '/api/me')).json<{ actions: string[] }>().actions).toContain('task.complete');
  });

  it('holds a leader and a unit head back until both steps are done, and then lets them read the unpublished report they may read', async () => {
    const leader = await create({ role: 'leader', displayName: LEADER, leaderName: LEADER });
    const head = await create({ role: 'head', unitName: UNIT_A, displayName: '工信局负责人' });
    const draft = `/api/reports/${fx().reports.a}`;
    await grant(leader, 'leader');
    await grant(head, 'head');
    for (const user of [leader, head]) {
      // Granted, but the password is still the one the system administrator chose.
      const session = await signIn(fx().app, user.username, INITIAL);
      expectRefused(await call(fx().app, session, 'GET', draft), 'password_change_required');
      await changePassword(session);
      const own = await signIn(fx().app, user.username, CHOSEN);
      const res = await call(fx().app, own, 'GET', draft);
      expect(res.statusCode, `${user.username}: ${res.body}`).toBe(200);
    }
  });

  it('makes a changed role wait for a new grant', async () => {
    const observer = await create({ role: 'observer' });
    await grant(observer, 'observer');
    const session = await signIn(fx().app, observer.username, INITIAL);
    await changePassword(session);
    const own = await signIn(fx().app, observer.username, CHOSEN);
    expect((await call(fx().app, own, 'GET', `/api/tasks/${fx().tasks.a.id}`)).statusCode).toBe(200);
    const changed = await call(fx().app, sysadmin, 'PUT', `/api/users/${observer.id}/role`, { role: 'office' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ role: 'office', rolePending: true });
    expectRefused(await call(fx().app, own, 'GET', `/api/tasks/${fx().tasks.a.id}`), 'role_not_granted');
    // A grant for the role seen before the change is refused: the security administrator must look again.
    const stale = await call(fx().app, secadmin, 'POST', `/api/users/${observer.id}/grant`, { role: 'observer', version: changed.json<Made>().version });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(errorOf(stale).code).toBe('role_changed');
    const granted = await call(fx().app, secadmin, 'POST', `/api/users/${observer.id}/grant`, { role: 'office', version: changed.json<Made>().version });
    expect(granted.statusCode, granted.body).toBe(200);
    expect((await call(fx().app, own, 'GET', `/api/tasks/${fx().tasks.a.id}`)).statusCode).toBe(200);
  });

  it('keeps the two steps apart: the security administrator cannot create, the system administrator cannot grant, nobody grants their own account', async () => {
    const made = await call(fx().app, secadmin, 'POST', '/api/users', { username: uniqueName('g'), role: 'office', password: INITIAL });
    expectRefused(made, 'forbidden');
    const office = await create({ role: 'office' });
    expectRefused(await call(fx().app, sysadmin, 'POST', `/api/users/${office.id}/grant`, { role: 'office', version: office.version }), 'forbidden');
    const self = await call(fx().app, secadmin, 'POST', `/api/users/${fx().userIds.secadmin}/grant`, { role: 'secadmin', version: 1 });
    expectRefused(self, 'forbidden');
    expect(errorOf(self).message).toMatch(CHINESE);
    expect(await auditOf(fx(), 'user.role.grant', office.id)).toHaveLength(0);
  });
});
