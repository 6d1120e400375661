/**
 * Reminders at chosen dates, on the fixture's round 2026-03 (due 2026-04-05)
 * with the default settings (3 days before, on the day, overdue every 3
 * days, leaders after 3 days overdue, red tasks): who is told what, once,
 * however often the job runs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_SETTINGS } from '../../src/domain/settings.js';
import { remind, unitReminder } from '../../src/jobs/remind.js';
import type { OwedReportFacts } from '../../src/modules/notification/messages.js';
import { planStatus } from '../../src/modules/status/status.service.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { useApiFixture } from '../server/api-fixture.js';
import { dayClock, notificationsLike } from './supervision-helpers.js';

describe('the reminder a report calls for', () => {
  const facts: OwedReportFacts = {
    reportId: 7,
    taskTitle: '锚定千亿级新能源材料',
    unitName: '区工业和信息化局',
    roundLabel: '2026-03',
    dueOn: '2026-03-25',
    role: 'host',
  };
  const settings = { ...DEFAULT_PLAN_SETTINGS.reminders, daysBefore: [7, 3], overdueEveryDays: 5 };
  const keyAt = (asOf: string) => unitReminder(facts, settings, asOf)?.dedupeKey;

  it('names each occasion: the latest lead time that has come, the day, then every few days overdue', () => {
    expect(keyAt('2026-03-17')).toBeUndefined();
    expect(keyAt('2026-03-18')).toBe('due-before:7:7');
    expect(keyAt('2026-03-21')).toBe('due-before:7:7');
    expect(keyAt('2026-03-22')).toBe('due-before:7:3');
    expect(keyAt('2026-03-24')).toBe('due-before:7:3');
    expect(keyAt('2026-03-25')).toBe('due-day:7');
    expect(keyAt('2026-03-26')).toBe('overdue:7:1');
    expect(keyAt('2026-03-30')).toBe('overdue:7:1');
    expect(keyAt('2026-03-31')).toBe('overdue:7:6');
    expect(unitReminder(facts, { ...settings, overdueEveryDays: 0 }, '2026-04-30')?.dedupeKey).toBe('overdue:7:1');
    expect(unitReminder(facts, { ...settings, onDueDay: false }, '2026-03-25')).toBeUndefined();
  });

  it('says it in words a clerk understands', () => {
    expect(unitReminder(facts, settings, '2026-03-22')?.body).toBe(
      '区工业和信息化局：《锚定千亿级新能源材料》任务的 2026-03 期进展报告将于 3 月 25 日截止（还有 3 天），请及时报送。',
    );
    expect(unitReminder(facts, settings, '2026-03-27')?.title).toBe('逾期：2026-03 期进展报告已逾期 2 天');
  });
});

describeEachDatabase('reminders and escalation', (getUrl) => {
  const fx = useApiFixture(getUrl);
  const clock = dayClock('2026-04-01');
  const run = async (asOf: string) => {
    clock.set(asOf);
    return remind(fx().store.db, fx().governmentId, asOf, { clock, delivery: {} });
  };
  const reportKeys = async (): Promise<string[]> => {
    const a = fx().reports.a;
    return (await notificationsLike(fx().store.db, fx().governmentId))
      .filter((n) => n.dedupeKey.split(':')[1] === String(a) && !n.dedupeKey.startsWith('red:') && !n.dedupeKey.startsWith('round:'))
      .map((n) => `${n.dedupeKey}@${n.userId}`);
  };
  let ledTasks: number[];
  beforeAll(async () => {
    const leaderId =
      (await fx().store.db.selectFrom('users').select('leader_id').where('id', '=', fx().userIds.leader).executeTakeFirstOrThrow()).leader_id ?? 0;
    ledTasks = (await fx().store.db.selectFrom('task_leaders').select('task_id').where('leader_id', '=', leaderId).execute()).map((r) => r.task_id);
  });

  it('says nothing four days before the due date', async () => {
    expect(await run('2026-04-01')).toEqual({ reminders: 0, escalations: 0, redAlerts: 0, orderReminders: 0 });
  });

  it('three days before, tells the head and the liaison of each unit that owes a report', async () => {
    const { headA, liaisonA, liaisonB } = fx().userIds;
    await run('2026-04-02');
    const a = fx().reports.a;
    expect(await reportKeys()).toEqual([`due-before:${a}:3@${Math.min(headA, liaisonA)}`, `due-before:${a}:3@${Math.max(headA, liaisonA)}`]);
    const toB = (await notificationsLike(fx().store.db, fx().governmentId, `due-before:${fx().reports.b}:`)).map((n) => n.userId);
    expect(toB).toEqual([liaisonB]);
    const [first] = await notificationsLike(fx().store.db, fx().governmentId, `due-before:${a}:`);
    expect(first?.body).toMatch(/^区工业和信息化局：《.+》任务的 2026-03 期进展报告将于 4 月 5 日截止（还有 3 天），请及时报送。$/);
  });

  it('running again, on the same day or the next, adds nothing', async () => {
    const before = await notificationsLike(fx().store.db, fx().governmentId);
    expect(await run('2026-04-02')).toMatchObject({ reminders: 0, escalations: 0 });
    expect(await run('2026-04-03')).toMatchObject({ reminders: 0, escalations: 0 });
    expect(await notificationsLike(fx().store.db, fx().governmentId)).toEqual(before);
  });

  it('on the due day, then the first day overdue, then every third day; the lead leader once after three days', async () => {
    const a = fx().reports.a;
    const { headA, liaisonA, leader } = fx().userIds;
    const unit = [headA, liaisonA].sort((x, y) => x - y);
    await run('2026-04-05');
    await run('2026-04-06');
    await run('2026-04-07');
    expect((await notificationsLike(fx().store.db, fx().governmentId, `escalate:${a}`)).length).toBe(0);
    const eighth = await run('2026-04-08');
    expect(eighth.escalations).toBeGreaterThan(0);
    await run('2026-04-08');
    await run('2026-04-09');
    await run('2026-04-10');
    const keys = await reportKeys();
    const expected = [`due-before:${a}:3`, `due-day:${a}`, `overdue:${a}:1`, `overdue:${a}:4`].flatMap((k) => unit.map((u) => `${k}@${u}`));
    expect(keys).toEqual([`escalate:${a}@${leader}`, ...expected].sort());
    const [escalation] = await notificationsLike(fx().store.db, fx().governmentId, `escalate:${a}`);
    expect(escalation).toMatchObject({ kind: 'escalation', userId: leader });
    expect(escalation?.body).toMatch(/^区工业和信息化局承担的《.+》任务 2026-03 期进展报告已逾期 3 天（4 月 5 日截止），仍未报送，请督促。$/);
  });

  it('tells the lead leader of each of their red tasks once a month', async () => {
    const status = await planStatus(fx().store.db, fx().governmentId, fx().planId, '2026-04-10');
    const red = status.tasks.filter((t) => t.light === 'red' && ledTasks.includes(t.taskId)).map((t) => `red:${t.taskId}:2026-04`);
    expect(red).toContain(`red:${fx().tasks.a.id}:2026-04`);
    const alerts = await notificationsLike(fx().store.db, fx().governmentId, 'red:');
    expect(alerts.map((n) => n.dedupeKey)).toEqual(red.sort());
    expect(new Set(alerts.map((n) => n.userId))).toEqual(new Set([fx().userIds.leader]));
    expect((await run('2026-04-20')).redAlerts).toBe(0);
    expect((await run('2026-05-02')).redAlerts).toBe(red.length);
  });

  it('stops reminding a unit once its report is sent, and never tells a disabled account', async () => {
    const db = fx().store.db;
    await db.updateTable('reports').set({ status: 'submitted', submitted_at: '2026-05-02T02:00:00.000Z' }).where('id', '=', fx().reports.b).execute();
    await db.updateTable('users').set({ disabled: 1 }).where('id', '=', fx().userIds.liaisonA).execute();
    const before = await notificationsLike(db, fx().governmentId, `overdue:${fx().reports.b}:`);
    await run('2026-05-03');
    expect(await notificationsLike(db, fx().governmentId, `overdue:${fx().reports.b}:`)).toEqual(before);
    // 2026-05-03 is 28 days late: the reminder of day 28 goes to the head alone.
    expect((await notificationsLike(db, fx().governmentId, `overdue:${fx().reports.a}:28`)).map((n) => n.userId)).toEqual([fx().userIds.headA]);
    await db.updateTable('users').set({ disabled: 0 }).where('id', '=', fx().userIds.liaisonA).execute();
  });
});
