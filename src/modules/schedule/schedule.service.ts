/**
 * Reporting schedules: the office sets when reports are due, for a plan or
 * for one task (a task's own schedule overrides its plan's). The rounds they
 * call for are opened by the scheduled job (src/jobs/open-rounds.ts).
 */
import { checkScheduleRule, type ScheduleRule } from '../../domain/schedule.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { appendAudit } from '../audit/audit.repository.js';
import type { AuthActor } from '../auth/authorize.js';
import { authorize } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import { changing, type Clock } from '../../store/unit-of-work.js';
import { badRequest, notFound } from '../errors.js';
import { planExists } from '../round/round.repository.js';
import { presentSchedule, type ScheduleView } from './schedule.presenter.js';
import { deactivateSchedule, findActiveSchedule, listActiveSchedules, putSchedule, taskPlan } from './schedule.repository.js';
import { refuseIfArchived } from '../plan/plan-archive.service.js';

/** The schedules in force are the government's calendar: whoever reads the ledger may see them. */
export async function listSchedules(db: Tx, actor: AuthActor, planId?: number): Promise<ScheduleView[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  return (await listActiveSchedules(db, actor.governmentId, planId)).map(presentSchedule);
}

function checked(rule: ScheduleRule): ScheduleRule {
  try {
    return checkScheduleRule(rule);
  } catch (err) {
    if (err instanceof RangeError) throw badRequest(err.message, 'invalid_schedule');
    throw err;
  }
}

async function setSchedule(db: Tx, actor: AuthActor, planId: number, taskId: number | null, rule: ScheduleRule, clock?: Clock): Promise<ScheduleView> {
  const { kind, dueDay, dueOffset } = checked(rule);
  return changing(db, actor.governmentId, async (trx) => {
    await refuseIfArchived(trx, actor.governmentId, 'plan', planId);
    const { before, after } = await putSchedule(trx, actor.governmentId, planId, taskId, { kind, dueDay, dueOffset }, nowIso(clock));
    await appendAudit(
      trx,
      actor,
      {
        action: 'schedule.set',
        objectType: 'schedule',
        objectId: after.id,
        before: before && { kind: before.kind, dueDay: before.dueDay, dueOffset: before.dueOffset },
        after: { planId, taskId, kind, dueDay, dueOffset },
      },
      clock,
    );
    return presentSchedule(after);
  });
}

export async function setPlanSchedule(db: Tx, actor: AuthActor, planId: number, rule: ScheduleRule, clock?: Clock): Promise<ScheduleView> {
  authorize(actor, 'plan.configure', governmentSubject(actor.governmentId));
  if (!(await planExists(db, actor.governmentId, planId))) throw notFound('分解方案');
  return setSchedule(db, actor, planId, null, rule, clock);
}

async function activeTask(db: Tx, actor: AuthActor, taskId: number): Promise<{ planId: number }> {
  const task = await taskPlan(db, actor.governmentId, taskId);
  if (!task) throw notFound('任务');
  if (task.status !== 'active') throw badRequest('该任务已办结或已撤销，不再安排调度', 'task_inactive');
  return task;
}

export async function setTaskSchedule(db: Tx, actor: AuthActor, taskId: number, rule: ScheduleRule, clock?: Clock): Promise<ScheduleView> {
  authorize(actor, 'plan.configure', governmentSubject(actor.governmentId));
  const { planId } = await activeTask(db, actor, taskId);
  return setSchedule(db, actor, planId, taskId, rule, clock);
}

/** The task follows its plan's schedule again. */
export async function removeTaskSchedule(db: Tx, actor: AuthActor, taskId: number, clock?: Clock): Promise<void> {
  authorize(actor, 'plan.configure', governmentSubject(actor.governmentId));
  const task = await taskPlan(db, actor.governmentId, taskId);
  if (!task) throw notFound('任务');
  await changing(db, actor.governmentId, async (trx) => {
    await refuseIfArchived(trx, actor.governmentId, 'plan', task.planId);
    const schedule = await findActiveSchedule(trx, actor.governmentId, task.planId, taskId);
    if (!schedule) throw notFound('该任务的单独调度安排');
    await deactivateSchedule(trx, schedule, nowIso(clock));
    await appendAudit(
      trx,
      actor,
      {
        action: 'schedule.remove',
        objectType: 'schedule',
        objectId: schedule.id,
        before: { taskId, kind: schedule.kind, dueDay: schedule.dueDay, dueOffset: schedule.dueOffset },
      },
      clock,
    );
  });
}
