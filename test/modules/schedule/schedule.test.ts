/**
 * Schedules through the API and the rounds they open: the plan's schedule
 * covers every task without one of its own; a task's own schedule gets its
 * own rounds; a round whose label exists is left alone; rerunning opens nothing.
 */
import { beforeAll, expect, it } from 'vitest';
import { openScheduledRounds } from '../../../src/jobs/open-rounds.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, errorOf, signInEveryone, useApiFixture, type PersonKey, type Session } from '../../server/api-fixture.js';
import { dayClock } from '../../jobs/supervision-helpers.js';

describeEachDatabase('reporting schedules', (getUrl) => {
  const clock = dayClock('2026-03-01');
  const fx = useApiFixture(getUrl, { clock });
  let s: Record<PersonKey | 'admin', Session>;
  beforeAll(async () => {
    s = await signInEveryone(fx().app);
  });
  const roundByLabel = (label: string) =>
    fx().store.db.selectFrom('rounds').selectAll().where('plan_id', '=', fx().planId).where('label', '=', label).executeTakeFirst();
  const reportTasks = async (roundId: number): Promise<number[]> =>
    [...new Set((await fx().store.db.selectFrom('reports').select('task_id').where('round_id', '=', roundId).execute()).map((r) => r.task_id))].sort(
      (a, b) => a - b,
    );
  const activeTasks = async (): Promise<number[]> =>
    (await fx().store.db.selectFrom('tasks').select('id').where('plan_id', '=', fx().planId).where('status', '=', 'active').orderBy('id').execute()).map(
      (t) => t.id,
    );
  const open = (asOf: string) => openScheduledRounds(fx().store.db, fx().governmentId, asOf, () => new Date(`${asOf}T01:00:00Z`));

  it('sets the plan’s schedule and a task’s own, lists them, and audits each', async () => {
    const plan = await call(fx().app, s.office, 'PUT', `/api/plans/${fx().planId}/schedule`, { kind: 'monthly', dueDay: 25, dueOffset: 'same' });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json()).toMatchObject({ planId: fx().planId, taskId: null, kind: 'monthly', dueDay: 25, dueOffset: 'same' });
    const task = await call(fx().app, s.office, 'PUT', `/api/tasks/${fx().tasks.a.id}/schedule`, { kind: 'quarterly', dueDay: 10, dueOffset: 'next' });
    expect(task.statusCode, task.body).toBe(200);
    const list = await call(fx().app, s.liaisonB, 'GET', `/api/schedules?planId=${fx().planId}`);
    expect(list.json<{ items: unknown[] }>().items).toMatchObject([
      { taskId: null, kind: 'monthly' },
      { taskId: fx().tasks.a.id, kind: 'quarterly', dueDay: 10 },
    ]);
    const audit = await fx().store.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('action', '=', 'schedule.set').execute();
    expect(audit).toEqual([
      { action: 'schedule.set', actor_user_id: fx().userIds.office },
      { action: 'schedule.set', actor_user_id: fx().userIds.office },
    ]);
  });

  it('setting the plan’s schedule again changes the one schedule, not a second', async () => {
    const again = await call(fx().app, s.office, 'PUT', `/api/plans/${fx().planId}/schedule`, { kind: 'monthly', dueDay: 25, dueOffset: 'same' });
    expect(again.json()).toMatchObject({ version: 2 });
    expect((await call(fx().app, s.office, 'GET', `/api/schedules?planId=${fx().planId}`)).json<{ items: unknown[] }>().items).toHaveLength(2);
  });

  it('refuses a day outside the month, an unknown kind, and a task that does not exist', async () => {
    expect((await call(fx().app, s.office, 'PUT', `/api/plans/${fx().planId}/schedule`, { kind: 'monthly', dueDay: 32, dueOffset: 'same' })).statusCode).toBe(
      400,
    );
    expect((await call(fx().app, s.office, 'PUT', `/api/plans/${fx().planId}/schedule`, { kind: 'weekly', dueDay: 5, dueOffset: 'same' })).statusCode).toBe(
      400,
    );
    const missing = await call(fx().app, s.office, 'PUT', '/api/tasks/99999/schedule', { kind: 'monthly', dueDay: 5, dueOffset: 'same' });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).message).toContain('任务');
  });

  it('opens nothing before a round’s opening day, and leaves a round whose label exists alone', async () => {
    expect(await open('2026-03-14')).toEqual({ opened: [], existing: 0 });
    // 2026-03 opens on 03-15 (due 03-25), but the fixture opened "2026-03" by hand already.
    expect(await open('2026-03-15')).toEqual({ opened: [], existing: 1 });
  });

  it('opens a task’s own round for that task alone, labelled by its kind', async () => {
    const result = await open('2026-03-31');
    expect(result.opened.map((r) => r.label)).toEqual(['2026-Q1']);
    const q1 = await roundByLabel('2026-Q1');
    expect(q1).toMatchObject({
      kind: 'quarterly',
      period_end: '2026-03-31',
      due_on: '2026-04-10',
      created_by: null,
      task_ids: JSON.stringify([fx().tasks.a.id]),
    });
    expect(q1?.schedule_id).not.toBeNull();
    expect(await reportTasks(q1?.id ?? 0)).toEqual([fx().tasks.a.id]);
  });

  it('opens the plan’s round for every task that follows the plan, with the due date as period end', async () => {
    const result = await open('2026-04-15');
    expect(result.opened.map((r) => r.label)).toEqual(['2026-04']);
    const april = await roundByLabel('2026-04');
    expect(april).toMatchObject({ kind: 'monthly', period_end: '2026-04-25', due_on: '2026-04-25' });
    const covered = await reportTasks(april?.id ?? 0);
    expect(covered).not.toContain(fx().tasks.a.id);
    expect(covered).toContain(fx().tasks.b.id);
    const expected = (await activeTasks()).filter((id) => id !== fx().tasks.a.id);
    expect(JSON.parse(april?.task_ids ?? '[]')).toEqual(expected);
  });

  it('opens nothing twice', async () => {
    const rounds = (await fx().store.db.selectFrom('rounds').select('id').execute()).length;
    const reports = (await fx().store.db.selectFrom('reports').select('id').execute()).length;
    expect((await open('2026-04-15')).opened).toEqual([]);
    expect((await open('2026-04-16')).opened).toEqual([]);
    expect((await fx().store.db.selectFrom('rounds').select('id').execute()).length).toBe(rounds);
    expect((await fx().store.db.selectFrom('reports').select('id').execute()).length).toBe(reports);
  });

  it('a task whose own schedule is removed follows the plan’s again', async () => {
    const removed = await call(fx().app, s.office, 'DELETE', `/api/tasks/${fx().tasks.a.id}/schedule`);
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await call(fx().app, s.office, 'DELETE', `/api/tasks/${fx().tasks.a.id}/schedule`)).statusCode).toBe(404);
    expect((await call(fx().app, s.office, 'GET', `/api/schedules?planId=${fx().planId}`)).json<{ items: unknown[] }>().items).toHaveLength(1);
    await open('2026-05-15');
    const may = await roundByLabel('2026-05');
    expect(await reportTasks(may?.id ?? 0)).toContain(fx().tasks.a.id);
  });
});
