/**
 * Who hands tasks down and who reads the roll-up (ADR 0031). The office of the task's government assigns; its
 * office and leaders read what the lower governments accepted. The chokepoint has already refused a subject of
 * another government: a lower government's office cannot assign or read an upper government's task.
 */
import type { Actor } from '../../domain/actor.js';
import type { AssignmentAction } from '../auth/actions.js';
import { hasRole } from '../auth/policy-helpers.js';
import type { Subject } from '../auth/subjects.js';

export function assignmentPolicy(actor: Actor, action: AssignmentAction, subject: Subject | undefined): boolean {
  switch (action) {
    case 'task.assign':
      return hasRole(actor, 'office') && (subject === undefined || subject.kind === 'task');
    case 'assignment.read':
      return hasRole(actor, 'office', 'leader') && (subject === undefined || subject.kind === 'government' || subject.kind === 'task');
  }
}
