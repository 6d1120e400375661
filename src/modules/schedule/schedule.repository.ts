/** Schedules (table schedules). Only this file touches the table. */
import { DUE_OFFSETS, SCHEDULE_KINDS, type ScheduleRule } from '../../domain/schedule.js';
import type { ScheduleTable } from '../../store/schema.js';
import { lockForChange } from '../../store/locks.js';
import type { Tx } from '../../store/tx.js';
import { updateAtVersion } from '../../store/versioned.js';
import type { Selectable } from 'kysely';
import type { Schedule } from './schedule.model.js';

const toSchedule = (r: Selectable<ScheduleTable>): Schedule => ({
  id: r.id,
  planId: r.plan_id,
  taskId: r.task_id,
  kind: SCHEDULE_KINDS.find((k) => k === r.kind) ?? 'monthly',
  dueDay: r.due_day,
  dueOffset: DUE_OFFSETS.find((o) => o === r.due_offset) ?? 'same',
  active: r.active === 1,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The active schedules of the government (or of one plan), the plan's own first. */
export async function listActiveSchedules(db: Tx, governmentId: number, planId?: number): Promise<Schedule[]> {
  let q = db.selectFrom('schedules').selectAll().where('government_id', '=', governmentId).where('active', '=', 1);
  if (planId !== undefined) q = q.where('plan_id', '=', planId);
  const rows = await q
    .orderBy('plan_id')
    .orderBy('task_id', (ob) => ob.nullsFirst())
    .orderBy('id')
    .execute();
  return rows.map(toSchedule);
}

/** The schedule row of the plan (taskId null) or of the task, active or not: a schedule set again reuses its row. */
async function findScheduleRow(db: Tx, governmentId: number, planId: number, taskId: number | null): Promise<Schedule | undefined> {
  let q = db.selectFrom('schedules').selectAll().where('government_id', '=', governmentId).where('plan_id', '=', planId);
  q = taskId === null ? q.where('task_id', 'is', null) : q.where('task_id', '=', taskId);
  const row = await q.orderBy('active', 'desc').orderBy('id').executeTakeFirst();
  return row && toSchedule(row);
}

export async function findActiveSchedule(db: Tx, governmentId: number, planId: number, taskId: number | null): Promise<Schedule | undefined> {
  const found = await findScheduleRow(db, governmentId, planId, taskId);
  return found?.active ? found : undefined;
}

/** Sets the rule of the plan's or the task's schedule, making it active; returns it as it was (undefined: new) and as it is. */
export async function putSchedule(
  trx: Tx,
  governmentId: number,
  planId: number,
  taskId: number | null,
  rule: ScheduleRule,
  now: string,
): Promise<{ before: Schedule | undefined; after: Schedule }> {
  // Two first settings at once must not make two schedules: the plan's writers queue (store/locks.ts).
  await lockForChange(trx, governmentId, { plans: [planId] });
  const before = await findScheduleRow(trx, governmentId, planId, taskId);
  const values = { kind: rule.kind, due_day: rule.dueDay, due_offset: rule.dueOffset, active: 1 };
  if (before && !(await updateAtVersion(trx, 'schedules', before, { ...values, ...(before.active ? {} : { created_at: now }) }, now))) {
    throw new Error(`schedule ${before.id} changed meanwhile`);
  }
  const row = before
    ? await trx.selectFrom('schedules').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow()
    : await trx
        .insertInto('schedules')
        .values({ ...values, government_id: governmentId, plan_id: planId, task_id: taskId, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
  return { before: before?.active ? before : undefined, after: toSchedule(row) };
}

/** Turns a schedule off (rounds it opened keep referring to it, so the row stays). */
export async function deactivateSchedule(trx: Tx, schedule: Schedule, now: string): Promise<void> {
  if (!(await updateAtVersion(trx, 'schedules', schedule, { active: 0 }, now))) throw new Error(`schedule ${schedule.id} changed meanwhile`);
}

/** The plan a task belongs to, and whether the task is still in force. */
export async function taskPlan(db: Tx, governmentId: number, taskId: number): Promise<{ planId: number; status: string } | undefined> {
  const row = await db.selectFrom('tasks').select(['plan_id', 'status']).where('government_id', '=', governmentId).where('id', '=', taskId).executeTakeFirst();
  return row && { planId: row.plan_id, status: row.status };
}

/** The plan's active tasks, by id. */
export async function activeTaskIds(db: Tx, governmentId: number, planId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('tasks')
    .select('id')
    .where('government_id', '=', governmentId)
    .where('plan_id', '=', planId)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The year of each plan of the government. */
export async function planYears(db: Tx, governmentId: number): Promise<Map<number, number>> {
  const rows = await db.selectFrom('plans').select(['id', 'year']).where('government_id', '=', governmentId).execute();
  return new Map(rows.map((r) => [r.id, r.year]));
}
