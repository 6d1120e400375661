/**
 * Several plans side by side, and archiving (归档): the plan list shows every
 * plan with its year, number, tasks, import time and archive state; the
 * office archives and restores a plan at its version, with a reason and an
 * audit row; an archived plan stays readable, refuses every write (409
 * plan_archived, in Chinese), opens no rounds and gets no reminders or orders
 * by rule; a request naming no plan means the newest plan not archived.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { openScheduledRounds } from '../../../src/jobs/open-rounds.js';
import { remind } from '../../../src/jobs/remind.js';
import { issueRuleOrders } from '../../../src/jobs/rule-orders.js';
import { commitImport } from '../../../src/modules/plan/plan.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { samplePath } from '../../helpers/paths.js';
import { call, CHINESE, errorOf, signInEveryone, taskVersion, useApiFixture, type PersonKey, type Session } from '../../server/api-fixture.js';

interface ListedPlan {
  id: number;
  year: number;
  title: string;
  docNumber: string | null;
  version: number;
  taskCount: number;
  importedAt: string | null;
  archived: { at: string; by: number | null; byName: string | null; reason: string } | null;
}

/** The sample notice again, as another government office's notice of another number: a second plan of the same year. */
function secondNotice(): Uint8Array {
  const text = readFileSync(samplePath('notice.txt'), 'utf8');
  const numbered = text.replace(/〔(\d{4})〕(\d+)号/, (_m, year: string, n: string) => `〔${year}〕${Number(n) + 40}号`);
  if (numbered === text) throw new Error('the sample notice has no document number');
  return new Uint8Array(Buffer.from(numbered, 'utf8'));
}

