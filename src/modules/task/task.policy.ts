/** Who may read the ledger and change its tasks. */
import type { Actor } from '../../domain/actor.js';
import type { TaskAction } from '../auth/actions.js';
import { hasRole } from '../auth/policy-helpers.js';
import type { Subject } from '../auth/subjects.js';

/** `subject` undefined asks whether the actor may do this to some task at all. */
export function taskPolicy(actor: Actor, action: TaskAction, subject: Subject | undefined): boolean {
  switch (action) {
    case 'ledger.read':
      // The ledger is the government's common record: every signed-in user of it may read it.
      return subject === undefined || subject.kind === 'government' || subject.kind === 'task';
    case 'plan.import':
      return hasRole(actor, 'office') && (subject === undefined || subject.kind === 'government');
    case 'task.complete':
      // 销号 closes a task for everyone: the office's decision alone.
      return hasRole(actor, 'office') && (subject === undefined || subject.kind === 'task');
    case 'task.update':
      // A task's text and deadline are the notice's: the units and leaders work to them, the office alone
      // corrects them (with a reason); a deadline otherwise moves only by an approved extension.
      return hasRole(actor, 'office') && (subject === undefined || subject.kind === 'task');
  }
}
