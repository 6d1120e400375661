/**
 * A plan's settings through the API: anyone reading the ledger sees the
 * thresholds; the office changes them as a partial patch, checked, with a
 * version (0 before anything is stored); a stale version is 409; each change
 * is audited.
 */
import { beforeAll, expect, it } from 'vitest';
import { DEFAULT_PLAN_SETTINGS } from '../../../src/domain/settings.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, CHINESE, errorOf, signInEveryone, useApiFixture, type PersonKey, type Session } from '../../server/api-fixture.js';

describeEachDatabase('plan settings', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let s: Record<PersonKey | 'admin', Session>;
  beforeAll(async () => {
    s = await signInEveryone(fx().app);
  });
  const url = () => `/api/plans/${fx().planId}/settings`;

  it('shows the defaults with version 0 before anything is stored, to every reader of the ledger', async () => {
    const res = await call(fx().app, s.observer, 'GET', url());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ planId: fx().planId, version: 0, settings: DEFAULT_PLAN_SETTINGS });
  });

  it('applies a partial patch over what is stored, keeps the rest, audits it, and refuses a stale version', async () => {
    const first = await call(fx().app, s.office, 'PUT', url(), { version: 0, reminders: { daysBefore: [1, 5], overdueEveryDays: 2 } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      version: 1,
      settings: { reminders: { daysBefore: [5, 1], overdueEveryDays: 2, onDueDay: true }, orders: DEFAULT_PLAN_SETTINGS.orders },
    });

    const second = await call(fx().app, s.office, 'PUT', url(), { version: 1, orders: { respondDays: 5 } });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ version: 2, settings: { reminders: { daysBefore: [5, 1] }, orders: { respondDays: 5, overdueDays: 7 } } });

    const stale = await call(fx().app, s.office, 'PUT', url(), { version: 1, orders: { respondDays: 9 } });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale)).toMatchObject({ code: 'version_conflict', details: { current: { version: 2 } } });

    const read = await call(fx().app, s.liaisonB, 'GET', url());
    expect(read.json()).toMatchObject({ version: 2, settings: { orders: { respondDays: 5 } } });
    const audit = await fx()
      .store.db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'plan.configure')
      .where('object_type', '=', 'plan_settings')
      .orderBy('seq')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ actor_user_id: fx().userIds.office, object_id: String(fx().planId) });
  });

  it('refuses settings the rules do not allow, with the rule in Chinese, and changes nothing', async () => {
    const before = (await call(fx().app, s.office, 'GET', url())).json<{ version: number }>();
    const res = await call(fx().app, s.office, 'PUT', url(), { version: before.version, status: { yellowBehind: 40, redBehind: 20 } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toMatch(CHINESE);
    expect(errorOf(res).message).toContain('红灯阈值');
    const unknown = await call(fx().app, s.office, 'PUT', url(), { version: before.version, reminders: { weekly: true } });
    expect(unknown.statusCode).toBe(400);
    expect((await call(fx().app, s.office, 'GET', url())).json<{ version: number }>().version).toBe(before.version);
  });

  it('is changed by the office only, and answers 404 for a plan that does not exist', async () => {
    const res = await call(fx().app, s.headA, 'PUT', url(), { version: 2, orders: { respondDays: 3 } });
    expect(res.statusCode).toBe(403);
    expect((await call(fx().app, s.office, 'GET', '/api/plans/99999/settings')).statusCode).toBe(404);
  });
});
