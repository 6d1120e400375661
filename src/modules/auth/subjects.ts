/**
 * What an action is done to, as plain data the policies can judge without a
 * database: the service loads the object, builds its subject and asks. Every
 * subject names its government, and the chokepoint refuses any subject from
 * another government before a policy is consulted.
 */
import type { Actor } from '../../domain/actor.js';
import type { Role } from '../../domain/roles.js';
import type { Action, PlanWorkAction, TargetAction, WorkAction } from './actions.js';

/** The government as a whole: its ledger, its audit log, its list of units. */
export interface GovernmentSubject {
  kind: 'government';
  governmentId: number;
}

/** A task of the ledger with who is responsible for it. */
export interface TaskSubject {
  kind: 'task';
  governmentId: number;
  taskId: number;
  hostUnitIds: readonly number[];
  coUnitIds: readonly number[];
  /** The task's lead leaders (牵头领导). */
  leaderIds: readonly number[];
}

/**
 * A unit's work on a task that is not yet public: a draft or unsent report,
 * its review comments, its attachments.
 */
export interface WorkSubject {
  kind: 'work';
  governmentId: number;
  task: TaskSubject;
  /** The unit whose work this is. */
  unitId: number;
  /** Who wrote it; null for a new draft. Nobody approves what they wrote. */
  authorId: number | null;
}

/** An account, existing (userId) or about to be created (userId null). */
export interface UserSubject {
  kind: 'user';
  governmentId: number;
  userId: number | null;
  role: Role;
}

/** Giving an existing account another role. */
export interface RoleChangeSubject {
  kind: 'role-change';
  governmentId: number;
  userId: number;
  from: Role;
  to: Role;
}

/** A bulletin (通报): drafts are the office's; an issued one is published to the ledger's people. */
export interface BulletinSubject {
  kind: 'bulletin';
  governmentId: number;
  issued: boolean;
}

/** A change of a task's targets awaiting or given a decision (指标调整): nobody decides what they proposed. */
export interface TargetChangeSubject {
  kind: 'target-change';
  governmentId: number;
  task: TaskSubject;
  /** Who proposed it; null when the system did. */
  proposedBy: number | null;
}

export type Subject = GovernmentSubject | TaskSubject | WorkSubject | UserSubject | RoleChangeSubject | BulletinSubject | TargetChangeSubject;

/** The subject each action takes. */
export interface SubjectOf {
  'ledger.read': GovernmentSubject | TaskSubject;
  'plan.import': GovernmentSubject;
  'task.update': TaskSubject;
  'task.complete': TaskSubject;
  'round.manage': GovernmentSubject;
  'report.draft.read': WorkSubject;
  'report.draft.write': WorkSubject;
  'report.approve': WorkSubject;
  'report.submit': WorkSubject;
  'report.review': WorkSubject;
  'review.comment.read': WorkSubject;
  'review.comment.write': WorkSubject;
  'attachment.read': WorkSubject;
  'attachment.write': WorkSubject;
  'plan.configure': GovernmentSubject;
  'workplan.write': WorkSubject;
  'workplan.submit': WorkSubject;
  'workplan.decide': WorkSubject;
  'extension.request': WorkSubject;
  'extension.decide': WorkSubject;
  'target.change': TaskSubject | TargetChangeSubject;
  'target.decide': TargetChangeSubject;
  'order.issue': GovernmentSubject | TaskSubject;
  'order.read': WorkSubject;
  'order.respond': WorkSubject;
  'order.close': WorkSubject;
  'assessment.read': GovernmentSubject;
  'bulletin.read': GovernmentSubject | BulletinSubject;
  'bulletin.write': GovernmentSubject | BulletinSubject;
  'bulletin.issue': BulletinSubject;
  'user.read': GovernmentSubject | UserSubject;
  'user.manage': UserSubject;
  'unit.manage': GovernmentSubject;
  'role.assign': RoleChangeSubject;
  'account.unlock': UserSubject;
  'password.reset': UserSubject;
  'audit.read': GovernmentSubject;
  'session.self': UserSubject;
  'task.assign': TaskSubject;
  'assignment.read': GovernmentSubject | TaskSubject;
}

/**
 * Actions on one particular object must name it: `authorize(actor,
 * 'task.update')` without the task does not compile, so a service cannot
 * forget the check that confines a unit to its own tasks.
 */
type ObjectBound =
  | 'task.update'
  | 'task.assign'
  | 'task.complete'
  | WorkAction
  | PlanWorkAction
  | TargetAction
  | 'order.read'
  | 'order.respond'
  | 'order.close'
  | 'bulletin.issue'
  | 'user.manage'
  | 'role.assign'
  | 'account.unlock'
  | 'password.reset';

export type SubjectArgs<A extends Action> = A extends ObjectBound ? [subject: SubjectOf[A]] : [subject?: SubjectOf[A]];

export const governmentSubject = (governmentId: number): GovernmentSubject => ({ kind: 'government', governmentId });

/** The subject for acting on one's own account. */
export const selfSubject = (actor: Actor & { role: Role; userId: number }): UserSubject => ({
  kind: 'user',
  governmentId: actor.governmentId,
  userId: actor.userId,
  role: actor.role,
});

/** Every government a subject touches (a work item carries its task). */
export function governmentsOf(subject: Subject): number[] {
  return subject.kind === 'work' || subject.kind === 'target-change' ? [subject.governmentId, subject.task.governmentId] : [subject.governmentId];
}
