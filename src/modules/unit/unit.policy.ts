/** Who may maintain the list of units (names, aliases, groups). */
import type { Actor } from '../../domain/actor.js';
import type { UnitAction } from '../auth/actions.js';
import { hasRole } from '../auth/policy-helpers.js';
import type { Subject } from '../auth/subjects.js';

export function unitPolicy(actor: Actor, action: UnitAction, subject: Subject | undefined): boolean {
  switch (action) {
    case 'unit.manage':
      return hasRole(actor, 'sysadmin') && (subject === undefined || subject.kind === 'government');
  }
}
