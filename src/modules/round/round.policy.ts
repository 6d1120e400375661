/**
 * Who may open and close reporting rounds (调度) and configure a plan's
 * supervision (thresholds, schedules, reminders, scoring): the office, which
 * sets the rules for every unit.
 */
import type { Actor } from '../../domain/actor.js';
import type { RoundAction } from '../auth/actions.js';
import { hasRole } from '../auth/policy-helpers.js';
import type { Subject } from '../auth/subjects.js';

export function roundPolicy(actor: Actor, action: RoundAction, subject: Subject | undefined): boolean {
  switch (action) {
    case 'round.manage':
    case 'plan.configure':
      return hasRole(actor, 'office') && (subject === undefined || subject.kind === 'government');
  }
}
