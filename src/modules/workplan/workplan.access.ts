/**
 * Who may see one revision of a work plan and what they may do to it now. The
 * rules are the chokepoint's (workplan.policy.ts, report.draft.read,
 * ledger.read); this file only says which subject a revision is judged as.
 */
import { can, type AuthActor } from '../auth/authorize.js';
import type { TaskSubject, WorkSubject } from '../auth/subjects.js';
import { OPEN_STATUSES, type WorkPlan } from './workplan.model.js';

/** A revision is the host unit's work on the task, written by its author. */
export const planWork = (plan: Pick<WorkPlan, 'unitId' | 'authorId'>, task: TaskSubject): WorkSubject => ({
  kind: 'work',
  governmentId: task.governmentId,
  task,
  unitId: plan.unitId,
  authorId: plan.authorId,
});

/** An open revision is the unit's unpublished work; an approved or superseded one is part of the ledger. */
export function mayReadPlan(actor: AuthActor, plan: WorkPlan, task: TaskSubject): boolean {
  if (OPEN_STATUSES.has(plan.status)) return can(actor, 'report.draft.read', planWork(plan, task));
  return can(actor, 'ledger.read', task);
}
