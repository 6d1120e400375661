/**
 * Who may maintain the unit directory (names, aliases, groups and their members): the office, whose
 * notices name the units and whose rounds ask them for reports. The administrators (三员) keep accounts,
 * not the ledger's directory.
 */
import type { Actor } from '../../domain/actor.js';
import type { UnitAction } from '../auth/actions.js';
import { hasRole } from '../auth/policy-helpers.js';
import type { Subject } from '../auth/subjects.js';

export function unitPolicy(actor: Actor, action: UnitAction, subject: Subject | undefined): boolean {
  switch (action) {
    case 'unit.manage':
      return hasRole(actor, 'office') && (subject === undefined || subject.kind === 'government');
  }
}
