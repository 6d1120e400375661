/**
 * Who may see the assessment (考核): the ledger's people. Scores are the
 * published outcome of the year's supervision, as a bulletin would print
 * them; the three administrators run the system and have no part in it.
 */
import type { Actor } from '../../domain/actor.js';
import type { AssessmentAction } from '../auth/actions.js';
import { hasRole } from '../auth/policy-helpers.js';
import type { Subject } from '../auth/subjects.js';

export function assessmentPolicy(actor: Actor, action: AssessmentAction, subject: Subject | undefined): boolean {
  switch (action) {
    case 'assessment.read':
      return hasRole(actor, 'office', 'leader', 'head', 'liaison', 'observer') && (subject === undefined || subject.kind === 'government');
  }
}
