/**
 * Milestones reached and the 销号 proposal in a unit's draft, on both
 * databases: only milestones of the task's approved work plan, reached on a
 * real day no later than today (the government's day, UTC+8); shown on the
 * report and recorded in the edit's audit row.
 */
import { expect, it } from 'vitest';
import { updateDraft } from '../../../src/modules/report/report-steps.js';
import { getReport } from '../../../src/modules/report/report.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, signInAs, useApiFixture, type ApiFixture } from '../../server/api-fixture.js';
import { auditOf, openRound, reportIn, useActors, workPlan } from '../attachment/world.js';

/** 2026-04-03 20:00 UTC is already 2026-04-04 in 临河区. */
const clock = (): Date => new Date('2026-04-03T20:00:00.000Z');

const reportRow = (fx: ApiFixture, id: number) => fx.store.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const milestoneRows = (fx: ApiFixture, id: number) =>
  fx.store.db.selectFrom('report_milestones').selectAll().where('report_id', '=', id).orderBy('milestone_id').execute();

describeEachDatabase('milestones reached and 销号 proposals in reports', (getUrl) => {
  const fx = useApiFixture(getUrl);
  const who = useActors(fx);
  const draftOfA = async (): Promise<number> => reportIn(fx(), await openRound(fx(), who('office')), fx().tasks.a.id, fx().units.a.id);

  it('records milestones of the approved work plan and the proposal, shows them, and audits them', async () => {
    const db = fx().store.db;
    const [landed = 0, built = 0] = await workPlan(fx(), fx().tasks.a.id, 'approved', [
      { dueOn: '2026-03-31', title: '完成项目用地报批' },
      { dueOn: '2026-06-30', title: '主体厂房封顶' },
    ]);
    const id = await draftOfA();
    const r = await updateDraft(
      db,
      who('liaisonA'),
      id,
      {
        version: 1,
        milestones: [
          { milestoneId: built, reachedOn: '2026-04-04' },
          { milestoneId: landed, reachedOn: '2026-03-28' },
        ],
        proposeComplete: true,
      },
      clock,
    );
    expect(r).toMatchObject({ status: 'draft', version: 2, proposeComplete: true });
    expect(await milestoneRows(fx(), id)).toEqual([
      { government_id: fx().governmentId, report_id: id, milestone_id: landed, reached_on: '2026-03-28' },
      { government_id: fx().governmentId, report_id: id, milestone_id: built, reached_on: '2026-04-04' },
    ]);
    expect((await reportRow(fx(), id)).propose_complete).toBe(1);

    const [audit] = await auditOf(fx(), 'report.edit', id);
    expect(JSON.parse(audit?.after ?? '{}')).toMatchObject({
      proposeComplete: true,
      milestones: [
        { milestoneId: built, reachedOn: '2026-04-04' },
        { milestoneId: landed, reachedOn: '2026-03-28' },
      ],
    });

    // Through the API: the report shows them, in due order, with their titles.
    const session = await signInAs(fx().app, 'headA');
    const shown = (await call(fx().app, session, 'GET', `/api/reports/${id}`)).json<{ proposeComplete: boolean; milestones: unknown[] }>();
    expect(shown.proposeComplete).toBe(true);
    expect(shown.milestones).toEqual([
      { milestoneId: landed, title: '完成项目用地报批', dueOn: '2026-03-31', reachedOn: '2026-03-28' },
      { milestoneId: built, title: '主体厂房封顶', dueOn: '2026-06-30', reachedOn: '2026-04-04' },
    ]);

    // A later edit replaces the list; leaving a field out leaves it as it was.
    await updateDraft(db, who('liaisonA'), id, { version: 2, milestones: [{ milestoneId: landed, reachedOn: '2026-03-30' }] }, clock);
    expect((await milestoneRows(fx(), id)).map((m) => [m.milestone_id, m.reached_on])).toEqual([[landed, '2026-03-30']]);
    expect((await getReport(db, who('liaisonA'), id)).proposeComplete).toBe(true);
    await updateDraft(db, who('liaisonA'), id, { version: 3, progress: '已完成用地报批。', proposeComplete: false, milestones: [] }, clock);
    expect(await milestoneRows(fx(), id)).toEqual([]);
    expect((await reportRow(fx(), id)).propose_complete).toBe(0);
  });

  it('refuses milestones outside the task’s approved plan, unreal dates, future dates and repeats, writing nothing', async () => {
    const db = fx().store.db;
    const [approved = 0] = await workPlan(fx(), fx().tasks.a.id, 'approved', [{ dueOn: '2026-05-31', title: '签约落地项目 5 个' }]);
    const [drafted = 0] = await workPlan(fx(), fx().tasks.a.id, 'draft', [{ dueOn: '2026-05-31', title: '未批准方案的节点' }]);
    const [otherTask = 0] = await workPlan(fx(), fx().tasks.b.id, 'approved', [{ dueOn: '2026-05-31', title: '商务局任务的节点' }]);
    const id = await draftOfA();
    const before = { report: await reportRow(fx(), id), milestones: await milestoneRows(fx(), id), audit: (await auditOf(fx(), 'report.edit', id)).length };
    const refused = async (milestones: { milestoneId: number; reachedOn: string }[], code: string, message: RegExp) => {
      const attempt = updateDraft(db, who('liaisonA'), id, { version: 1, milestones, proposeComplete: true }, clock);
      await expect(attempt).rejects.toMatchObject({ status: 400, code });
      await expect(attempt).rejects.toThrow(message);
    };
    await refused([{ milestoneId: drafted, reachedOn: '2026-04-01' }], 'invalid_milestone', /不属于本任务已批准的工作方案/);
    await refused([{ milestoneId: otherTask, reachedOn: '2026-04-01' }], 'invalid_milestone', /不属于/);
    await refused([{ milestoneId: approved, reachedOn: '2026-02-30' }], 'invalid_date', /不是有效日期/);
    await refused([{ milestoneId: approved, reachedOn: '2026-04-05' }], 'invalid_date', /晚于今天（2026-04-04）/);
    await refused(
      [
        { milestoneId: approved, reachedOn: '2026-04-01' },
        { milestoneId: approved, reachedOn: '2026-04-02' },
      ],
      'invalid_request',
      /只能填写一次/,
    );
    expect({ report: await reportRow(fx(), id), milestones: await milestoneRows(fx(), id), audit: (await auditOf(fx(), 'report.edit', id)).length }).toEqual(
      before,
    );
  });

  it('takes milestones and the proposal through PATCH /api/reports/:id, and rejects a malformed date', async () => {
    const [m = 0] = await workPlan(fx(), fx().tasks.a.id, 'approved', [{ dueOn: '2026-04-30', title: '举办招商推介会' }]);
    const id = await draftOfA();
    const session = await signInAs(fx().app, 'liaisonA');
    const res = await call(fx().app, session, 'PATCH', `/api/reports/${id}`, {
      version: 1,
      milestones: [{ milestoneId: m, reachedOn: '2026-03-15' }],
      proposeComplete: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      proposeComplete: true,
      milestones: [{ milestoneId: m, reachedOn: '2026-03-15', title: '举办招商推介会' }],
      attachments: [],
    });
    const bad = await call(fx().app, session, 'PATCH', `/api/reports/${id}`, { version: 2, milestones: [{ milestoneId: m, reachedOn: '3月15日' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });
});
