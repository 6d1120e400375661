/**
 * A target owned by several units, and the past that does not change, on both
 * databases, on the sample plan's task 二/3 (hosted by 区发展和改革局 and
 * 区商务局: "培育市级以上服务业示范企业10家" is a count, summed over the units;
 * "生产性服务业营业收入增长12%以上" is a rate, judged per unit).
 *
 * - Both units' figures are kept: neither overwrites the other, the count is
 *   their sum, the rate takes the light of the unit furthest behind, and the
 *   task's status shows each unit's part.
 * - What the lights, the dashboard and a task's status say about 30 June does
 *   not change when July happens: later reports, a voided report, a completed
 *   task and a closed round leave 30 June as it was known then.
 */
import { beforeAll, expect, it } from 'vitest';
import { dashboard } from '../../../src/modules/dashboard/dashboard.service.js';
import { voidReport } from '../../../src/modules/report/report-steps.js';
import { roundCloser } from '../../../src/modules/round/round.service.js';
import { presentTaskStatus } from '../../../src/modules/status/status.presenter.js';
import { planStatus, taskStatusDetail } from '../../../src/modules/status/status.service.js';
import { completeTask } from '../../../src/modules/task/task.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { UNIT_B, useApiFixture } from '../../server/api-fixture.js';
import { at, castOf, FGJ, file, openMonth, reportIn, taskByKey, unitId, type Cast } from './status-helpers.js';

const DAYS = 365;

