/** Reading reports: each actor sees only the reports the chokepoint lets them see. */
import type { AuthActor } from '../auth/authorize.js';
import { authorize, can } from '../auth/authorize.js';
import { ForbiddenError } from '../auth/forbidden-error.js';
import { governmentSubject, type TaskSubject } from '../auth/subjects.js';
import { notFound } from '../errors.js';
import type { Tx } from '../../store/tx.js';
import { mayRead, reportActions, workSubject } from './report.access.js';
import type { Report, ReportFilter } from './report.model.js';
import { presentDetail, presentReport, type ReportDetailView, type ReportView } from './report.presenter.js';
import { findReport, listEvents, listReports, listValues, taskSubjects } from './report.repository.js';

/** The reports of the filter that the actor may see; the others are left out, not refused. */
export async function listVisibleReports(db: Tx, actor: AuthActor, filter: ReportFilter): Promise<ReportView[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  const reports = await listReports(db, actor.governmentId, filter);
  const tasks = await taskSubjects(db, actor.governmentId, reports.map((r) => r.taskId));
  const out: ReportView[] = [];
  for (const report of reports) {
    const task = tasks.get(report.taskId);
    if (task && mayRead(actor, report, task)) out.push(presentReport(report, reportActions(actor, report, task)));
  }
  return out;
}

/** A report with the task it is judged by; 404 when it does not exist in the actor's government. */
export async function loadReport(db: Tx, actor: AuthActor, id: number): Promise<{ report: Report; task: TaskSubject }> {
  const report = await findReport(db, actor.governmentId, id);
  const task = report && (await taskSubjects(db, actor.governmentId, [report.taskId])).get(report.taskId);
  if (!report || !task) throw notFound('报告');
  return { report, task };
}

/**
 * One report with its values and timeline. A report the actor may not see is
 * refused with 403, like every other object outside one's responsibility:
 * that a task has a report in a round is no secret, its content is.
 */
export async function getReport(db: Tx, actor: AuthActor, id: number): Promise<ReportDetailView> {
  const { report, task } = await loadReport(db, actor, id);
  if (!mayRead(actor, report, task)) throw new ForbiddenError('report.draft.read');
  const showComments = can(actor, 'review.comment.read', workSubject(report, task));
  return presentDetail(report, reportActions(actor, report, task), await listValues(db, id), await listEvents(db, id), showComments);
}
