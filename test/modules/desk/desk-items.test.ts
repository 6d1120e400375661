/**
 * The desk of each role through the API (GET /api/desk, /api/desk/counts), and
 * the notifications of the steps that ask someone to act: what awaits whom,
 * returned reports first with the office's comment, closed rounds leaving the
 * desk for the history; a return and a round opening told to the unit once,
 * each with its link, in the step's own transaction.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, setReport, signInEveryone, useApiFixture, type PersonKey, type Session } from '../../server/api-fixture.js';
import { minutes, movableClock } from '../support.js';

interface DeskItem {
  kind: string;
  id: number;
  state: string;
  taskId: number;
  taskKey: string;
  taskText: string;
  unit: string | null;
  roundId: number | null;
  round: string | null;
  periodEnd: string | null;
  dueOn: string | null;
  overdueDays: number;
  comment: string | null;
  at: string;
  action: { label: string; link: string };
}
interface Counts {
  total: number;
  returned: number;
  overdue: number;
  my: number;
  review: number;
  decisions: number;
}
interface Desk {
  items: DeskItem[];
  history: DeskItem[];
  counts: Counts;
}
interface Note {
  id: number;
  kind: string;
  title: string;
  body: string;
  objectType: string | null;
  objectId: number | null;
}

describeEachDatabase('the desk of each role, and the notifications of the steps that ask someone to act', (getUrl) => {
  const clock = movableClock('2026-04-02T02:00:00.000Z');
  const fx = useApiFixture(getUrl, { clock });
  let s: Record<PersonKey | 'admin', Session>;
  beforeAll(async () => {
    s = await signInEveryone(fx().app);
  });

  const desk = async (who: Session): Promise<Desk> => {
    const res = await call(fx().app, who, 'GET', '/api/desk');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Desk>();
  };
  const counts = async (who: Session): Promise<Counts> => {
    const res = await call(fx().app, who, 'GET', '/api/desk/counts');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Counts>();
  };
  const notes = async (who: Session): Promise<Note[]> => {
    const res = await call(fx().app, who, 'GET', '/api/notifications');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Note[] }>().items;
  };
  const version = async (id: number): Promise<number> =>
    (await fx().store.db.selectFrom('reports').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const openRound = async (label: string, dueOn: string): Promise<number> => {
    clock.advance(minutes(1));
    const res = await call(fx().app, s.office, 'POST', '/api/rounds', { planId: fx().planId, kind: 'adhoc', label, periodEnd: '2026-03-31', dueOn });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ id: number }>().id;
  };

  it("lists a liaison's drafts of the open round with task, round, period, due date and one action, and only the unit's", async () => {
    const mine = await desk(s.liaisonA);
    const a = mine.items.find((i) => i.id === fx().reports.a);
    expect(a).toMatchObject({
      kind: 'report',
      state: 'draft',
      taskId: fx().tasks.a.id,
      taskKey: fx().tasks.a.key,
      round: '2026-03',
      roundId: fx().roundId,
      periodEnd: '2026-03-31',
      dueOn: '2026-04-05',
      overdueDays: 0,
      comment: null,
      action: { label: '填报', link: `/reports/${fx().reports.a}` },
    });
    expect(mine.items.every((i) => i.kind === 'report' && i.unit === fx().units.a.name && i.state === 'draft')).toBe(true);
    expect(mine.items.some((i) => i.id === fx().reports.b)).toBe(false);
    expect(await counts(s.liaisonA)).toEqual(mine.counts);
    expect(mine.counts).toMatchObject({ total: mine.items.length, my: mine.items.length, review: 0, decisions: 0, returned: 0 });
    // Nothing awaits the office before anything is sent, nor an observer ever.
    expect((await desk(s.office)).items).toEqual([]);
    expect((await desk(s.observer)).counts.total).toBe(0);
  });

  it('the office returns a sent report: it tops the unit desk with the comment, and the unit is told once, with the link', async () => {
    const id = fx().reports.a;
    await setReport(fx(), id, { status: 'approved', authorKey: 'liaisonA' });
    clock.advance(minutes(1));
    const submitted = await call(fx().app, s.headA, 'POST', `/api/reports/${id}/submit`, { version: await version(id) });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const office = await desk(s.office);
    expect(office.items.map((i) => [i.id, i.action.label])).toEqual([[id, '采纳或退回']]);
    expect(office.counts).toMatchObject({ total: 1, review: 1, my: 0 });

    // A refused return (no comment) tells nobody.
    const refused = await call(fx().app, s.office, 'POST', `/api/reports/${id}/return`, { version: await version(id), comment: '  ' });
    expect(refused.statusCode).toBe(400);
    expect((await notes(s.liaisonA)).filter((n) => n.kind === 'report_return')).toEqual([]);

    // A report of the unit that waits the longest: an ad hoc round due sooner than the returned report's.
    await openRound('专项调度（一）', '2026-04-03');
    clock.advance(minutes(1));
    const returned = await call(fx().app, s.office, 'POST', `/api/reports/${id}/return`, { version: await version(id), comment: '请补充一季度产值数据。' });
    expect(returned.statusCode, returned.body).toBe(200);

    for (const who of [s.liaisonA, s.headA]) {
      const told = (await notes(who)).filter((n) => n.kind === 'report_return');
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({ objectType: 'report', objectId: id });
      expect(told[0]?.body).toContain('请补充一季度产值数据。');
    }
    expect((await notes(s.liaisonB)).filter((n) => n.kind === 'report_return')).toEqual([]);

    const mine = await desk(s.liaisonA);
    expect(mine.items[0]).toMatchObject({
      id,
      state: 'returned',
      comment: '请补充一季度产值数据。',
      action: { label: '修改后重新报送', link: `/reports/${id}` },
    });
    // Then by due date: the ad hoc round's drafts (due 4-3) before the March drafts (due 4-5).
    const dues = mine.items.slice(1).map((i) => i.dueOn ?? '');
    expect(dues).toEqual([...dues].sort());
    expect(dues[0]).toBe('2026-04-03');
    expect(mine.counts.returned).toBe(1);
    expect((await desk(s.office)).items).toEqual([]);
  });

  it('a round opening tells the head and liaison of each unit owing a report once, linked to their desk', async () => {
    const before = (await notes(s.liaisonA)).filter((n) => n.kind === 'round_open').length;
    const roundId = await openRound('专项调度（二）', '2026-04-20');
    for (const who of [s.liaisonA, s.headA, s.liaisonB]) {
      const told = (await notes(who)).filter((n) => n.kind === 'round_open' && n.objectId === roundId);
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({ objectType: 'round', title: '专项调度（二） 期调度已开始' });
    }
    expect((await notes(s.liaisonA)).filter((n) => n.kind === 'round_open')).toHaveLength(before + 1);
    expect((await notes(s.observer)).filter((n) => n.kind === 'round_open')).toEqual([]);
  });

  it('the overdue count follows the due dates, and a closed round leaves the desk for the history', async () => {
    clock.set('2026-04-07T02:00:00.000Z');
    s = await signInEveryone(fx().app); // days later: new sessions
    const late = await desk(s.liaisonA);
    const march = late.items.filter((i) => i.roundId === fx().roundId);
    expect(march.length).toBeGreaterThan(0);
    expect(march.every((i) => i.overdueDays === 2)).toBe(true);
    expect(late.counts.overdue).toBe(late.items.filter((i) => i.overdueDays > 0).length);

    clock.advance(minutes(1));
    const round = await fx().store.db.selectFrom('rounds').select('version').where('id', '=', fx().roundId).executeTakeFirstOrThrow();
    const closed = await call(fx().app, s.office, 'POST', `/api/rounds/${fx().roundId}/close`, { version: round.version });
    expect(closed.statusCode, closed.body).toBe(200);
    const after = await desk(s.liaisonA);
    expect(after.items.some((i) => i.roundId === fx().roundId)).toBe(false);
    const past = after.history.find((i) => i.id === fx().reports.a);
    expect(past).toMatchObject({ state: 'returned', round: '2026-03', comment: '请补充一季度产值数据。', overdueDays: 0, action: { label: '查看' } });
    expect(after.counts.my).toBe(after.items.length);
  });
});
