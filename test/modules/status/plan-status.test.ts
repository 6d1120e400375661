/**
 * planStatus on both databases, against lights computed by hand from the
 * sample plan's targets (2026 has 365 days; thresholds 10 and 30 points):
 * no figures is "none", an overdue host report is red whatever the figures,
 * figures behind time progress are yellow or red, a red task that catches up
 * is green again, a rating that contradicts the figures is flagged, a
 * qualitative task takes its unit's rating, the approved work plan's schedule
 * and milestones count, and a completed task is green.
 */
import { beforeAll, expect, it } from 'vitest';
import { planSettings } from '../../../src/domain/settings.js';
import { roundCloser } from '../../../src/modules/round/round.service.js';
import { savePlanSettings } from '../../../src/modules/settings/settings.repository.js';
import { planStatus, type PlanStatus, type TaskLight } from '../../../src/modules/status/status.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { useApiFixture } from '../../server/api-fixture.js';
import { at, castOf, file, openMonth, reportIn, taskByKey, type Cast } from './status-helpers.js';

const DAYS = 365;

describeEachDatabase('the lights of a plan', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let cast: Cast;
  let june = 0;
  let activeTasks = 0;
  beforeAll(async () => {
    cast = await castOf(fx());
    activeTasks = (await fx().store.db.selectFrom('tasks').select('id').where('plan_id', '=', fx().planId).where('status', '=', 'active').execute()).length;
  });

  const db = () => fx().store.db;
  const statusOn = (asOf: string) => planStatus(db(), fx().governmentId, fx().planId, asOf);
  const lightOf = (s: PlanStatus, key: string): TaskLight => {
    const found = s.tasks.find((t) => t.key === key);
    if (!found) throw new Error(`no task ${key} in the plan's lights`);
    return found;
  };

  it('gives every task "none" before any figure is reported, over the plan year', async () => {
    const s = await statusOn('2026-04-05');
    expect(s).toMatchObject({ planId: fx().planId, asOf: '2026-04-05', period: { start: '2026-01-01', end: '2026-12-31' } });
    expect(s.timeProgress).toBeCloseTo(95 / DAYS, 12);
    expect(s.tasks).toHaveLength(activeTasks);
    expect(activeTasks).toBe(24);
    for (const t of s.tasks)
      expect(t, t.key).toMatchObject({ light: 'none', source: 'data', reportOverdue: false, confidenceConflict: false, behindPoints: null });
  });

  it('turns a task red from the day after its host report was due, whatever its figures, and only while it is owed', async () => {
    // The fixture's March round is due on 5 April. Task a's report goes in on time with figures that are on track.
    const a = fx().tasks.a;
    const [level = 0] = (await taskByKey(fx(), a.key)).targets;
    await file(db(), cast, fx().reports.a, {
      author: cast.liaisonA,
      head: cast.headA,
      values: [{ targetId: level, value: 300 }],
      submitAt: '2026-04-03T02:00:00Z',
    });

    const onDue = await statusOn('2026-04-05');
    expect(onDue.tasks.filter((t) => t.reportOverdue)).toEqual([]);

    const s = await statusOn('2026-04-06');
    // 新能源材料 千亿级: 300 of 1000 = 30 % against 96/365 = 26.3 % elapsed.
    expect(lightOf(s, a.key)).toMatchObject({ light: 'green', source: 'data', reportOverdue: false, behindPoints: round6((96 / DAYS - 0.3) * 100) });
    const others = s.tasks.filter((t) => t.taskId !== a.id);
    expect(others).toHaveLength(23);
    for (const t of others) expect(t, t.key).toMatchObject({ light: 'red', reportOverdue: true, source: 'data' });
    expect(
      others.every((t) => t.status.targets.every((x) => x.light === 'none')),
      'red for the report, not for figures',
    ).toBe(true);

    // Closing the round ends what it asks: from that day the reports are no longer overdue. What was
    // overdue on 6 April stays so: a past date is judged on what was known at its end.
    const round = await db().selectFrom('rounds').select('version').where('id', '=', fx().roundId).executeTakeFirstOrThrow();
    await roundCloser.close(db(), cast.office, { id: fx().roundId, version: round.version }, at('2026-04-20T02:00:00Z'));
    expect((await statusOn('2026-04-20')).tasks.filter((t) => t.light === 'red')).toEqual([]);
    expect((await statusOn('2026-04-19')).tasks.filter((t) => t.light === 'red')).toHaveLength(23);
    expect(await statusOn('2026-04-06')).toEqual(s);
  });

  it('lights tasks by their figures against time progress on 30 June', async () => {
    june = await openMonth(fx(), cast.office, '2026-06', '2026-06-30', '2026-07-05');
    const unitA = fx().units.a.id;
    const digital = await taskByKey(fx(), '二/4'); // 数字化改造项目 40 项 (count), 上云企业 150 家 (increment), 两化融合贯标企业总数 60 家 (total)
    const smes = await taskByKey(fx(), '二/2'); // 专精特新 25 家 (count), 优质中小企业总量 80 家 (total), 规上工业增加值增长 8 % (growth rate)
    const clusters = await taskByKey(fx(), fx().tasks.a.key); // 新能源材料 千亿级 (level 1000 亿元), …
    const values = (ids: number[], xs: number[]) => xs.map((value, i) => ({ targetId: ids[i] ?? 0, value }));
    await file(db(), cast, await reportIn(db(), june, digital.id, unitA), {
      author: cast.liaisonA,
      head: cast.headA,
      values: values(digital.targets, [20, 75, 30]),
      submitAt: '2026-06-30T02:00:00Z',
    });
    await file(db(), cast, await reportIn(db(), june, smes.id, unitA), {
      author: cast.liaisonA,
      head: cast.headA,
      values: values(smes.targets, [10, 30, 8]),
      submitAt: '2026-06-30T02:00:00Z',
    });
    await file(db(), cast, await reportIn(db(), june, clusters.id, unitA), {
      author: cast.liaisonA,
      head: cast.headA,
      values: values(clusters.targets, [100]),
      confidence: 'on_track',
      submitAt: '2026-06-30T02:00:00Z',
    });

    const s = await statusOn('2026-06-30');
    const elapsed = 181 / DAYS; // 49.59 %
    expect(s.timeProgress).toBeCloseTo(elapsed, 12);

    // 20/40, 75/150, 30/60: each 50 %, slightly ahead.
    const d = lightOf(s, '二/4');
    expect(d).toMatchObject({ light: 'green', source: 'data', confidenceConflict: false, behindPoints: round6((elapsed - 0.5) * 100) });
    expect(d.status.targets.map((t) => t.light)).toEqual(['green', 'green', 'green']);

    // 10/25 = 40 % (9.59 behind: green), 30/80 = 37.5 % (12.09 behind: yellow), 8 % of 8 % (a rate: 100 % expected, met).
    const m = lightOf(s, '二/2');
    expect(m).toMatchObject({ light: 'yellow', confidenceConflict: false, behindPoints: round6((elapsed - 0.375) * 100) });
    expect(m.status.targets.map((t) => [t.light, t.expectedFrom])).toEqual([
      ['green', 'time'],
      ['yellow', 'time'],
      ['green', 'full'],
    ]);
    expect(m.status.targets[1]?.behindPoints).toBe(12.089041);

    // 100 of 1000 = 10 %: 39.59 points behind, red; the other targets have no figure. Rated on track: flagged.
    const c = lightOf(s, fx().tasks.a.key);
    expect(c).toMatchObject({ light: 'red', source: 'data', confidenceConflict: true, behindPoints: 39.589041 });
    expect(c.status.targets.map((t) => t.light)).toEqual(['red', 'none', 'none', 'none', 'none', 'none']);

    // Nothing reported for the others yet: none, not behind.
    expect(lightOf(s, '三/5')).toMatchObject({ light: 'none', behindPoints: null });
  });

  it('turns a red task green again when it catches up', async () => {
    const july = await openMonth(fx(), cast.office, '2026-07', '2026-07-31', '2026-08-05');
    const clusters = await taskByKey(fx(), fx().tasks.a.key);
    await file(db(), cast, await reportIn(db(), july, clusters.id, fx().units.a.id), {
      author: cast.liaisonA,
      head: cast.headA,
      values: [{ targetId: clusters.targets[0] ?? 0, value: 600 }],
      submitAt: '2026-07-31T02:00:00Z',
    });
    // 600 of 1000 = 60 % against 212/365 = 58.1 % elapsed.
    const s = await statusOn('2026-07-31');
    expect(lightOf(s, fx().tasks.a.key)).toMatchObject({ light: 'green', confidenceConflict: false, behindPoints: round6((212 / DAYS - 0.6) * 100) });
    // June's host reports nobody sent are overdue from 6 July: those tasks are red, the three sent are not.
    const sent = new Set(['二/4', '二/2', fx().tasks.a.key]);
    for (const t of s.tasks) expect(t.reportOverdue, t.key).toBe(!sent.has(t.key));
  });

  it('takes a qualitative task’s light from its unit’s latest accepted rating', async () => {
    // A task whose targets say nothing measurable (kind "other") is judged by the rating alone.
    const digital = await taskByKey(fx(), '二/4');
    await db().updateTable('targets').set({ kind: 'other' }).where('task_id', '=', digital.id).execute();
    try {
      const s = await statusOn('2026-06-30');
      expect(lightOf(s, '二/4')).toMatchObject({ light: 'green', source: 'confidence', confidenceConflict: false });
      const july = (await db().selectFrom('rounds').select('id').where('plan_id', '=', fx().planId).where('label', '=', '2026-07').executeTakeFirstOrThrow())
        .id;
      await file(db(), cast, await reportIn(db(), july, digital.id, fx().units.a.id), {
        author: cast.liaisonA,
        head: cast.headA,
        confidence: 'at_risk',
        submitAt: '2026-07-31T02:00:00Z',
      });
      expect(lightOf(await statusOn('2026-07-31'), '二/4')).toMatchObject({ light: 'yellow', source: 'confidence', reportOverdue: false });
    } finally {
      await db()
        .updateTable('targets')
        .set({ kind: 'count' })
        .where('id', '=', digital.targets[0] ?? 0)
        .execute();
      await db()
        .updateTable('targets')
        .set({ kind: 'increment' })
        .where('id', '=', digital.targets[1] ?? 0)
        .execute();
      await db()
        .updateTable('targets')
        .set({ kind: 'total' })
        .where('id', '=', digital.targets[2] ?? 0)
        .execute();
    }
  });

  it('compares with the approved work plan’s schedule and judges its milestones by accepted reports', async () => {
    const digital = await taskByKey(fx(), '二/4');
    const cloud = digital.targets[1] ?? 0; // 上云企业 150 家; 75 reported for June
    const now = '2026-03-10T00:00:00.000Z';
    const gov = fx().governmentId;
    const plan = await db()
      .insertInto('work_plans')
      .values({
        government_id: gov,
        task_id: digital.id,
        unit_id: fx().units.a.id,
        revision: 1,
        status: 'approved',
        decided_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const milestone = await db()
      .insertInto('work_plan_milestones')
      .values({ government_id: gov, work_plan_id: plan.id, position: 1, due_on: '2026-06-15', title: '工业互联网公共服务平台完成招标', unit_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('work_plan_values')
      .values([
        { government_id: gov, work_plan_id: plan.id, target_id: cloud, period_end: '2026-03-31', value: 20 },
        { government_id: gov, work_plan_id: plan.id, target_id: cloud, period_end: '2026-06-30', value: 100 },
      ])
      .execute();

    // Planned 100 of 150 by 30 June (66.7 %), reported 75 (50 %): 16.67 behind, yellow; the milestone of 15 June is missed: red.
    let d = lightOf(await statusOn('2026-06-30'), '二/4');
    expect(d.status.targets[1]).toMatchObject({ light: 'yellow', expectedFrom: 'schedule', behindPoints: 16.666667 });
    expect(d.status.milestones.map((m) => m.state)).toEqual(['missed']);
    expect(d.light).toBe('red');

    // Reached according to a report the office has not accepted: still missed.
    const juneReport = await reportIn(db(), june, digital.id, fx().units.a.id);
    const unaccepted = await db().selectFrom('reports').select('id').where('task_id', '=', digital.id).where('status', '=', 'draft').executeTakeFirstOrThrow();
    await db()
      .insertInto('report_milestones')
      .values({ government_id: gov, report_id: unaccepted.id, milestone_id: milestone.id, reached_on: '2026-06-10' })
      .execute();
    expect(lightOf(await statusOn('2026-06-30'), '二/4').light).toBe('red');

    // Reached on 20 June according to the accepted June report: reached late, no longer missed; the schedule's yellow remains.
    await db()
      .insertInto('report_milestones')
      .values({ government_id: gov, report_id: juneReport, milestone_id: milestone.id, reached_on: '2026-06-20' })
      .execute();
    d = lightOf(await statusOn('2026-06-30'), '二/4');
    expect(d.status.milestones.map((m) => [m.state, m.milestone.reachedOn])).toEqual([['reached_late', '2026-06-20']]);
    expect(d).toMatchObject({ light: 'yellow', behindPoints: 16.666667 });
  });

  it('uses the plan’s own thresholds', async () => {
    await savePlanSettings(
      db(),
      fx().governmentId,
      fx().planId,
      planSettings({ status: { yellowBehind: 5, redBehind: 12 } }),
      0,
      null,
      '2026-06-01T00:00:00.000Z',
    );
    // 二/2 on 30 June: 9.59 and 12.09 points behind: yellow and red under these thresholds.
    const m = lightOf(await statusOn('2026-06-30'), '二/2');
    expect(m.status.targets.map((t) => t.light)).toEqual(['yellow', 'red', 'green']);
    expect(m.light).toBe('red');
  });

  it('counts a completed task (销号) as green, and leaves removed tasks out', async () => {
    const clusters = await taskByKey(fx(), fx().tasks.a.key);
    const gone = await taskByKey(fx(), '三/6');
    await db().updateTable('tasks').set({ status: 'completed' }).where('id', '=', clusters.id).execute();
    await db().updateTable('tasks').set({ status: 'removed' }).where('id', '=', gone.id).execute();
    try {
      const s = await statusOn('2026-06-30');
      expect(s.tasks).toHaveLength(23);
      expect(s.tasks.some((t) => t.taskId === gone.id)).toBe(false);
      expect(lightOf(s, fx().tasks.a.key)).toMatchObject({ light: 'green', source: 'data', reportOverdue: false, confidenceConflict: false });
    } finally {
      await db().updateTable('tasks').set({ status: 'active' }).where('id', 'in', [clusters.id, gone.id]).execute();
    }
  });
});

/** Percentage points as the domain rounds them: to a millionth of a point. */
function round6(points: number): number {
  return Math.round(points * 1e6) / 1e6 + 0;
}
