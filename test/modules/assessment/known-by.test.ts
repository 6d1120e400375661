/**
 * A past period asked about later says what was known then, on both
 * databases: the March bulletin made in June is the one made on 1 April (a
 * report filed in April, an order issued in May, an order answered and closed
 * later are not in it), and the assessment as of 10 April made in July is the
 * one made on 11 April (a return, a round close, a late report and an
 * acceptance after it change nothing). The story goes through the services,
 * each step on its own day.
 */
import { expect, it } from 'vitest';
import type { BulletinContent } from '../../../src/documents/bulletin-content.js';
import type { Actor } from '../../../src/domain/actor.js';
import { assessmentOf, type Assessment } from '../../../src/modules/assessment/assessment.service.js';
import { bulletinContent } from '../../../src/modules/bulletin/bulletin.gather.js';
import { orderService } from '../../../src/modules/order/order.service.js';
import { acceptReport, approveReport, returnReport, submitReport, updateDraft } from '../../../src/modules/report/report-steps.js';
import { roundCloser } from '../../../src/modules/round/round.service.js';
import { createUser } from '../../../src/modules/user/user.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { PEOPLE, UNIT_B, useApiFixture, type ApiFixture } from '../../server/api-fixture.js';

const on = (iso: string) => () => new Date(iso);

async function actorOf(fx: ApiFixture, username: string): Promise<Actor> {
  const u = await fx.store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  return {
    governmentId: fx.governmentId,
    userId: u.id,
    username: u.username,
    role: u.role as Actor['role'],
    unitId: u.unit_id,
    leaderId: u.leader_id,
    ip: null,
  };
}

/** What a bulletin says, less the day it was made (its date and printing line). */
const said = ({ date: _date, printedBy: _printedBy, ...rest }: BulletinContent) => rest;

