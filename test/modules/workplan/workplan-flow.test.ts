/**
 * Work plans (细化分解) through the service, on both databases: the host unit
 * drafts, its head submits, the lead leader returns or approves; a revision
 * starts as a copy of the latest and the approved one supersedes the one
 * before. Dates may only tighten the task's deadline, planned cumulative
 * values never fall, co-unit parts name co-units. Every step leaves its
 * audit row; a refused step leaves nothing.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { ForbiddenError } from '../../../src/modules/auth/forbidden-error.js';
import { changeTask } from '../../../src/modules/task/task.service.js';
import { approvedPlansOf } from '../../../src/modules/workplan/approved-plans.repository.js';
import { workPlanService as plans } from '../../../src/modules/workplan/workplan.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { movableClock } from '../support.js';
import { UNIT_A, useApiFixture, type ApiFixture } from '../../server/api-fixture.js';
import { auditCount, everyone, targetsOf, taskNumbered, unitNamed, withoutLeaders, type Who } from './people.js';

const CO_UNIT_OF_A = '区发展和改革局';

/** Everything a step could write: a refused step must leave all of it as it was. */
async function footprint(fx: ApiFixture, taskId: number) {
  const db = fx.store.db;
  const ids = (await db.selectFrom('work_plans').select('id').where('task_id', '=', taskId).execute()).map((r) => r.id);
  return {
    plans: await db.selectFrom('work_plans').selectAll().where('task_id', '=', taskId).orderBy('id').execute(),
    milestones: ids.length ? await db.selectFrom('work_plan_milestones').selectAll().where('work_plan_id', 'in', ids).orderBy('id').execute() : [],
    values: ids.length
      ? await db
          .selectFrom('work_plan_values')
          .selectAll()
          .where('work_plan_id', 'in', ids)
          .orderBy('work_plan_id')
          .orderBy('target_id')
          .orderBy('period_end')
          .execute()
      : [],
    audit: await auditCount(fx),
  };
}

