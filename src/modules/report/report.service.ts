/**
 * Reading reports: each actor sees only the reports the chokepoint lets them
 * see. A report's view is assembled here only: its fields, what the actor may
 * do to it now (from the workflow's table), its values, timeline, milestones
 * reached and attachments; and a host report's inputs from the co-units.
 */
import type { Static } from 'typebox';
import type { AuthActor } from '../auth/authorize.js';
import type { Action } from '../auth/actions.js';
import { authorize, can } from '../auth/authorize.js';
import { ForbiddenError } from '../auth/forbidden-error.js';
import { governmentSubject, type TaskSubject } from '../auth/subjects.js';
import { presentAttachment } from '../attachment/attachment.presenter.js';
import { listAttachments } from '../attachment/attachment.repository.js';
import { AppError, notFound } from '../errors.js';
import type { Tx } from '../../store/tx.js';
import { allowedActions } from '../workflow/runner.js';
import { mayRead, workSubject } from './report.access.js';
import type { Report, ReportFilter } from './report.model.js';
import { presentDetail, presentReport, type ReportView } from './report.presenter.js';
import type { ReportDetailSchema, ReportInputSchema } from './report.schema.js';
import { countEvents, findReport, listEvents, listInputReports, listMilestonesReached, listReports, listValues, taskSubjects } from './report.repository.js';
import { reportWorkflow } from './report.workflow.js';

/** A report with its values, timeline and evidence: the milestones it says were reached and the files attached to it. */
export type ReportDetailView = Static<typeof ReportDetailSchema>;

/** What a report brings besides its text and values. */
type Evidence = Pick<ReportDetailView, 'milestones' | 'attachments'>;

/** A co-unit's report as the host unit consolidates it. */
export type InputView = Static<typeof ReportInputSchema>;

/** The steps the actor may take on the report now (the workflow's table), and whether review comments are shown. */
export function reportActions(actor: AuthActor, report: Report, task: TaskSubject): Action[] {
  const work = workSubject(report, task);
  const out = allowedActions(actor, reportWorkflow, report, work);
  if (can(actor, 'review.comment.read', work)) out.push('review.comment.read');
  return out;
}

/** The reports of the filter that the actor may see; the others are left out, not refused. */
export async function listVisibleReports(db: Tx, actor: AuthActor, filter: ReportFilter): Promise<ReportView[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  const reports = await listReports(db, actor.governmentId, filter);
  const tasks = await taskSubjects(
    db,
    actor.governmentId,
    reports.map((r) => r.taskId),
  );
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

async function evidenceOf(db: Tx, ids: readonly number[]): Promise<(id: number) => Evidence> {
  const [milestones, attachments] = [await listMilestonesReached(db, ids), await listAttachments(db, ids)];
  return (id) => ({ milestones: milestones.get(id) ?? [], attachments: (attachments.get(id) ?? []).map(presentAttachment) });
}

/**
 * One report with its values, timeline and evidence. A report the actor may
 * not see is refused with 403, like every other object outside one's
 * responsibility: that a task has a report in a round is no secret, its
 * content is. With `recentEdits`, the timeline carries only that many of the
 * newest edits (and every other step); `eventCount` says how many there are.
 */
export async function getReport(db: Tx, actor: AuthActor, id: number, options: { recentEdits?: number } = {}): Promise<ReportDetailView> {
  const { report, task } = await loadReport(db, actor, id);
  if (!mayRead(actor, report, task)) throw new ForbiddenError('report.draft.read');
  const showComments = can(actor, 'review.comment.read', workSubject(report, task));
  const evidence = await evidenceOf(db, [id]);
  const events = await listEvents(db, id, options.recentEdits);
  const eventCount = options.recentEdits === undefined ? events.length : await countEvents(db, id);
  return { ...presentDetail(report, reportActions(actor, report, task), await listValues(db, id), events, eventCount, showComments), ...evidence(id) };
}

/**
 * The co-units' reports on the host report's task in the same round that
 * their heads have approved (or later): what the host unit consolidates into
 * its own report. Open to whoever may read the host report; each input is
 * shown only where the actor may read it too. A co-unit's report has no
 * inputs (409).
 */
export async function reportInputs(db: Tx, actor: AuthActor, reportId: number): Promise<InputView[]> {
  const { report, task } = await loadReport(db, actor, reportId);
  if (!mayRead(actor, report, task)) throw new ForbiddenError('report.draft.read');
  if (report.role !== 'host') throw new AppError(409, 'invalid_state', '协办单位的报告没有需汇总的协办材料；协办材料汇总到主办单位的报告');
  const inputs = (await listInputReports(db, actor.governmentId, report)).filter((r) => mayRead(actor, r, task));
  const evidence = await evidenceOf(
    db,
    inputs.map((r) => r.id),
  );
  const out: InputView[] = [];
  for (const input of inputs)
    out.push({ ...presentReport(input, reportActions(actor, input, task)), values: await listValues(db, input.id), ...evidence(input.id) });
  return out;
}
