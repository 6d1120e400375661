/**
 * The assessment of a plan on both databases, from a history written into
 * the tables (assessment-fixture.ts): each unit's rates and exact totals,
 * each item traced to its report, task, target or order, the ranking with
 * its ties, the asOf cut-off, year end, and a changed scheme.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { ForbiddenError } from '../../../src/modules/auth/forbidden-error.js';
import { AppError } from '../../../src/modules/errors.js';
import { assessmentOf, unitStatement, type Assessment, type UnitScore } from '../../../src/modules/assessment/assessment.service.js';
import { createGovernment } from '../../../src/modules/government/government.repository.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { buildWorld, UNIT_NAMES, type AssessmentWorld } from './assessment-fixture.js';

describeEachDatabase('the assessment', (getUrl) => {
  let w: AssessmentWorld;
  beforeAll(async () => {
    w = await buildWorld(getUrl());
  }, 60_000);
  afterAll(async () => {
    await w.store.close();
  });

  const observer = (): Actor => ({ governmentId: w.governmentId, userId: 9999, username: 'gcy', role: 'observer', unitId: null, leaderId: null, ip: null });
  const assess = (asOf: string): Promise<Assessment> => assessmentOf(w.store.db, observer(), { planId: w.planId, asOf });
  const scoreOf = (a: Assessment, unitId: number): UnitScore => {
    const found = a.ranking.find((r) => r.unitId === unitId);
    if (!found) throw new Error(`unit ${unitId} is not ranked`);
    return found;
  };
  const table = (a: Assessment) => a.ranking.map((r) => [r.rank, r.unitName, r.total]);

  /** A unit's lines as [rule, count, of, points], the rules that owed something. */
  const linesOf = (a: Assessment, unitId: number) =>
    scoreOf(a, unitId)
      .statement.lines.filter((l) => l.of > 0)
      .map((l) => [l.rule, l.count, l.of, l.points]);

  it('ranks the units that host tasks or owe reports by their rates, with exact totals', async () => {
    const a = await assess('2026-05-31');
    expect(a).toMatchObject({ planId: w.planId, year: 2026, asOf: '2026-05-31', scheme: { base: 100, reportOnTime: 10, lateReport: -10 } });
    expect(table(a)).toEqual([
      [1, UNIT_NAMES.aq, 115],
      [2, UNIT_NAMES.gx, 110],
      [3, UNIT_NAMES.ph, 100],
      [4, UNIT_NAMES.ly, 95],
      [5, UNIT_NAMES.wh, 50],
    ]);
    // 区外事局 has no part in the plan; 各镇街 is a group, not a unit that can be scored.
    expect(a.ranking.map((r) => r.unitId)).not.toContain(w.units.ws);
    expect(a.ranking.map((r) => r.unitId)).not.toContain(w.units.group);
    // 区安全局: 1 of 4 reports on time, 3 late; its one measured target met (the long-term aim X7 is not scored); its order answered in time.
    expect(scoreOf(a, w.units.aq).owed).toEqual({ reportsDue: 4, reportsSent: 3, taskMonths: 1, targets: 1, ordersDue: 1 });
    expect(linesOf(a, w.units.aq)).toEqual([
      ['reportOnTime', 1, 4, 2.5],
      ['lateReport', 3, 4, -7.5],
      ['returned', 0, 3, 0],
      ['redMonth', 0, 1, 0],
      ['targetMet', 1, 1, 20],
      ['unmetTarget', 0, 1, 0],
      ['unansweredOrder', 0, 1, 0],
    ]);
    expect(scoreOf(a, w.units.aq).counts).toEqual({
      reportOnTime: 1,
      lateReport: 3,
      returned: 0,
      redMonth: 0,
      targetMet: 1,
      unmetTarget: 0,
      unansweredOrder: 0,
    });
    // 区文化局: both reports unsent, red at both closes, its order unanswered: every rate at its worst.
    expect(linesOf(a, w.units.wh)).toEqual([
      ['reportOnTime', 0, 2, 0],
      ['lateReport', 2, 2, -10],
      ['redMonth', 2, 2, -20],
      ['targetMet', 0, 1, 0],
      ['unmetTarget', 0, 1, 0],
      ['unansweredOrder', 1, 1, -20],
    ]);
  });

  it('traces every point of a statement to its report, task, target or order, each item its share of its rule', async () => {
    const gx = scoreOf(await assess('2026-05-31'), w.units.gx).statement;
    expect(gx.items).toEqual([
      {
        rule: 'reportOnTime',
        label: '2026-03 期报告按时报送（第 1 项任务）',
        points: 5,
        at: '2026-04-04',
        objectType: 'report',
        objectId: w.reports.march.gx1,
        taskId: w.tasks[1],
      },
      {
        rule: 'unansweredOrder',
        label: '督办〔2026〕第 3 号未按期办理（应于 2026-04-19 前答复，第 1 项任务）',
        points: -20,
        at: '2026-04-20',
        objectType: 'order',
        objectId: w.orders.toGx,
        taskId: w.tasks[1],
      },
      {
        rule: 'reportOnTime',
        label: '2026-04 期报告按时报送（第 1 项任务）',
        points: 5,
        at: '2026-05-04',
        objectType: 'report',
        objectId: w.reports.april.gx1,
        taskId: w.tasks[1],
      },
      {
        rule: 'targetMet',
        label: '第 1 项任务指标“新增营收18亿元”已完成',
        points: 20,
        at: '2026-05-06',
        objectType: 'target',
        objectId: w.targets.x1,
        taskId: w.tasks[1],
      },
    ]);
    expect(gx.total).toBe(gx.base + gx.items.reduce((s, i) => s + i.points, 0));

    const wh = scoreOf(await assess('2026-05-31'), w.units.wh).statement;
    expect(wh.items.map((i) => [i.at, i.rule, i.objectType, i.objectId, i.label])).toEqual([
      ['2026-04-06', 'lateReport', 'report', w.reports.march.wh3, '2026-03 期报告逾期未报送（第 3 项任务，应于 2026-04-05 前报送）'],
      ['2026-04-10', 'redMonth', 'task', w.tasks[3], '2026-03 期第 3 项任务亮红灯'],
      ['2026-04-20', 'unansweredOrder', 'order', w.orders.toWh, '督办〔2026〕第 1 号未按期办理（应于 2026-04-19 前答复，第 3 项任务）'],
      ['2026-04-30', 'redMonth', 'task', w.tasks[3], '2026-04 期第 3 项任务亮红灯'],
      ['2026-05-06', 'lateReport', 'report', w.reports.april.wh3, '2026-04 期报告逾期未报送（第 3 项任务，应于 2026-05-05 前报送）'],
    ]);
  });

  it('judges a report by the day it was first sent, in Beijing time, and counts each return per report sent', async () => {
    const a = await assess('2026-05-31');
    const aq = scoreOf(a, w.units.aq).statement.items;
    // Sent at 00:30 on 6 April Beijing time (still 5 April in UTC): late.
    expect(aq.find((i) => i.objectId === w.reports.march.aq2)).toMatchObject({
      rule: 'lateReport',
      at: '2026-04-06',
      label: '2026-03 期报告逾期报送（第 2 项任务，应于 2026-04-05 前报送）',
    });
    // A co-unit's report is sent when its head approves it for the host unit.
    expect(aq.find((i) => i.objectId === w.reports.march.aq1)).toMatchObject({ rule: 'reportOnTime', at: '2026-04-03' });
    // 16:00 on the due day in Beijing: on time.
    expect(scoreOf(a, w.units.ph).statement.items.find((i) => i.objectId === w.reports.march.ph5)).toMatchObject({ rule: 'reportOnTime', at: '2026-04-05' });
    // First submitted on 1 April, returned, submitted again on 8 April: on time once, returned once (of one report sent).
    expect(scoreOf(a, w.units.ly).statement.items.map((i) => [i.rule, i.at, i.objectId, i.points])).toEqual([
      ['reportOnTime', '2026-04-01', w.reports.march.ly4, 5],
      ['returned', '2026-04-02', w.reports.march.ly4, -5],
      ['lateReport', '2026-05-06', w.reports.april.ly4, -5],
    ]);
  });

  it('counts nothing that was not known at the end of asOf', async () => {
    const april = await assess('2026-04-30');
    expect(table(april)).toEqual([
      [1, UNIT_NAMES.ph, 110],
      [2, UNIT_NAMES.ly, 105],
      [3, UNIT_NAMES.aq, 100],
      [4, UNIT_NAMES.gx, 90],
      [5, UNIT_NAMES.wh, 50],
    ]);
    // The 2026-04 round was opened on 26 April and due on 5 May: on 30 April only the March reports were due.
    expect(scoreOf(april, w.units.aq).owed).toMatchObject({ reportsDue: 2, reportsSent: 2 });
    // X1 stood at 5 of 18 in the report accepted on 7 April; 20 came on 6 May.
    expect(scoreOf(april, w.units.gx).counts.targetMet).toBe(0);
    expect(scoreOf(april, w.units.gx).owed.targets).toBe(1);
    // The 2026-04 round's light counts from its period's end (the round is not closed), the 2026-03 one from its close on 10 April.
    expect(scoreOf(april, w.units.wh).owed.taskMonths).toBe(2);
    expect(scoreOf(await assess('2026-04-29'), w.units.wh).owed.taskMonths).toBe(1);
    const april9 = scoreOf(await assess('2026-04-09'), w.units.wh);
    expect([april9.owed.taskMonths, april9.counts.redMonth]).toEqual([0, 0]);

    // On 7 May the 2026-04 report of task 2 was still unsent; it was sent late on 10 May.
    const may7 = scoreOf(await assess('2026-05-07'), w.units.aq).statement.items.find((i) => i.objectId === w.reports.april.aq2);
    expect(may7).toMatchObject({ rule: 'lateReport', at: '2026-05-06', label: '2026-04 期报告逾期未报送（第 2 项任务，应于 2026-05-05 前报送）' });
    const may31 = scoreOf(await assess('2026-05-31'), w.units.aq).statement.items.find((i) => i.objectId === w.reports.april.aq2);
    expect(may31).toMatchObject({ rule: 'lateReport', at: '2026-05-10', label: '2026-04 期报告逾期报送（第 2 项任务，应于 2026-05-05 前报送）' });

    // Before any round was opened, every unit stands at its base.
    const early = await assess('2026-03-01');
    expect(early.ranking.every((r) => r.total === 100 && r.rank === 1 && r.statement.items.length === 0)).toBe(true);
    expect(early.ranking).toHaveLength(5);
  });

  it('settles the targets at year end: met ones earn points, unmet ones and those nobody reported cost them', async () => {
    const dec30 = await assess('2026-12-30');
    const dec31 = await assess('2026-12-31');
    expect(scoreOf(dec30, w.units.wh).counts.targetMet).toBe(0);
    // 只减不增 held only on an accepted figure: 区文化局 never reported one.
    expect(scoreOf(dec31, w.units.wh).statement.items.filter((i) => i.objectType === 'target')).toEqual([
      {
        rule: 'unmetTarget',
        label: '第 3 项任务指标“安全事故只减不增”年底无完成数据，按未完成计',
        points: -30,
        at: '2026-12-31',
        objectType: 'target',
        objectId: w.targets.x3,
        taskId: w.tasks[3],
      },
    ]);
    expect(scoreOf(dec31, w.units.ly).statement.items.filter((i) => i.objectType === 'target')).toEqual([
      {
        rule: 'unmetTarget',
        label: '第 4 项任务指标“举办活动30场”年底未完成',
        points: -30,
        at: '2026-12-31',
        objectType: 'target',
        objectId: w.targets.x5,
        taskId: w.tasks[4],
      },
    ]);
    expect(scoreOf(dec31, w.units.ph).statement.items.find((i) => i.objectType === 'target')).toMatchObject({
      rule: 'unmetTarget',
      objectId: w.targets.x6,
      label: '第 5 项任务指标“高新技术企业总量突破240家”年底无完成数据，按未完成计',
    });
    // A target without a comparable number (营商环境持续优化) or a long-term aim is never scored; the met one stays met once.
    const allItems = dec31.ranking.flatMap((r) => r.statement.items);
    expect(allItems.filter((i) => i.objectType === 'target' && (i.objectId === w.targets.x4 || i.objectId === w.targets.x7))).toEqual([]);
    expect(allItems.filter((i) => i.objectId === w.targets.x1 && i.objectType === 'target')).toHaveLength(1);
    // 区文化局 loses 50 points on its only target: −30 for no figure instead of +20 for a held one.
    expect(table(dec31)).toEqual([
      [1, UNIT_NAMES.aq, 115],
      [2, UNIT_NAMES.gx, 110],
      [3, UNIT_NAMES.ph, 70],
      [4, UNIT_NAMES.ly, 65],
      [5, UNIT_NAMES.wh, 20],
    ]);
  });

  it('scores with the plan’s own scheme when one is stored', async () => {
    const db = w.store.db;
    await db
      .insertInto('plan_settings')
      .values({
        government_id: w.governmentId,
        plan_id: w.planId,
        settings: JSON.stringify({ scoring: { base: 60, reportOnTime: 3, lateReport: -4 } }),
        updated_by: null,
        updated_at: '2026-05-01T00:00:00.000Z',
      })
      .execute();
    try {
      const a = await assess('2026-05-31');
      expect(a.scheme).toEqual({
        base: 60,
        reportOnTime: 3,
        targetMet: 20,
        lateReport: -4,
        returned: -5,
        redMonth: -20,
        unmetTarget: -30,
        unansweredOrder: -20,
      });
      expect(table(a)).toEqual([
        [1, UNIT_NAMES.aq, 77.75],
        [2, UNIT_NAMES.gx, 63],
        [3, UNIT_NAMES.ph, 59.5],
        [4, UNIT_NAMES.ly, 54.5],
        [5, UNIT_NAMES.wh, 16],
      ]);
      const aq = scoreOf(a, w.units.aq).statement;
      expect(aq.base).toBe(60);
      expect(aq.items.map((i) => [i.rule, i.points])).toEqual([
        ['reportOnTime', 0.75],
        ['lateReport', -1],
        ['lateReport', -1],
        ['lateReport', -1],
        ['targetMet', 20],
      ]);
    } finally {
      await db.deleteFrom('plan_settings').where('plan_id', '=', w.planId).execute();
    }
  });

  it('gives one unit’s statement with its rank; a unit without a part gets its base; another government’s unit is not found', async () => {
    const ly = await unitStatement(w.store.db, observer(), w.units.ly, { planId: w.planId, asOf: '2026-05-31' });
    expect(ly).toMatchObject({
      planId: w.planId,
      asOf: '2026-05-31',
      unitId: w.units.ly,
      unitName: UNIT_NAMES.ly,
      rank: 4,
      statement: { base: 100, total: 95 },
    });
    expect(ly.statement.items).toHaveLength(3);

    const ws = await unitStatement(w.store.db, observer(), w.units.ws, { planId: w.planId, asOf: '2026-05-31' });
    expect(ws).toMatchObject({
      planId: w.planId,
      asOf: '2026-05-31',
      unitId: w.units.ws,
      unitName: UNIT_NAMES.ws,
      rank: null,
      statement: { unitId: w.units.ws, base: 100, total: 100, items: [] },
    });
    expect(ws.statement.lines.every((l) => l.of === 0 && l.rate === null && l.points === 0)).toBe(true);

    const other = await createGovernment(w.store.db, `别的区${Math.random().toString(36).slice(2, 8)}`);
    const foreign = (
      await w.store.db
        .insertInto('units')
        .values({
          government_id: other.id,
          name: '区工信局',
          kind: 'department',
          created_at: '2026-01-01T00:00:00.000Z',
          updated_at: '2026-01-01T00:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await expect(unitStatement(w.store.db, observer(), foreign, { planId: w.planId, asOf: '2026-05-31' })).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
    await expect(unitStatement(w.store.db, observer(), 987_654, {})).rejects.toMatchObject({ status: 404 });
  });

  it('takes the newest plan and today in Beijing by default; refuses a date that does not exist and a plan that does not', async () => {
    // 01:00 on 1 June in Beijing is still 31 May in UTC.
    const clock = () => new Date('2026-05-31T17:00:00.000Z');
    const a = await assessmentOf(w.store.db, observer(), {}, clock);
    expect(a.planId).toBe(w.planId);
    expect(a.asOf).toBe('2026-06-01');
    expect(table(a)).toEqual(table(await assess('2026-06-01')));

    await expect(assessmentOf(w.store.db, observer(), { asOf: '2026-02-30' })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.status === 400 && /有效日期/.test(e.message),
    );
    await expect(assessmentOf(w.store.db, observer(), { planId: 987_654 })).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('is read by the ledger’s people only, within their own government', async () => {
    const auditor: Actor = { ...observer(), role: 'auditor' };
    await expect(assessmentOf(w.store.db, auditor, { planId: w.planId })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(unitStatement(w.store.db, { ...observer(), role: 'sysadmin' }, w.units.gx, {})).rejects.toBeInstanceOf(ForbiddenError);
    // Another government's plan is not this government's to see.
    await expect(assessmentOf(w.store.db, { ...observer(), governmentId: w.governmentId + 1000 }, { planId: w.planId })).rejects.toMatchObject({ status: 404 });
  });
});