describeEachDatabase('work plans (细化分解)', (getUrl) => {
  const fx = useApiFixture(getUrl);
  const clock = movableClock('2026-03-10T02:00:00.000Z');
  let as: Record<Who, Actor>;
  beforeAll(async () => {
    as = await everyone(fx());
  });
  const db = () => fx().store.db;
  const auditOf = (id: number) =>
    db().selectFrom('audit_log').selectAll().where('object_type', '=', 'work_plan').where('object_id', '=', String(id)).orderBy('seq').execute();

  it('walks draft → submit → approve, then a revision copied from it → return → redraft → approve, keeping the history', async () => {
    const taskId = fx().tasks.a.id;
    const [level, , increment] = await targetsOf(fx(), taskId);
    if (!level || !increment) throw new Error('task a has its targets');
    const coUnit = await unitNamed(fx(), CO_UNIT_OF_A);

    let p = await plans.create(db(), as.liaisonA, taskId, {}, clock);
    expect(p).toMatchObject({
      taskId,
      unitId: fx().units.a.id,
      revision: 1,
      status: 'draft',
      authorId: as.liaisonA.userId,
      measures: '',
      milestones: [],
      values: [],
      version: 1,
    });
    expect(p.actions).toEqual(['workplan.write']);

    p = await plans.update(
      db(),
      as.liaisonA,
      p.id,
      {
        version: p.version,
        measures: '一、建立新能源材料产业链链长制；二、每季度召开一次项目推进会。',
        coParts: [{ unitId: coUnit, part: '负责重点项目立项与能评。' }],
        milestones: [
          { dueOn: '2026-06-30', title: '青岚储能二期开工', unitId: null },
          { dueOn: '2026-09-30', title: '项目能评批复', unitId: coUnit },
        ],
        values: [
          { targetId: increment.id, periodEnd: '2026-03-31', value: 3 },
          { targetId: increment.id, periodEnd: '2026-06-30', value: 8 },
          { targetId: increment.id, periodEnd: '2026-09-30', value: 13 },
          { targetId: increment.id, periodEnd: '2026-12-31', value: 18 },
        ],
      },
      clock,
    );
    expect(p).toMatchObject({ status: 'draft', version: 2, coParts: [{ unitId: coUnit, part: '负责重点项目立项与能评。' }] });
    expect(p.milestones.map((m) => [m.dueOn, m.title, m.unitId])).toEqual([
      ['2026-06-30', '青岚储能二期开工', null],
      ['2026-09-30', '项目能评批复', coUnit],
    ]);
    expect(p.values).toHaveLength(4);

    await expect(plans.submit(db(), as.liaisonA, p.id, {}, clock), 'only the head submits').rejects.toBeInstanceOf(ForbiddenError);
    clock.advance(3_600_000);
    p = await plans.submit(db(), as.headA, p.id, {}, clock);
    expect(p).toMatchObject({ status: 'submitted', submittedAt: clock().toISOString() });
    expect((await plans.get(db(), as.leader, p.id)).actions).toEqual(['workplan.decide']);
    p = await plans.approve(db(), as.leader, p.id, { comment: '同意。' }, clock);
    expect(p).toMatchObject({ status: 'approved', decidedBy: as.leader.userId, decidedAt: clock().toISOString(), decisionComment: '同意。' });
    const first = p;

    const inForce = (await approvedPlansOf(db(), fx().governmentId, [taskId, fx().tasks.b.id])).get(taskId);
    expect(inForce).toMatchObject({ workPlanId: first.id, taskId, revision: 1 });
    expect(inForce?.milestones.map((m) => m.title)).toEqual(['青岚储能二期开工', '项目能评批复']);
    expect(inForce?.schedule.get(increment.id)).toEqual([
      { on: '2026-03-31', value: 3 },
      { on: '2026-06-30', value: 8 },
      { on: '2026-09-30', value: 13 },
      { on: '2026-12-31', value: 18 },
    ]);

    // A revision starts as a copy of the latest one; only one open revision at a time.
    let r2 = await plans.create(db(), as.headA, taskId, {}, clock);
    expect(r2).toMatchObject({ revision: 2, status: 'draft', measures: first.measures, coParts: first.coParts, authorId: as.headA.userId });
    expect(r2.milestones.map((m) => m.title)).toEqual(['青岚储能二期开工', '项目能评批复']);
    expect(r2.values).toEqual(first.values);
    await expect(plans.create(db(), as.liaisonA, taskId, {}, clock)).rejects.toMatchObject({ status: 409, code: 'workplan_open' });

    r2 = await plans.update(
      db(),
      as.liaisonA,
      r2.id,
      { version: r2.version, milestones: [{ dueOn: '2026-05-31', title: '青岚储能二期开工（提前）', unitId: null }] },
      clock,
    );
    r2 = await plans.submit(db(), as.headA, r2.id, {}, clock);
    await expect(plans.return(db(), as.leader, r2.id, { comment: '   ' }, clock), 'a return says why').rejects.toMatchObject({ status: 400 });
    r2 = await plans.return(db(), as.leader, r2.id, { comment: '请补充季度营收计划。' }, clock);
    expect(r2).toMatchObject({ status: 'returned', decisionComment: '请补充季度营收计划。', decidedBy: as.leader.userId });
    expect(r2.actions).toEqual([]);
    expect((await plans.get(db(), as.liaisonA, r2.id)).actions).toEqual(['workplan.write']);
    await expect(plans.submit(db(), as.headA, r2.id, {}, clock), 'a returned plan is edited before it goes again').rejects.toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    r2 = await plans.update(db(), as.liaisonA, r2.id, { version: r2.version, measures: `${first.measures}三、按季度分解营收目标。` }, clock);
    expect(r2.status).toBe('draft');
    r2 = await plans.submit(db(), as.headA, r2.id, {}, clock);
    r2 = await plans.approve(db(), as.leader, r2.id, {}, clock);
    expect(r2).toMatchObject({ status: 'approved', revision: 2, decisionComment: null });

    const history = await plans.list(db(), as.observer, taskId);
    expect(history.map((h) => [h.revision, h.status])).toEqual([
      [2, 'approved'],
      [1, 'superseded'],
    ]);
    expect(
      history[1]?.milestones.map((m) => m.title),
      'the old revision keeps its content',
    ).toEqual(['青岚储能二期开工', '项目能评批复']);
    expect((await approvedPlansOf(db(), fx().governmentId, [taskId])).get(taskId)).toMatchObject({
      workPlanId: r2.id,
      revision: 2,
      milestones: [{ dueOn: '2026-05-31' }],
    });

    expect((await auditOf(first.id)).map((a) => a.action)).toEqual(['workplan.create', 'workplan.edit', 'workplan.submit', 'workplan.approve']);
    const audit2 = await auditOf(r2.id);
    expect(audit2.map((a) => a.action)).toEqual([
      'workplan.create',
      'workplan.edit',
      'workplan.submit',
      'workplan.return',
      'workplan.edit',
      'workplan.submit',
      'workplan.approve',
    ]);
    expect(audit2[3]?.after).toContain('请补充季度营收计划。');
    expect(JSON.parse(audit2[6]?.after ?? '{}')).toMatchObject({ status: 'approved', superseded: [first.id] });
    expect(audit2.every((a) => a.actor_username !== null)).toBe(true);
  });

  it('lets dates only tighten the task’s deadline, inside the plan year, with planned values at month ends that never fall for cumulative targets', async () => {
    const taskId = fx().tasks.b.id; // 2026-06-30 (6月底前), targets: 10 家 (count), 12 % (growth rate)
    const [count, rate] = await targetsOf(fx(), taskId);
    if (!count || !rate) throw new Error('task b has its targets');
    const p = await plans.create(db(), as.liaisonB, taskId, {}, clock);
    const before = await footprint(fx(), taskId);
    const refused = async (patch: object, code: string, words: RegExp) => {
      const err: unknown = await plans.update(db(), as.liaisonB, p.id, { version: p.version, ...patch }, clock).catch((e: unknown) => e);
      expect(err, JSON.stringify(patch)).toMatchObject({ status: 400, code });
      expect((err as Error).message).toMatch(words);
    };
    await refused(
      { milestones: [{ dueOn: '2026-07-15', title: '公铁联运货场建成启用', unitId: null }] },
      'beyond_deadline',
      /晚于任务完成时限 2026-06-30.*延期申请/,
    );
    await refused({ values: [{ targetId: count.id, periodEnd: '2026-09-30', value: 10 }] }, 'beyond_deadline', /2026-09-30/);
    await refused({ milestones: [{ dueOn: '2025-12-31', title: '前期准备', unitId: null }] }, 'outside_plan_year', /不在 2026 年内/);
    await refused({ milestones: [{ dueOn: '2026-02-30', title: '启动', unitId: null }] }, 'invalid_request', /不是有效日期/);
    await refused({ values: [{ targetId: count.id, periodEnd: '2026-04-15', value: 4 }] }, 'invalid_request', /月末或季末/);
    await refused(
      {
        values: [
          { targetId: count.id, periodEnd: '2026-03-31', value: 6 },
          { targetId: count.id, periodEnd: '2026-06-30', value: 5 },
        ],
      },
      'decreasing_schedule',
      /累计数.*不能随时间减少/,
    );
    const [foreign] = await targetsOf(fx(), fx().tasks.a.id);
    await refused({ values: [{ targetId: foreign?.id ?? 0, periodEnd: '2026-03-31', value: 1 }] }, 'invalid_target', /不属于本任务/);
    expect(await footprint(fx(), taskId), 'a refused edit writes nothing').toEqual(before);

    // Earlier than the deadline is fine; a growth rate may fall back.
    const ok = await plans.update(
      db(),
      as.liaisonB,
      p.id,
      {
        version: p.version,
        measures: '建立冷链物流专班。',
        milestones: [{ dueOn: '2026-06-30', title: '公铁联运货场建成启用', unitId: null }],
        values: [
          { targetId: count.id, periodEnd: '2026-03-31', value: 4 },
          { targetId: count.id, periodEnd: '2026-06-30', value: 10 },
          { targetId: rate.id, periodEnd: '2026-03-31', value: 13 },
          { targetId: rate.id, periodEnd: '2026-06-30', value: 12 },
        ],
      },
      clock,
    );
    expect(ok.values).toHaveLength(4);

    // The office brings the deadline forward: the plan no longer keeps to it and cannot be submitted.
    const [task] = await db().selectFrom('tasks').select(['version', 'deadline']).where('id', '=', taskId).execute();
    await changeTask(db(), as.office, taskId, { version: task?.version ?? 0, deadline: '2026-05-31', reason: '按区政府要求提前' }, clock);
    await expect(plans.submit(db(), as.headB, ok.id, {}, clock)).rejects.toMatchObject({ status: 400, code: 'beyond_deadline' });
    const now = await db().selectFrom('tasks').select('version').where('id', '=', taskId).executeTakeFirstOrThrow();
    await changeTask(db(), as.office, taskId, { version: now.version, deadline: '2026-06-30', reason: '按区政府要求调整' }, clock);
    await expect(plans.submit(db(), as.headB, ok.id, {}, clock)).resolves.toMatchObject({ status: 'submitted' });
  });

  it('takes co-unit parts for the task’s co-units only, and milestones for the units responsible for it', async () => {
    const taskId = await taskNumbered(fx(), 2); // hosted by unit A; co-units include 区发展和改革局
    const p = await plans.create(db(), as.liaisonA, taskId, {}, clock);
    const coUnit = await unitNamed(fx(), CO_UNIT_OF_A);
    const before = await footprint(fx(), taskId);
    await expect(
      plans.update(db(), as.liaisonA, p.id, { version: 1, coParts: [{ unitId: fx().units.b.id, part: '协助招商。' }] }, clock),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_unit' });
    await expect(plans.update(db(), as.liaisonA, p.id, { version: 1, coParts: [{ unitId: fx().units.a.id, part: '牵头。' }] }, clock)).rejects.toMatchObject({
      status: 400,
      code: 'invalid_unit',
      message: expect.stringContaining(`${UNIT_A}是本任务的主办单位`) as unknown,
    });
    await expect(
      plans.update(
        db(),
        as.liaisonA,
        p.id,
        {
          version: 1,
          coParts: [
            { unitId: coUnit, part: '立项。' },
            { unitId: coUnit, part: '能评。' },
          ],
        },
        clock,
      ),
    ).rejects.toMatchObject({ status: 400 });
    await expect(plans.update(db(), as.liaisonA, p.id, { version: 1, coParts: [{ unitId: coUnit, part: '  ' }] }, clock)).rejects.toMatchObject({
      status: 400,
    });
    await expect(
      plans.update(db(), as.liaisonA, p.id, { version: 1, milestones: [{ dueOn: '2026-06-30', title: '招商推介', unitId: fx().units.b.id }] }, clock),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_unit' });
    expect(await footprint(fx(), taskId)).toEqual(before);
    await expect(
      plans.update(db(), as.liaisonA, p.id, { version: 1, coParts: [{ unitId: coUnit, part: '负责企业培育政策兑现。' }] }, clock),
    ).resolves.toMatchObject({ coParts: [{ unitId: coUnit }] });
  });

  it('keeps an open revision to the unit, the lead leader and the office, and opens it to everyone once approved', async () => {
    const taskId = await taskNumbered(fx(), 4); // hosted by unit A, led by 闵晓川 alone
    const p = await plans.create(db(), as.office, taskId, {}, clock);
    expect(p).toMatchObject({ unitId: fx().units.a.id, authorId: as.office.userId });
    const sees = async (who: Who): Promise<boolean> => (await plans.list(db(), as[who], taskId)).some((x) => x.id === p.id);
    for (const who of ['office', 'leader', 'headA', 'liaisonA'] as const) {
      expect(await sees(who), who).toBe(true);
      await expect(plans.get(db(), as[who], p.id)).resolves.toMatchObject({ id: p.id });
    }
    for (const who of ['liaisonB', 'observer', 'leaderLuo', 'auditor'] as const) {
      expect(await sees(who), who).toBe(false);
      await expect(plans.get(db(), as[who], p.id), who).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(plans.update(db(), as.liaisonB, p.id, { version: 1, measures: '冒名填写' }, clock)).rejects.toBeInstanceOf(ForbiddenError);

    await plans.update(db(), as.liaisonA, p.id, { version: 1, measures: '按月调度企业技改项目。' }, clock);
    await plans.submit(db(), as.headA, p.id, {}, clock);
    await plans.approve(db(), as.leader, p.id, {}, clock);
    for (const who of ['liaisonB', 'observer', 'leaderLuo', 'auditor'] as const) {
      expect(await sees(who), who).toBe(true);
      await expect(plans.get(db(), as[who], p.id)).resolves.toMatchObject({ status: 'approved', actions: [] });
    }
    await expect(
      plans.list(db(), { ...as.pending, mustChangePassword: true }, taskId),
      'a user whose password change is due sees nothing',
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(plans.list(db(), as.office, 999_999)).rejects.toMatchObject({ status: 404 });
    await expect(plans.get(db(), as.office, 999_999)).rejects.toMatchObject({ status: 404 });
  });

  it('lets nobody approve a plan they wrote, has the office decide only for a task without a lead leader, and writes nothing when refused', async () => {
    const led = await taskNumbered(fx(), 5); // hosted by 区科学技术局, led by 闵晓川
    const orphan = await taskNumbered(fx(), 10); // hosted by unit B alone
    await withoutLeaders(fx(), orphan);

    const p = await plans.create(db(), as.office, orphan, {}, clock);
    await plans.update(db(), as.office, p.id, { version: 1, measures: '督查室代为起草：组织促消费活动。' }, clock);
    const submitted = await plans.submit(db(), as.headB, p.id, {}, clock);
    expect(submitted.actions, 'the office wrote it: the office may not decide it').toEqual([]);
    const before = await footprint(fx(), orphan);
    await expect(plans.approve(db(), as.office, p.id, {}, clock)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(plans.return(db(), as.office, p.id, { comment: '自己退回自己' }, clock)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(plans.approve(db(), as.leader, p.id, {}, clock), 'no lead leader of this task').rejects.toBeInstanceOf(ForbiddenError);
    await expect(plans.approve(db(), as.headB, p.id, {}, clock)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await footprint(fx(), orphan)).toEqual(before);
    await expect(plans.approve(db(), as.office2, p.id, {}, clock), 'another clerk of the office decides').resolves.toMatchObject({
      status: 'approved',
      decidedBy: as.office2.userId,
    });

    // A task with a lead leader: the office does not decide it.
    const q = await plans.create(db(), as.office, led, {}, clock);
    await plans.update(db(), as.office, q.id, { version: 1, measures: '组织高新技术企业申报辅导。' }, clock);
    await expect(plans.submit(db(), as.headA, q.id, {}, clock), 'unit A does not host this task').rejects.toBeInstanceOf(ForbiddenError);
    await db().updateTable('work_plans').set({ status: 'submitted' }).where('id', '=', q.id).execute(); // set-up: submitted by its host's head
    await expect(plans.approve(db(), as.office2, q.id, {}, clock)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(plans.approve(db(), as.leader, q.id, {}, clock)).resolves.toMatchObject({ status: 'approved' });
  });

  it('files a plan of a task with several host units for the unit named, the actor’s own, or the unit of the latest revision', async () => {
    const taskId = await taskNumbered(fx(), 20); // hosted by 区教育和体育局 and 区卫生健康局
    await expect(plans.create(db(), as.office, taskId, {}, clock)).rejects.toMatchObject({
      status: 400,
      code: 'unit_required',
      message: expect.stringContaining('区教育和体育局、区卫生健康局') as unknown,
    });
    await expect(plans.create(db(), as.office, taskId, { unitId: fx().units.a.id }, clock)).rejects.toMatchObject({ status: 400, code: 'invalid_unit' });
    const health = await unitNamed(fx(), '区卫生健康局');
    await expect(plans.create(db(), as.office, taskId, { unitId: health }, clock)).resolves.toMatchObject({ unitId: health, revision: 1 });

    const b = fx().tasks.b.id; // hosted by 区发展和改革局 and unit B; unit B filed its latest revision above
    await db()
      .updateTable('work_plans')
      .set({ status: 'superseded' })
      .where('task_id', '=', b)
      .where('status', 'in', ['draft', 'submitted', 'returned'])
      .execute(); // set-up: nothing open
    await expect(plans.create(db(), as.liaisonA, b, {}, clock)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      plans.create(db(), as.liaisonB, b, { unitId: await unitNamed(fx(), CO_UNIT_OF_A) }, clock),
      'not for another host unit',
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(plans.create(db(), as.leader, b, {}, clock)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(plans.create(db(), as.office, b, {}, clock)).resolves.toMatchObject({ unitId: fx().units.b.id });
  });

  it('refuses a stale version with 409 and the current revision, changing nothing; two decisions at once: one wins, one gets 409', async () => {
    const taskId = await taskNumbered(fx(), 11); // hosted by unit B, led by 罗清禾
    const p = await plans.create(db(), as.liaisonB, taskId, {}, clock);
    await plans.update(db(), as.liaisonB, p.id, { version: 1, measures: '第一稿' }, clock);
    const before = await footprint(fx(), taskId);
    await expect(plans.update(db(), as.headB, p.id, { version: 1, measures: '基于旧版本的修改' }, clock)).rejects.toMatchObject({
      status: 409,
      code: 'version_conflict',
      details: { current: { id: p.id, version: 2, measures: '第一稿' } },
    });
    expect(await footprint(fx(), taskId)).toEqual(before);

    await plans.submit(db(), as.headB, p.id, {}, clock);
    const results = await Promise.allSettled([
      plans.approve(db(), as.leaderLuo, p.id, {}, clock),
      plans.return(db(), as.leaderLuo, p.id, { comment: '请细化。' }, clock),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected');
    expect(failed?.status === 'rejected' ? failed.reason : null).toMatchObject({ status: 409 });
  });
});
