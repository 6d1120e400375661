/**
 * Who changes a task's targets and who decides a change after the first
 * round (指标调整): the office proposes and changes, with a reason; the
 * task's lead leader decides, the office standing in for a task without one;
 * nobody decides what they proposed.
 */
import type { Actor } from '../../domain/actor.js';
import type { TargetAction } from '../auth/actions.js';
import { hasRole, leads } from '../auth/policy-helpers.js';
import type { Subject, TargetChangeSubject } from '../auth/subjects.js';

const decides = (actor: Actor, change: TargetChangeSubject): boolean =>
  (leads(actor, change.task) || (hasRole(actor, 'office') && change.task.leaderIds.length === 0)) &&
  (actor.userId === null || actor.userId !== change.proposedBy);

/** `subject` undefined asks whether the actor may do this to some task at all (the client's menus). */
export function targetPolicy(actor: Actor, action: TargetAction, subject: Subject | undefined): boolean {
  switch (action) {
    case 'target.change':
      return hasRole(actor, 'office') && (subject === undefined || subject.kind === 'task' || subject.kind === 'target-change');
    case 'target.decide':
      if (subject === undefined) return hasRole(actor, 'office', 'leader');
      return subject.kind === 'target-change' && decides(actor, subject);
  }
}
