/**
 * Who may see and change a unit's unpublished work on a task: drafts and
 * unsent reports, review comments, attachments. Once sent, a report is part
 * of the ledger and `ledger.read` covers it.
 */
import type { Actor } from '../../domain/actor.js';
import type { Role } from '../../domain/roles.js';
import type { WorkAction } from '../auth/actions.js';
import { belongsTo, hasRole, isAuthor, mayView, reviews, writesFor } from '../auth/policy-helpers.js';
import type { Subject, WorkSubject } from '../auth/subjects.js';

/** Roles that may do the action to some work item, for `allowedActions`. */
const IN_GENERAL: Record<WorkAction, Role[]> = {
  'report.draft.read': ['office', 'leader', 'head', 'liaison'],
  'report.draft.write': ['office', 'head', 'liaison'],
  'report.approve': ['office', 'leader', 'head'],
  'report.submit': ['head'],
  'report.review': ['office'],
  'review.comment.read': ['office', 'leader', 'head', 'liaison'],
  'review.comment.write': ['office', 'leader', 'head'],
  'attachment.read': ['office', 'leader', 'head', 'liaison'],
  'attachment.write': ['office', 'head', 'liaison'],
};

export function workPolicy(actor: Actor, action: WorkAction, subject: Subject | undefined): boolean {
  if (subject === undefined) return hasRole(actor, ...IN_GENERAL[action]);
  return subject.kind === 'work' && decide(actor, action, subject);
}

function decide(actor: Actor, action: WorkAction, work: WorkSubject): boolean {
  switch (action) {
    case 'report.draft.read':
    case 'review.comment.read':
    case 'attachment.read':
      return mayView(actor, work);
    case 'report.draft.write':
    case 'attachment.write':
      return hasRole(actor, 'office') || writesFor(actor, work);
    case 'report.approve':
      // Four eyes: whoever wrote the report cannot be the one who approves it.
      return reviews(actor, work) && !isAuthor(actor, work);
    case 'report.submit':
      // The host unit answers for the task: its head sends the consolidated report to the office.
      return hasRole(actor, 'head') && belongsTo(actor, work.unitId) && work.task.hostUnitIds.includes(work.unitId);
    case 'report.review':
      // Accepting or returning a sent report is the office's supervision, never the reporting unit's.
      return hasRole(actor, 'office') && !isAuthor(actor, work);
    case 'review.comment.write':
      return reviews(actor, work);
  }
}
