/**
 * deskService: what awaits the signed-in person and what happened lately.
 * The work plans awaiting the caller's decision (workplan.decide: the task's
 * lead leader, or the office for a task without one), and the recent events
 * of the cycle the caller may see: published steps for everyone who reads the
 * ledger, unpublished work (drafts, returns) only for those who may read the
 * unit's work (report.draft.read), orders for those who may read them.
 */
import type { AuthActor } from '../auth/authorize.js';
import { authorize, can } from '../auth/authorize.js';
import { governmentSubject, type TaskSubject, type WorkSubject } from '../auth/subjects.js';
import { mayRead } from '../report/report.access.js';
import { taskSubjects } from '../report/report.repository.js';
import { mayReadPlan, planWork } from '../workplan/workplan.access.js';
import { workPlanActions } from '../workplan/workplan.workflow.js';
import { presentWorkPlan, type WorkPlanView } from '../workplan/workplan.presenter.js';
import { milestonesOf, submittedWorkPlans, valuesOf } from '../workplan/workplan.repository.js';
import type { Tx } from '../../store/tx.js';
import { presentEvent, type DeskEvent } from './desk.presenter.js';
import { recentEvents, type EventRow } from './desk.repository.js';

/** The submitted work plans the actor decides, oldest submission first: six queries for any number. */
async function awaitingMe(db: Tx, actor: AuthActor): Promise<WorkPlanView[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  const submitted = await submittedWorkPlans(db, actor.governmentId);
  const tasks = await taskSubjects(
    db,
    actor.governmentId,
    submitted.map((p) => p.taskId),
  );
  const mine = submitted.flatMap((plan) => {
    const task = tasks.get(plan.taskId);
    return task && mayReadPlan(actor, plan, task) && can(actor, 'workplan.decide', planWork(plan, task)) ? [{ plan, task }] : [];
  });
  const ids = mine.map((m) => m.plan.id);
  const milestones = await milestonesOf(db, ids);
  const values = await valuesOf(db, ids);
  return mine.map(({ plan, task }) => presentWorkPlan(plan, milestones.get(plan.id) ?? [], values.get(plan.id) ?? [], workPlanActions(actor, plan, task)));
}

export interface EventQuery {
  limit?: number;
  planId?: number;
  taskId?: number;
}

const work = (task: TaskSubject, unitId: number, authorId: number | null): WorkSubject => ({
  kind: 'work',
  governmentId: task.governmentId,
  task,
  unitId,
  authorId,
});

/** Whether the actor may see the event: the rules of the object it happened to. */
function maysee(actor: AuthActor, row: EventRow, task: TaskSubject): boolean {
  switch (row.source) {
    case 'report':
      // The report as it stood after the step: accepted is published, the rest is the unit's work.
      return mayRead(actor, row.report, task);
    case 'workplan':
      return row.status === 'returned' ? can(actor, 'report.draft.read', planWork(row, task)) : can(actor, 'ledger.read', task);
    case 'extension':
      // A decided request is part of the ledger (extension.access.ts).
      return can(actor, 'ledger.read', task);
    case 'order':
      return can(actor, 'order.read', work(task, row.unitId, null));
    case 'task':
      return can(actor, 'ledger.read', task);
  }
}

/** How many rows of each kind are read to fill a page once what the actor may not see is left out. */
const WINDOW_FACTOR = 10;
const WINDOW_MAX = 1000;

/** The newest events the actor may see, newest first: a fixed number of queries whatever the plan's size. */
async function events(db: Tx, actor: AuthActor, query: EventQuery): Promise<DeskEvent[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  const limit = Math.min(100, Math.max(1, query.limit ?? 20));
  const rows = await recentEvents(db, actor.governmentId, {
    ...(query.planId === undefined ? {} : { planId: query.planId }),
    ...(query.taskId === undefined ? {} : { taskId: query.taskId }),
    window: Math.min(WINDOW_MAX, limit * WINDOW_FACTOR),
  });
  const tasks = await taskSubjects(
    db,
    actor.governmentId,
    rows.map((r) => r.taskId),
  );
  const out: DeskEvent[] = [];
  for (const row of rows) {
    const task = tasks.get(row.taskId);
    if (task === undefined || !maysee(actor, row, task)) continue;
    out.push(presentEvent(row));
    if (out.length === limit) break;
  }
  return out;
}

export const deskService = { awaitingMe, events };
