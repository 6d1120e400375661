/**
 * The one authorization chokepoint. Services call `authorize` first thing;
 * the client gets `allowedActions`. Rules that hold for every action live
 * here (tenancy, the pending password change and role grant, the trusted system actor); the
 * rest is in one policy file per entity, each an exhaustive switch.
 */
import type { Actor } from '../../domain/actor.js';
import { assessmentPolicy } from '../assessment/assessment.policy.js';
import { assignmentPolicy } from '../assignment/assignment.policy.js';
import { auditPolicy } from '../audit/audit.policy.js';
import { bulletinPolicy } from '../bulletin/bulletin.policy.js';
import { orderPolicy } from '../order/order.policy.js';
import { workPolicy } from '../report/report.policy.js';
import { roundPolicy } from '../round/round.policy.js';
import { targetPolicy } from '../target/target.policy.js';
import { taskPolicy } from '../task/task.policy.js';
import { unitPolicy } from '../unit/unit.policy.js';
import { userPolicy } from '../user/user.policy.js';
import { workPlanPolicy } from '../workplan/workplan.policy.js';
import { ACTIONS, type Action } from './actions.js';
import { ForbiddenError } from './forbidden-error.js';
import { governmentsOf, type Subject, type SubjectArgs } from './subjects.js';

/**
 * An actor as the session layer builds it: while `mustChangePassword` is set,
 * or while the account's role waits for the security administrator's grant
 * (`rolePending`), the user may do nothing but look after their own session
 * and password (session.self).
 */
export type AuthActor = Actor & { mustChangePassword?: boolean; rolePending?: boolean };

/** Throws ForbiddenError unless the actor may do the action to the subject. */
export function authorize<A extends Action>(actor: AuthActor, action: A, ...[subject]: SubjectArgs<A>): void {
  if (!can(actor, action, subject)) throw new ForbiddenError(action);
}

/**
 * Whether the actor may do the action to the subject; without a subject,
 * whether the actor may do it to something (what the client shows).
 */
export function can(actor: AuthActor, action: Action, subject?: Subject): boolean {
  if (subject !== undefined && governmentsOf(subject).some((id) => id !== actor.governmentId)) return false;
  if ((actor.mustChangePassword === true || actor.rolePending === true) && action !== 'session.self') return false;
  // The operator at the command line and the scheduled jobs already hold the database itself.
  if (actor.role === 'system') return true;
  return decide(actor, action, subject);
}

/** The actions the actor may take in general, for the client's buttons (GET /api/me). */
export function allowedActions(actor: AuthActor): Action[] {
  return ACTIONS.filter((action) => can(actor, action));
}

function decide(actor: Actor, action: Action, subject: Subject | undefined): boolean {
  switch (action) {
    case 'ledger.read':
    case 'plan.import':
    case 'task.update':
    case 'task.complete':
      return taskPolicy(actor, action, subject);
    case 'round.manage':
    case 'plan.configure':
      return roundPolicy(actor, action, subject);
    case 'workplan.write':
    case 'workplan.submit':
    case 'workplan.decide':
    case 'extension.request':
    case 'extension.decide':
      return workPlanPolicy(actor, action, subject);
    case 'target.change':
    case 'target.decide':
      return targetPolicy(actor, action, subject);
    case 'order.issue':
    case 'order.read':
    case 'order.respond':
    case 'order.close':
      return orderPolicy(actor, action, subject);
    case 'assessment.read':
      return assessmentPolicy(actor, action, subject);
    case 'bulletin.read':
    case 'bulletin.write':
    case 'bulletin.issue':
      return bulletinPolicy(actor, action, subject);
    case 'report.draft.read':
    case 'report.draft.write':
    case 'report.approve':
    case 'report.submit':
    case 'report.review':
    case 'review.comment.read':
    case 'review.comment.write':
    case 'attachment.read':
    case 'attachment.write':
      return workPolicy(actor, action, subject);
    case 'user.read':
    case 'user.manage':
    case 'role.assign':
    case 'account.unlock':
    case 'password.reset':
    case 'session.self':
      return userPolicy(actor, action, subject);
    case 'unit.manage':
      return unitPolicy(actor, action, subject);
    case 'audit.read':
      return auditPolicy(actor, action, subject);
    case 'task.assign':
    case 'assignment.read':
      return assignmentPolicy(actor, action, subject);
  }
}