describeEachDatabase('a past period asked about later', (getUrl) => {
  const fx = useApiFixture(getUrl);

  it('says what was known at its end: the March bulletin and the assessment of 10 April, made again months later', async () => {
    const f = fx();
    const db = f.store.db;
    const office = await actorOf(f, PEOPLE.office.username);
    const liaisonA = await actorOf(f, PEOPLE.liaisonA.username);
    const headA = await actorOf(f, PEOPLE.headA.username);
    const liaisonB = await actorOf(f, PEOPLE.liaisonB.username);
    await createUser(db, f.operator, { username: 'swj_head', role: 'head', unitName: UNIT_B, password: 'Lh-31-Strong!Pass9' });
    const headB = await actorOf(f, 'swj_head');
    const observer = await actorOf(f, PEOPLE.observer.username);

    // The fixture's March round (due 5 April) was opened on 26 March, as its schedule would have.
    await db.updateTable('rounds').set({ created_at: '2026-03-26T01:00:00.000Z' }).where('id', '=', f.roundId).execute();
    // 28 March: an order to unit A, to be answered by 4 April.
    const first = await orderService.issue(
      db,
      office,
      { taskId: f.tasks.a.id, unitId: f.units.a.id, grade: 'yellow', reason: '进度滞后' },
      on('2026-03-28T02:00:00Z'),
    );

    // 1 April: the March bulletin.
    const early = await bulletinContent(db, f.governmentId, f.planId, '2026-03', on('2026-04-01T02:00:00Z'));

    // 3 April: unit A sends its March report on time. 8 April: it answers the order, late.
    const send = async (id: number, liaison: Actor, head: Actor, at: string) => {
      await updateDraft(db, liaison, id, { progress: '按计划推进', confidence: 'on_track' }, on(at));
      await approveReport(db, head, id, {}, on(at));
      await submitReport(db, head, id, {}, on(at));
    };
    await send(f.reports.a, liaisonA, headA, '2026-04-03T02:00:00Z');
    await orderService.respond(db, liaisonA, first.id, { response: '已整改' }, on('2026-04-08T02:00:00Z'));

    // 11 April: the assessment as of 10 April.
    const assess = (): Promise<Assessment> => assessmentOf(db, observer, { planId: f.planId, asOf: '2026-04-10' });
    const before = await assess();

    // Later: the round closed on 12 April (its lights recorded), unit A's report returned on 15 April and sent again
    // on 18 April, unit B's report sent late on 20 April, a second order on 5 May, the first one closed on 10 May.
    await roundCloser.close(db, office, { id: f.roundId }, on('2026-04-12T02:00:00Z'));
    await returnReport(db, office, f.reports.a, { comment: '请补充数据' }, on('2026-04-15T02:00:00Z'));
    await send(f.reports.a, liaisonA, headA, '2026-04-18T02:00:00Z');
    await send(f.reports.b, liaisonB, headB, '2026-04-20T02:00:00Z');
    const second = await orderService.issue(
      db,
      office,
      { taskId: f.tasks.b.id, unitId: f.units.b.id, grade: 'blue', reason: '报告逾期' },
      on('2026-05-05T02:00:00Z'),
    );
    await orderService.close(db, office, first.id, { comment: '已办结' }, on('2026-05-10T02:00:00Z'));

    // 15 June: the March bulletin again says what was known on 31 March.
    const late = await bulletinContent(db, f.governmentId, f.planId, '2026-03', on('2026-06-15T02:00:00Z'));
    expect(late.date).toBe('2026-06-15');
    expect(said(late)).toEqual(said(early));
    expect(late.asOf).toBe('2026-03-31');
    // Unit A's report, filed in April, is not among the March round's reports sent.
    expect(late.summary.reportsOwed).toBeGreaterThan(0);
    expect([late.summary.reportsOnTime, late.summary.reportsLate]).toEqual([0, 0]);
    // The order issued in May is not in it; the first one is, as it stood on 31 March: issued, not yet answered or closed.
    expect(late.openOrders).toEqual([expect.objectContaining({ number: `督办〔2026〕第${first.serial}号`, status: 'issued' })]);
    expect(late.openOrders.map((o) => o.number)).not.toContain(`督办〔2026〕第${second.serial}号`);
    // The April bulletin made now knows what April knew: unit A's report sent, the round closed (nothing overdue in it any more).
    const april = await bulletinContent(db, f.governmentId, f.planId, '2026-04', on('2026-06-15T02:00:00Z'));
    expect(april.openOrders.map((o) => [o.number, o.status])).toEqual([[`督办〔2026〕第${first.serial}号`, 'answered']]);
    expect(april.overdueReports).toEqual([]);

    // 20 June: the office accepts unit A's report. 1 July: the assessment as of 10 April is the one made on 11 April.
    await acceptReport(db, office, f.reports.a, {}, on('2026-06-20T02:00:00Z'));
    const after = await assess();
    expect(after).toEqual(before);
    const unitA = after.ranking.find((r) => r.unitId === f.units.a.id);
    // On 10 April: its March report on time, no return yet, its order answered after its date; the round not yet closed.
    expect(unitA?.statement.items.find((i) => i.objectId === f.reports.a)).toMatchObject({ rule: 'reportOnTime', at: '2026-04-03' });
    expect(unitA?.counts).toMatchObject({ returned: 0, unansweredOrder: 1 });
    expect(unitA?.owed).toMatchObject({ taskMonths: 0, ordersDue: 1 });
    const unitB = after.ranking.find((r) => r.unitId === f.units.b.id);
    expect(unitB?.statement.items.find((i) => i.objectId === f.reports.b)).toMatchObject({ rule: 'lateReport', at: '2026-04-06' });
    // The later facts are real: as of 20 April the return, the round's lights and unit B's late sending count.
    const april20 = await assessmentOf(db, observer, { planId: f.planId, asOf: '2026-04-20' });
    expect(april20.ranking.find((r) => r.unitId === f.units.a.id)?.counts.returned).toBe(1);
    expect(april20.ranking.find((r) => r.unitId === f.units.a.id)?.owed.taskMonths).toBeGreaterThan(0);
    expect(april20.ranking.find((r) => r.unitId === f.units.b.id)?.statement.items.find((i) => i.objectId === f.reports.b)).toMatchObject({
      rule: 'lateReport',
      at: '2026-04-20',
    });
  });
});
