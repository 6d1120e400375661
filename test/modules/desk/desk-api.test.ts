/**
 * The desk through the API: which submitted work plans await whose decision,
 * and which recent events each person sees (published steps for every reader
 * of the ledger, a unit's unpublished work only for those who may read it).
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, signIn, signInEveryone, useApiFixture, type ApiFixture, type PersonKey, type Session } from '../../server/api-fixture.js';
import { movableClock, minutes } from '../support.js';
import { everyone, withoutLeaders } from '../workplan/people.js';

interface Plan {
  id: number;
  taskId: number;
  status: string;
  version: number;
  actions: string[];
}
interface DeskEvent {
  at: string;
  kind: string;
  text: string;
  taskId: number;
  taskNumber: number;
  unit: string | null;
  actor: string | null;
}

describeEachDatabase('the desk: plans awaiting me and recent events', (getUrl) => {
  const clock = movableClock('2026-04-02T02:00:00.000Z');
  const fx = useApiFixture(getUrl, { clock });
  let s: Record<PersonKey | 'admin', Session>;
  let headB: Session;
  let leaderLuo: Session;
  beforeAll(async () => {
    s = await signInEveryone(fx().app);
    await everyone(fx());
    headB = await signIn(fx().app, 'swj_head', 'Lh-31-Strong!Pass9');
    leaderLuo = await signIn(fx().app, 'ld_luo', 'Lh-32-Strong!Pass9');
  });

  const awaiting = async (who: Session): Promise<Plan[]> => {
    const res = await call(fx().app, who, 'GET', '/api/workplans?awaiting=me');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Plan[] }>().items;
  };
  const events = async (who: Session, query = ''): Promise<DeskEvent[]> => {
    const res = await call(fx().app, who, 'GET', `/api/events?planId=${fx().planId}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: DeskEvent[] }>().items;
  };

  async function submittedPlan(f: ApiFixture, task: 'a' | 'b', writer: Session, head: Session): Promise<Plan> {
    clock.advance(minutes(1));
    const created = await call(f.app, writer, 'POST', `/api/tasks/${f.tasks[task].id}/workplans`, {});
    expect(created.statusCode, created.body).toBe(200);
    const plan = created.json<Plan>();
    await call(f.app, writer, 'PATCH', `/api/workplans/${plan.id}`, { version: plan.version, measures: '按季度调度，专人负责。' });
    clock.advance(minutes(1));
    const submitted = await call(f.app, head, 'POST', `/api/workplans/${plan.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    return submitted.json<Plan>();
  }

  it('lists a submitted plan for the lead leader who decides it, for nobody else, and then no more once decided', async () => {
    const plan = await submittedPlan(fx(), 'a', s.liaisonA, s.headA);
    const mine = await awaiting(s.leader);
    expect(mine).toEqual([
      expect.objectContaining({ id: plan.id, taskId: fx().tasks.a.id, status: 'submitted', actions: ['workplan.decide'], measures: '按季度调度，专人负责。' }),
    ]);
    // The office stands in only for tasks without a lead leader; the unit and the other readers decide nothing.
    for (const who of ['office', 'headA', 'liaisonA', 'liaisonB', 'observer'] as const) expect(await awaiting(s[who]), who).toEqual([]);

    clock.advance(minutes(1));
    const returned = await call(fx().app, s.leader, 'POST', `/api/workplans/${plan.id}/return`, { comment: '请补充季度目标值。' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(await awaiting(s.leader)).toEqual([]);
    // The unit's head and liaison are told, once, with the leader's comment and a link to the task's work plan.
    for (const who of [s.liaisonA, s.headA]) {
      const told = (await call(fx().app, who, 'GET', '/api/notifications')).json<{
        items: { kind: string; body: string; objectType: string; objectId: number }[];
      }>();
      const notes = told.items.filter((n) => n.kind === 'workplan_return');
      expect(notes).toEqual([expect.objectContaining({ objectType: 'workplan', objectId: fx().tasks.a.id })]);
      expect(notes[0]?.body).toContain('请补充季度目标值。');
    }
  });

  it('lists a plan of a task without a lead leader for the office', async () => {
    await withoutLeaders(fx(), fx().tasks.b.id);
    const plan = await submittedPlan(fx(), 'b', headB, headB);
    expect((await awaiting(s.office)).map((p) => p.id)).toEqual([plan.id]);
    expect(await awaiting(leaderLuo)).toEqual([]);
    expect(await awaiting(s.leader)).toEqual([]);
    clock.advance(minutes(1));
    const approved = await call(fx().app, s.office, 'POST', `/api/workplans/${plan.id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await awaiting(s.office)).toEqual([]);
  });

  it('shows a returned plan only to those who may read the unit’s work, an approved one to every reader', async () => {
    const returned = (who: Session) => events(who).then((items) => items.filter((e) => e.kind === 'workplan.return'));
    const [seen] = await returned(s.liaisonA);
    expect(seen).toMatchObject({ taskId: fx().tasks.a.id, unit: '区工业和信息化局', actor: expect.any(String) as string });
    expect(seen?.text).toContain('请补充季度目标值。');
    for (const who of ['headA', 'leader', 'office'] as const) expect(await returned(s[who]), who).toHaveLength(1);
    for (const who of ['liaisonB', 'observer'] as const) expect(await returned(s[who]), who).toEqual([]);

    for (const who of ['observer', 'liaisonA', 'leader'] as const) {
      const approved = (await events(s[who])).filter((e) => e.kind === 'workplan.approve');
      expect(approved, who).toEqual([expect.objectContaining({ taskId: fx().tasks.b.id, unit: '区商务局' })]);
    }
  });

  it('shows a report’s return to the unit and its leader, its acceptance to everyone, newest first and up to the limit', async () => {
    const app = fx().app;
    const id = fx().reports.a;
    const version = async () => (await call(app, s.liaisonA, 'GET', `/api/reports/${id}`)).json<{ version: number }>().version;
    const send = async () => {
      clock.advance(minutes(1));
      const edited = await call(app, s.liaisonA, 'PATCH', `/api/reports/${id}`, {
        version: await version(),
        progress: '已完成年度任务的三分之一。',
        confidence: 'on_track',
      });
      expect(edited.statusCode, edited.body).toBe(200);
      clock.advance(minutes(1));
      const approved = await call(app, s.headA, 'POST', `/api/reports/${id}/approve`);
      expect(approved.statusCode, approved.body).toBe(200);
      clock.advance(minutes(1));
      const submitted = await call(app, s.headA, 'POST', `/api/reports/${id}/submit`);
      expect(submitted.statusCode, submitted.body).toBe(200);
    };
    await send();
    clock.advance(minutes(1));
    const back = await call(app, s.office, 'POST', `/api/reports/${id}/return`, { comment: '请补充投资完成额。' });
    expect(back.statusCode, back.body).toBe(200);
    await send();
    clock.advance(minutes(1));
    const accepted = await call(app, s.office, 'POST', `/api/reports/${id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);

    const kinds = (items: DeskEvent[]) => items.filter((e) => e.kind.startsWith('report.')).map((e) => e.kind);
    expect(kinds(await events(s.liaisonA))).toEqual(['report.accept', 'report.submit', 'report.approve', 'report.return', 'report.submit', 'report.approve']);
    expect(kinds(await events(s.leader))).toEqual(['report.accept', 'report.submit', 'report.approve', 'report.return', 'report.submit', 'report.approve']);
    // The published step only, for those outside the unit's work.
    expect(kinds(await events(s.observer))).toEqual(['report.accept']);
    expect(kinds(await events(s.liaisonB))).toEqual(['report.accept']);
    const returnedLine = (await events(s.headA)).find((e) => e.kind === 'report.return');
    expect(returnedLine?.text).toContain('请补充投资完成额。');

    const all = await events(s.office);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());
    expect(all[0]).toMatchObject({ kind: 'report.accept', taskId: fx().tasks.a.id, unit: '区工业和信息化局' });
    expect(await events(s.office, '&limit=2')).toEqual(all.slice(0, 2));
    const bad = await call(app, s.office, 'GET', '/api/events?limit=0');
    expect(bad.statusCode).toBe(400);
  });

  it('shows an order to its unit and the office, and a completed task (销号) to every reader', async () => {
    const app = fx().app;
    clock.advance(minutes(1));
    const issued = await call(app, s.office, 'POST', '/api/orders', {
      taskId: fx().tasks.b.id,
      unitId: fx().units.b.id,
      grade: 'yellow',
      reason: '进展滞后。',
    });
    expect(issued.statusCode, issued.body).toBe(200);
    clock.advance(minutes(1));
    const answered = await call(app, s.liaisonB, 'POST', `/api/orders/${issued.json<{ id: number }>().id}/respond`, { response: '已加快推进。' });
    expect(answered.statusCode, answered.body).toBe(200);
    clock.advance(minutes(1));
    const completed = await call(app, s.office, 'POST', `/api/tasks/${fx().tasks.a.id}/complete`, { comment: '已完成。' });
    expect(completed.statusCode, completed.body).toBe(200);

    const orderKinds = (items: DeskEvent[]) => items.filter((e) => e.kind.startsWith('order.')).map((e) => e.kind);
    expect(orderKinds(await events(s.liaisonB))).toEqual(['order.respond', 'order.issue']);
    expect(orderKinds(await events(s.office))).toEqual(['order.respond', 'order.issue']);
    expect(orderKinds(await events(s.liaisonA))).toEqual([]);
    expect(orderKinds(await events(s.observer))).toEqual([]);
    const [latest] = await events(s.observer);
    expect(latest).toMatchObject({ kind: 'task.complete', taskId: fx().tasks.a.id, text: '任务已销号' });

    // One task's timeline (the task page): its own events only.
    const ofB = await events(s.office, `&taskId=${fx().tasks.b.id}`);
    expect(ofB.map((e) => e.taskId)).toEqual(ofB.map(() => fx().tasks.b.id));
    expect(orderKinds(ofB)).toEqual(['order.respond', 'order.issue']);
    const ofA = await events(s.office, `&taskId=${fx().tasks.a.id}`);
    expect(ofA.map((e) => e.taskId)).toEqual(ofA.map(() => fx().tasks.a.id));
    expect(ofA[0]?.kind).toBe('task.complete');
    // A change of the task's deadline is in its history too.
    clock.advance(minutes(1));
    const task = (await call(app, s.office, 'GET', `/api/tasks/${fx().tasks.b.id}`)).json<{ version: number }>();
    const changed = await call(app, s.office, 'PATCH', `/api/tasks/${fx().tasks.b.id}`, {
      version: task.version,
      deadline: '2026-11-30',
      reason: '区政府要求提前',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await events(s.observer, `&taskId=${fx().tasks.b.id}`))[0]).toMatchObject({ kind: 'task.update', text: '任务内容或完成时限已修改' });
    expect(orderKinds(ofA)).toEqual([]);
  });
});