describeEachDatabase('plans side by side, archived and restored', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let s: Record<PersonKey | 'admin', Session>;
  let second: number;
  beforeAll(async () => {
    s = await signInEveryone(fx().app);
    const units = readFileSync(samplePath('units.json'), 'utf8');
    second = (await commitImport(fx().store, fx().operator, { fileName: 'second.txt', bytes: secondNotice(), units })).planId;
  });
  const plans = async (): Promise<ListedPlan[]> => {
    const res = await call(fx().app, s.observer, 'GET', '/api/plans');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: ListedPlan[] }>().items;
  };
  const plan = async (id: number): Promise<ListedPlan> => {
    const found = (await plans()).find((p) => p.id === id);
    if (!found) throw new Error(`plan ${id} is not listed`);
    return found;
  };
  const dashboardPlan = async (): Promise<number> => (await call(fx().app, s.observer, 'GET', '/api/dashboard')).json<{ planId: number }>().planId;

  it('lists every plan with its year, number, tasks and import time; the newest one is the default', async () => {
    const items = await plans();
    expect(items.map((p) => p.id).sort()).toEqual([fx().planId, second].sort());
    for (const p of items) {
      expect(p.title).toMatch(CHINESE);
      expect(p.archived).toBeNull();
      expect(p.taskCount).toBeGreaterThan(0);
      expect(p.importedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    expect(new Set(items.map((p) => p.docNumber)).size).toBe(2);
    // Same year: the later import is the newest, and a request naming no plan means it.
    expect(items[0]?.id).toBe(second);
    expect(await dashboardPlan()).toBe(second);
    // The first plan is still one request away.
    const first = await call(fx().app, s.observer, 'GET', `/api/dashboard?planId=${fx().planId}`);
    expect(first.json<{ planId: number }>().planId).toBe(fx().planId);
  });

  it('is archived by the office only, with a reason, at its version, and audited', async () => {
    const id = fx().planId;
    // A schedule set while the plan is in use: after the archive it must open nothing.
    const scheduled = await call(fx().app, s.office, 'PUT', `/api/plans/${id}/schedule`, { kind: 'monthly', dueDay: 25, dueOffset: 'same' });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    const before = await plan(id);
    const url = `/api/plans/${id}/archive`;
    expect((await call(fx().app, s.headA, 'POST', url, { version: before.version, reason: '年度结束' })).statusCode).toBe(403);
    const noReason = await call(fx().app, s.office, 'POST', url, { version: before.version, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).code).toBe('reason_required');
    expect(errorOf(noReason).message).toMatch(CHINESE);
    const stale = await call(fx().app, s.office, 'POST', url, { version: before.version + 5, reason: '年度结束' });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale)).toMatchObject({ code: 'version_conflict', details: { current: { id, version: before.version } } });

    const done = await call(fx().app, s.office, 'POST', url, { version: before.version, reason: '年度结束' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ id, version: before.version + 1, archived: { by: fx().userIds.office, reason: '年度结束' } });
    const archived = (await plan(id)).archived;
    expect(archived?.byName).toBeTruthy();
    expect(archived?.at).toMatch(/^\d{4}-/);
    const again = await call(fx().app, s.office, 'POST', url, { version: before.version + 1, reason: '年度结束' });
    expect(again.statusCode).toBe(409);

    const audit = await fx().store.db.selectFrom('audit_log').selectAll().where('action', '=', 'plan.archive').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: fx().userIds.office, object_type: 'plan', object_id: String(id) });
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ archived: true, reason: '年度结束' });
  });

  it('stays readable: its dashboard, ledger, tasks and reports', async () => {
    const id = fx().planId;
    const dashboard = await call(fx().app, s.observer, 'GET', `/api/dashboard?planId=${id}`);
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.json<{ planId: number }>().planId).toBe(id);
    const tasks = await call(fx().app, s.observer, 'GET', `/api/tasks?planId=${id}`);
    expect(tasks.statusCode).toBe(200);
    expect(tasks.json<{ items: unknown[] }>().items.length).toBe((await plan(id)).taskCount);
    expect((await call(fx().app, s.observer, 'GET', `/api/tasks/${fx().tasks.a.id}`)).statusCode).toBe(200);
    expect((await call(fx().app, s.office, 'GET', `/api/reports/${fx().reports.a}`)).statusCode).toBe(200);
    expect((await call(fx().app, s.observer, 'GET', `/api/assessment?planId=${id}`)).statusCode).toBe(200);
    expect((await call(fx().app, s.office, 'GET', `/api/ledger.xlsx?planId=${id}`)).statusCode).toBe(200);
  });

  it('refuses every write to it with a clear Chinese 409, and writes nothing', async () => {
    const id = fx().planId;
    const task = fx().tasks.a.id;
    const refusals = [
      await call(fx().app, s.office, 'PATCH', `/api/tasks/${task}`, { version: await taskVersion(fx(), task), deadline: '2026-11-30', reason: '调整' }),
      await call(fx().app, s.office, 'PUT', `/api/plans/${id}/settings`, { version: 0, orders: { respondDays: 3 } }),
      await call(fx().app, s.office, 'PUT', `/api/plans/${id}/schedule`, { kind: 'quarterly', dueDay: 5, dueOffset: 'next' }),
      await call(fx().app, s.liaisonA, 'PATCH', `/api/reports/${fx().reports.a}`, { version: 1, progress: '已完成前期工作' }),
      await call(fx().app, s.office, 'POST', '/api/rounds', { planId: id, kind: 'monthly', label: '2026-04', periodEnd: '2026-04-30', dueOn: '2026-05-05' }),
      await call(fx().app, s.office, 'POST', `/api/bulletins`, { planId: id, period: '2026-03' }),
      await call(fx().app, s.office, 'POST', `/api/orders`, { taskId: task, unitId: fx().units.a.id, grade: 'blue', reason: '进度滞后' }),
    ];
    for (const res of refusals) {
      expect(res.statusCode, res.body).toBe(409);
      expect(errorOf(res).code).toBe('plan_archived');
      expect(errorOf(res).message).toContain('已归档');
    }
    const report = (await call(fx().app, s.office, 'GET', `/api/reports/${fx().reports.a}`)).json<{ progress: string | null }>();
    expect(report.progress ?? '').not.toContain('已完成前期工作');
    // A re-import of its notice waits for a restore too.
    const reimport = await call(fx().app, s.office, 'POST', '/api/imports/commit', {
      ...fx().upload,
      content: Buffer.from(readFileSync(samplePath('notice.txt'), 'utf8').replace('。', '；') + '\n', 'utf8').toString('base64'),
    });
    expect([400, 409]).toContain(reimport.statusCode);
    if (reimport.statusCode === 409) expect(errorOf(reimport).code).toBe('plan_archived');
  });

  it('opens no round for it, reminds nobody of it and issues no order by rule; the default plan is the one in use', async () => {
    const gov = fx().governmentId;
    const opened = await openScheduledRounds(fx().store.db, gov, '2026-06-20');
    expect(opened.opened.filter((r) => r.planId === fx().planId)).toEqual([]);
    const reminded = await remind(fx().store.db, gov, '2026-04-20');
    expect(reminded).toMatchObject({ reminders: 0, escalations: 0 });
    expect((await issueRuleOrders(fx().store.db, gov, '2026-04-20')).issued).toBe(0);
    expect(await dashboardPlan()).toBe(second);
  });

  it('is restored by the office with a reason and audited; then it takes work again', async () => {
    const id = fx().planId;
    const before = await plan(id);
    const restored = await call(fx().app, s.office, 'POST', `/api/plans/${id}/restore`, { version: before.version, reason: '补录数据' });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ id, archived: null, version: before.version + 1 });
    const audit = await fx().store.db.selectFrom('audit_log').selectAll().where('action', '=', 'plan.restore').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ object_type: 'plan', object_id: String(id) });
    const notArchived = await call(fx().app, s.office, 'POST', `/api/plans/${id}/restore`, { version: before.version + 1, reason: '补录数据' });
    expect(notArchived.statusCode).toBe(409);
    // The overdue report of the restored plan gets its order by rule now.
    expect((await issueRuleOrders(fx().store.db, fx().governmentId, '2026-04-20')).issued).toBeGreaterThan(0);
    const settings = await call(fx().app, s.office, 'PUT', `/api/plans/${id}/settings`, { version: 0, orders: { respondDays: 3 } });
    expect(settings.statusCode, settings.body).toBe(200);
  });

  it('answers the default plan with the newest plan not archived when the newest is archived', async () => {
    const newest = await plan(second);
    const res = await call(fx().app, s.office, 'POST', `/api/plans/${second}/archive`, { version: newest.version, reason: '合并到另一方案' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await dashboardPlan()).toBe(fx().planId);
  });
});
