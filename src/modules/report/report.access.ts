/**
 * Who may see one report. The rules are the chokepoint's (report.draft.read,
 * ledger.read); this file only says which subject a report is judged as.
 */
import type { AuthActor } from '../auth/authorize.js';
import { can } from '../auth/authorize.js';
import type { TaskSubject, WorkSubject } from '../auth/subjects.js';
import type { Report } from './report.model.js';

export const workSubject = (report: Report, task: TaskSubject): WorkSubject => ({
  kind: 'work',
  governmentId: task.governmentId,
  task,
  unitId: report.unitId,
  authorId: report.authorId,
});

/** Approved co-unit input is what the host unit consolidates: from then on it is part of the host's work. */
const IS_INPUT: ReadonlySet<Report['status']> = new Set(['approved', 'submitted', 'accepted']);

export function mayRead(actor: AuthActor, report: Report, task: TaskSubject): boolean {
  // An accepted report is part of the public ledger.
  if (report.status === 'accepted' && can(actor, 'ledger.read', task)) return true;
  const work = workSubject(report, task);
  if (can(actor, 'report.draft.read', work)) return true;
  return report.role === 'co' && IS_INPUT.has(report.status) && task.hostUnitIds.some((host) => can(actor, 'report.draft.read', { ...work, unitId: host }));
}
