/**
 * Co-unit inputs for consolidation, on both databases: the host unit sees the
 * co-units' reports on the same task in the same round once their heads have
 * approved them, with values, milestones and attachments.
 */
import { expect, it } from 'vitest';
import { attachReport } from '../../../src/modules/attachment/attachment.service.js';
import { reportInputs } from '../../../src/modules/report/report.service.js';
import { ForbiddenError } from '../../../src/modules/auth/forbidden-error.js';
import { approveReport, updateDraft } from '../../../src/modules/report/report-steps.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, setReport, signInAs, useApiFixture } from '../../server/api-fixture.js';
import { TEXT } from '../attachment/samples.js';
import { CO_UNIT, openRound, reportIn, unitId, useActors, useTempFiles, workPlan } from '../attachment/world.js';

describeEachDatabase('co-unit inputs of a host report', (getUrl) => {
  const fx = useApiFixture(getUrl);
  const who = useActors(fx);
  const files = useTempFiles();

  it('lists the co-units’ approved reports with their values, milestones and attachments, for whoever may read the host report', async () => {
    const db = fx().store.db;
    const roundId = await openRound(fx(), who('office'));
    const hostId = await reportIn(fx(), roundId, fx().tasks.a.id, fx().units.a.id);
    const coId = await reportIn(fx(), roundId, fx().tasks.a.id, await unitId(fx(), CO_UNIT));
    const target = (await db.selectFrom('targets').select('id').where('task_id', '=', fx().tasks.a.id).orderBy('id').executeTakeFirstOrThrow()).id;
    const [milestone = 0] = await workPlan(fx(), fx().tasks.a.id, 'approved', [{ dueOn: '2026-04-30', title: '完成项目备案' }]);

    await updateDraft(db, who('coLiaison'), coId, {
      version: 1,
      progress: '配合完成项目备案。',
      confidence: 'on_track',
      values: [{ targetId: target, value: 1.5 }],
      milestones: [{ milestoneId: milestone, reachedOn: '2026-04-20' }],
    });
    const file = await attachReport(db, who('coLiaison'), coId, { fileName: '备案表.txt', bytes: TEXT }, files());
    expect(await reportInputs(db, who('headA'), hostId), 'a draft is not yet an input').toEqual([]);

    await approveReport(db, who('coHead'), coId, {});
    const inputs = await reportInputs(db, who('liaisonA'), hostId);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({
      id: coId,
      role: 'co',
      status: 'approved',
      progress: '配合完成项目备案。',
      values: [{ targetId: target, value: 1.5 }],
      milestones: [{ milestoneId: milestone, reachedOn: '2026-04-20', title: '完成项目备案' }],
      attachments: [file],
    });
    for (const key of ['office', 'leader', 'headA'] as const) expect(await reportInputs(db, who(key), hostId), key).toHaveLength(1);
    for (const key of ['liaisonB', 'observer', 'coLiaison'] as const)
      await expect(reportInputs(db, who(key), hostId), key).rejects.toBeInstanceOf(ForbiddenError);
    // A co-unit's own report consolidates nothing.
    await expect(reportInputs(db, who('coHead'), coId)).rejects.toMatchObject({ status: 409, code: 'invalid_state' });
  });

  it('answers GET /api/reports/:id/inputs', async () => {
    await setReport(fx(), fx().reports.a, { status: 'draft', authorKey: 'liaisonA' });
    const res = await call(fx().app, await signInAs(fx().app, 'headA'), 'GET', `/api/reports/${fx().reports.a}/inputs`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ items: [] });
    expect((await call(fx().app, await signInAs(fx().app, 'liaisonB'), 'GET', `/api/reports/${fx().reports.a}/inputs`)).statusCode).toBe(403);
  });
});
