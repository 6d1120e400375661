/**
 * The aggregates the dashboard reads, kept by the report steps in their own
 * transactions, on both databases: an accepted host report becomes its
 * targets' latest values and its task's rating (never over newer figures);
 * opening a round counts what each unit owes; the first sending of a report
 * counts it on time or late by the due date in Asia/Shanghai; returns are
 * counted. A step that fails, is refused or loses a race writes nothing.
 */
import { beforeAll, expect, it } from 'vitest';
import { acceptReport, approveReport, returnReport, submitReport, updateDraft } from '../../../src/modules/report/report-steps.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { useApiFixture } from '../../server/api-fixture.js';
import { at, castOf, FGJ, file, openMonth, reportIn, taskByKey, unitId, type Cast } from './status-helpers.js';

describeEachDatabase('the status aggregates', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let cast: Cast;
  let june = 0;
  beforeAll(async () => {
    cast = await castOf(fx());
  });

  const db = () => fx().store.db;
  const punctuality = async (unit: number) => {
    const row = await db()
      .selectFrom('unit_punctuality')
      .select(['owed', 'on_time', 'late', 'returned'])
      .where('plan_id', '=', fx().planId)
      .where('unit_id', '=', unit)
      .executeTakeFirst();
    return row ?? { owed: 0, on_time: 0, late: 0, returned: 0 };
  };
  const latest = (taskId: number) =>
    db().selectFrom('target_progress').select(['target_id', 'value', 'period_end', 'report_id']).where('task_id', '=', taskId).orderBy('target_id').execute();
  const rating = (taskId: number) => db().selectFrom('task_progress').selectAll().where('task_id', '=', taskId).executeTakeFirst();
  const everything = async () => ({
    targets: await db().selectFrom('target_progress').selectAll().orderBy('target_id').execute(),
    tasks: await db().selectFrom('task_progress').selectAll().orderBy('task_id').execute(),
    units: await db().selectFrom('unit_punctuality').selectAll().orderBy('unit_id').execute(),
  });

  it('counts the reports a round asks of each unit when it opens', async () => {
    const before = new Map(
      (await db().selectFrom('unit_punctuality').select(['unit_id', 'owed']).where('plan_id', '=', fx().planId).execute()).map((r) => [r.unit_id, r.owed]),
    );
    june = await openMonth(fx(), cast.office, '2026-06', '2026-06-30', '2026-07-05');
    const asked = await db()
      .selectFrom('reports')
      .select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('round_id', '=', june)
      .groupBy('unit_id')
      .execute();
    expect(asked.length).toBeGreaterThan(10);
    for (const { unit_id, n } of asked) {
      // The fixture's March round asked the same of each unit; June asks it again.
      expect((await punctuality(unit_id)).owed, `unit #${unit_id}`).toBe((before.get(unit_id) ?? 0) + Number(n));
      expect(before.get(unit_id), `unit #${unit_id} in March`).toBe(Number(n));
    }
  });

  it('makes an accepted host report its targets’ latest values and its task’s rating, and nothing before acceptance', async () => {
    const task = fx().tasks.a;
    const { targets } = await taskByKey(fx(), task.key);
    const [level = 0, , increment = 0] = targets;
    const id = await reportIn(db(), june, task.id, fx().units.a.id);
    await file(db(), cast, id, {
      author: cast.liaisonA,
      head: cast.headA,
      values: [
        { targetId: level, value: 120 },
        { targetId: increment, value: 6 },
      ],
      confidence: 'at_risk',
      submitAt: '2026-07-03T02:00:00Z',
      accept: false,
    });
    expect(await latest(task.id), 'a submitted report is not yet part of the ledger').toEqual([]);
    expect(await rating(task.id)).toBeUndefined();

    await acceptReport(db(), cast.office, id, {}, at('2026-07-04T03:00:00Z'));
    expect(await latest(task.id)).toEqual([
      { target_id: level, value: 120, period_end: '2026-06-30', report_id: id },
      { target_id: increment, value: 6, period_end: '2026-06-30', report_id: id },
    ]);
    expect(await rating(task.id)).toMatchObject({
      plan_id: fx().planId,
      confidence: 'at_risk',
      confidence_reason: '进度慢于预期',
      report_id: id,
      period_end: '2026-06-30',
      reported_at: '2026-07-03T02:00:00.000Z',
      propose_complete: 0,
      updated_at: '2026-07-04T03:00:00.000Z',
    });
  });

  it('keeps newer figures when an older round is accepted late, and takes the older figures of targets it has nothing newer for', async () => {
    const task = fx().tasks.a;
    const { targets } = await taskByKey(fx(), task.key);
    const [level = 0, , increment = 0, , , total = 0] = targets;
    const juneValues = await latest(task.id);
    const juneRating = await rating(task.id);
    const march = fx().reports.a;
    await file(db(), cast, march, {
      author: cast.liaisonA,
      head: cast.headA,
      values: [
        { targetId: level, value: 50 },
        { targetId: total, value: 190 },
      ],
      confidence: 'on_track',
      submitAt: '2026-07-10T02:00:00Z',
    });

    expect(await latest(task.id)).toEqual(
      [...juneValues, { target_id: total, value: 190, period_end: '2026-03-31', report_id: march }].sort((x, y) => x.target_id - y.target_id),
    );
    expect((await latest(task.id)).find((r) => r.target_id === increment)).toMatchObject({ value: 6, period_end: '2026-06-30' });
    expect(await rating(task.id), 'the rating stays June’s').toEqual(juneRating);
  });

  it('counts a report sent on the due date in Shanghai as on time, one sent after midnight there as late, and every return', async () => {
    const unitA = fx().units.a.id;
    const unitB = fx().units.b.id;
    const a0 = await punctuality(unitA);
    const b0 = await punctuality(unitB);

    // 23:59:59 on 5 July in Shanghai is 15:59:59 UTC.
    const digital = await taskByKey(fx(), '二/4');
    await file(db(), cast, await reportIn(db(), june, digital.id, unitA), {
      author: cast.liaisonA,
      head: cast.headA,
      submitAt: '2026-07-05T15:59:59Z',
      accept: false,
    });
    expect(await punctuality(unitA)).toEqual({ ...a0, on_time: a0.on_time + 1 });

    // Midnight in Shanghai: 6 July, a day late.
    const b = await reportIn(db(), june, fx().tasks.b.id, unitB);
    await file(db(), cast, b, { author: cast.liaisonB, head: cast.headB, submitAt: '2026-07-05T16:00:00Z', accept: false });
    expect(await punctuality(unitB)).toEqual({ ...b0, late: b0.late + 1 });

    const returned = await returnReport(db(), cast.office, b, { comment: '请补充数据来源。' }, at('2026-07-07T02:00:00Z'));
    expect(await punctuality(unitB)).toEqual({ ...b0, late: b0.late + 1, returned: b0.returned + 1 });
    // Sent again after the return: not counted a second time.
    await updateDraft(db(), cast.liaisonB, b, { version: returned.version, progress: '已补充数据来源。' }, at('2026-07-08T02:00:00Z'));
    await approveReport(db(), cast.headB, b, {}, at('2026-07-08T02:00:00Z'));
    await submitReport(db(), cast.headB, b, {}, at('2026-07-08T02:00:00Z'));
    await acceptReport(db(), cast.office, b, {}, at('2026-07-09T02:00:00Z'));
    expect(await punctuality(unitB)).toEqual({ ...b0, late: b0.late + 1, returned: b0.returned + 1 });
  });

  it('counts a co-unit’s input as sent when its head first approves it', async () => {
    const fgj = await unitId(db(), FGJ);
    const before = await punctuality(fgj);
    const id = await reportIn(db(), june, fx().tasks.a.id, fgj);
    await updateDraft(db(), cast.fgjLiaison, id, { version: 1, progress: '配合完成项目备案。', confidence: 'on_track' }, at('2026-07-04T01:00:00Z'));
    await approveReport(db(), cast.fgjHead, id, {}, at('2026-07-04T02:00:00Z'));
    expect(await punctuality(fgj)).toEqual({ ...before, on_time: before.on_time + 1 });
  });

  it('writes nothing to the aggregates when a step is refused, loses a race or is rolled back', async () => {
    const unitA = fx().units.a.id;
    const task = await taskByKey(fx(), '二/2');
    const id = await reportIn(db(), june, task.id, unitA);
    const before = await everything();

    // Refused: nothing submitted yet to accept or return.
    await expect(acceptReport(db(), cast.office, id, {})).rejects.toMatchObject({ status: 409, code: 'invalid_state' });
    await expect(returnReport(db(), cast.office, id, { comment: '退回' })).rejects.toMatchObject({ status: 409 });
    expect(await everything()).toEqual(before);

    // Two submissions at once: one wins, the other gets 409, and the report is counted once.
    await updateDraft(db(), cast.liaisonA, id, {
      version: 1,
      progress: '推进中。',
      confidence: 'on_track',
      values: [{ targetId: task.targets[0] ?? 0, value: 10 }],
    });
    await approveReport(db(), cast.headA, id, {});
    const outcomes = await Promise.allSettled([
      submitReport(db(), cast.headA, id, {}, at('2026-07-01T02:00:00Z')),
      submitReport(db(), cast.headA, id, {}, at('2026-07-01T02:00:00Z')),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === 'rejected');
    expect(lost && lost.status === 'rejected' ? lost.reason : undefined).toMatchObject({ status: 409 });
    const a0 = before.units.find((u) => u.unit_id === unitA);
    expect(await punctuality(unitA)).toMatchObject({ on_time: (a0?.on_time ?? 0) + 1 });

    // The acceptance inside a transaction that fails afterwards: its figures go with it.
    const submitted = await everything();
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await acceptReport(trx, cast.office, id, {});
          expect((await trx.selectFrom('target_progress').select('value').where('task_id', '=', task.id).execute()).length, 'written inside').toBe(1);
          throw new Error('a later step failed');
        }),
    ).rejects.toThrow('a later step failed');
    expect(await everything()).toEqual(submitted);
    expect((await db().selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('submitted');
  });
});