describeEachDatabase('figures of several units, and the past', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let cast: Cast;
  let task: { id: number; targets: number[] };
  let fgj = 0;
  let swj = 0;
  let june = 0;
  let swjJune = 0;
  beforeAll(async () => {
    cast = await castOf(fx());
    task = await taskByKey(fx(), '二/3');
    fgj = await unitId(db(), FGJ);
    swj = await unitId(db(), UNIT_B);
    // The fixture's March round ends in April: its unsent reports are no longer owed by June.
    const march = await db().selectFrom('rounds').select('version').where('id', '=', fx().roundId).executeTakeFirstOrThrow();
    await roundCloser.close(db(), cast.office, { id: fx().roundId, version: march.version }, at('2026-04-20T02:00:00Z'));
  });
  const db = () => fx().store.db;
  const statusOn = (asOf: string) => planStatus(db(), fx().governmentId, fx().planId, asOf);
  const detailOn = async (asOf: string) => presentTaskStatus(await taskStatusDetail(db(), cast.office, task.id, asOf));

  it('keeps both host units’ figures and combines them by each target’s rule', async () => {
    const [count = 0, rate = 0] = task.targets;
    const targets = await db().selectFrom('targets').select(['id', 'kind', 'combine']).where('task_id', '=', task.id).orderBy('position').execute();
    expect(targets.map((t) => [t.kind, t.combine])).toEqual([
      ['count', 'sum'],
      ['growth_rate', 'per_unit'],
    ]);
    june = await openMonth(fx(), cast.office, '2026-06', '2026-06-30', '2026-07-05');
    await file(db(), cast, await reportIn(db(), june, task.id, fgj), {
      author: cast.fgjLiaison,
      head: cast.fgjHead,
      values: [
        { targetId: count, value: 4 },
        { targetId: rate, value: 13 },
      ],
      submitAt: '2026-06-30T02:00:00Z',
    });
    swjJune = await reportIn(db(), june, task.id, swj);
    await file(db(), cast, swjJune, {
      author: cast.liaisonB,
      head: cast.headB,
      values: [
        { targetId: count, value: 3 },
        { targetId: rate, value: 9 },
      ],
      submitAt: '2026-06-30T03:00:00Z',
    });

    const light = (await statusOn('2026-06-30')).tasks.find((t) => t.taskId === task.id);
    const [summed, perUnit] = light?.status.targets ?? [];
    // 4 + 3 = 7 of 10: 70 % against 181/365 elapsed, ahead.
    expect(summed).toMatchObject({ light: 'green', completion: { state: 'share', share: 0.7 } });
    expect(summed?.units).toEqual([
      { unitId: fgj, actual: 4, light: null, behindPoints: null },
      { unitId: swj, actual: 3, light: null, behindPoints: null },
    ]);
    // 13 % of 12 %: met; 9 % of 12 %: 25 points short of the full rate, yellow. The target takes the yellow.
    expect(perUnit).toMatchObject({ light: 'yellow', behindPoints: 25, expectedFrom: 'full' });
    expect(perUnit?.units).toEqual([
      { unitId: fgj, actual: 13, light: 'green', behindPoints: expect.any(Number) as number },
      { unitId: swj, actual: 9, light: 'yellow', behindPoints: 25 },
    ]);
    expect(light?.light).toBe('yellow');

    const detail = await detailOn('2026-06-30');
    const [c, r] = detail.targets;
    expect(c).toMatchObject({
      actual: 7,
      combine: 'sum',
      units: [
        { name: FGJ, actual: 4 },
        { name: UNIT_B, actual: 3 },
      ],
    });
    expect(r).toMatchObject({
      actual: 9,
      combine: 'per_unit',
      units: [
        { name: FGJ, actual: 13, light: 'green' },
        { name: UNIT_B, actual: 9, light: 'yellow' },
      ],
    });
    // Each reported figure over time, and the path planned for the count (time progress at each month's end).
    expect(c?.series.map((p) => [p.unitId, p.value])).toEqual([
      [fgj, 4],
      [swj, 3],
    ]);
    expect(c?.planned).toHaveLength(12);
    expect(c?.planned[5]).toEqual({ on: '2026-06-30', value: Math.round(10 * (181 / DAYS) * 100) / 100 });
  });

  it('says the same about 30 June after July happened: later figures, a voided report, a closed round, a completed task, a changed target', async () => {
    const before = await statusOn('2026-06-30');
    const beforeDetail = await detailOn('2026-06-30');
    const beforeBoard = await dashboard(db(), cast.office, { planId: fx().planId, asOf: '2026-06-30' });

    const [count = 0, rate = 0] = task.targets;
    const july = await openMonth(fx(), cast.office, '2026-07', '2026-07-31', '2026-08-05');
    await file(db(), cast, await reportIn(db(), july, task.id, fgj), {
      author: cast.fgjLiaison,
      head: cast.fgjHead,
      values: [
        { targetId: count, value: 6 },
        { targetId: rate, value: 12.5 },
      ],
      submitAt: '2026-07-31T02:00:00Z',
    });
    const voided = await db().selectFrom('reports').select('version').where('id', '=', swjJune).executeTakeFirstOrThrow();
    await voidReport(db(), cast.office, swjJune, { version: voided.version, reason: '数据口径有误' }, at('2026-08-02T02:00:00Z'));
    const round = await db().selectFrom('rounds').select('version').where('id', '=', june).executeTakeFirstOrThrow();
    await roundCloser.close(db(), cast.office, { id: june, version: round.version }, at('2026-07-12T02:00:00Z'));
    const other = await taskByKey(fx(), '二/4');
    await completeTask(db(), cast.office, other.id, { comment: '经核实已完成，予以销号。' }, at('2026-08-03T02:00:00Z'));

    // A target change after the date (the count excluded from measurement, as an approved 指标调整 writes it:
    // the row changed, the target before and after kept in target_revisions).
    const stored = await db().selectFrom('targets').selectAll().where('id', '=', count).executeTakeFirstOrThrow();
    const snapshot = (measured: boolean) =>
      JSON.stringify({
        id: count,
        text: stored.text,
        metric: stored.metric,
        kind: stored.kind,
        value: stored.value,
        unit: stored.unit,
        qualifiers: JSON.parse(stored.qualifiers) as string[],
        scope: stored.scope,
        measured,
        combine: stored.combine,
        owners: [],
      });
    await db().updateTable('targets').set({ measured: 0 }).where('id', '=', count).execute();
    await db()
      .insertInto('target_revisions')
      .values({
        government_id: fx().governmentId,
        task_id: task.id,
        target_id: count,
        at: '2026-08-04T02:00:00.000Z',
        actor_user_id: null,
        change: 'exclude',
        before: snapshot(true),
        after: snapshot(false),
        reason: '该指标改为年底一次性考核',
        request_id: null,
      })
      .execute();
    expect((await statusOn('2026-08-05')).tasks.find((t) => t.taskId === task.id)?.status.targets[0]).toMatchObject({ reason: 'not_measured', light: 'none' });

    expect(await statusOn('2026-06-30')).toEqual(before);
    expect(await detailOn('2026-06-30')).toEqual({ ...beforeDetail, history: expect.any(Array) as unknown[] });
    expect(await dashboard(db(), cast.office, { planId: fx().planId, asOf: '2026-06-30' })).toEqual(beforeBoard);

    // 3 August's view has moved on: 区商务局's June figures are voided, 区发展和改革局's July ones count.
    const now = (await statusOn('2026-08-03')).tasks.find((t) => t.taskId === task.id);
    expect(now?.status.targets[0]?.units).toEqual([
      { unitId: fgj, actual: 6, light: null, behindPoints: null },
      { unitId: swj, actual: null, light: null, behindPoints: null },
    ]);
    expect((await statusOn('2026-08-03')).tasks.find((t) => t.taskId === other.id)?.light).toBe('green');
    expect(before.tasks.find((t) => t.taskId === other.id)?.light).not.toBe('green');
  });
});
