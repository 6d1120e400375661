/**
 * What a report brings besides its text and values: the milestones it says
 * were reached and the files attached to it; and, for a host unit's report,
 * the co-units' approved reports it consolidates (协办单位报送材料).
 */
import type { Static } from 'typebox';
import type { Tx } from '../../store/tx.js';
import type { AuthActor } from '../auth/authorize.js';
import { ForbiddenError } from '../auth/forbidden-error.js';
import { AppError } from '../errors.js';
import { mayRead, reportActions } from '../report/report.access.js';
import { presentReport } from '../report/report.presenter.js';
import { listInputReports, listMilestonesReached, listValues } from '../report/report.repository.js';
import { loadReport } from '../report/report.service.js';
import type { ReportDetailSchema, ReportInputSchema } from '../report/report.schema.js';
import { presentAttachment } from './attachment.presenter.js';
import { listAttachments } from './attachment.repository.js';

export type Evidence = Pick<Static<typeof ReportDetailSchema>, 'milestones' | 'attachments'>;

/** A co-unit's report as the host unit consolidates it. */
export type InputView = Static<typeof ReportInputSchema>;

/** The report view with its evidence; the caller has already checked that the actor may read the report. */
export async function withEvidence<V extends { id: number }>(db: Tx, view: V): Promise<V & Evidence> {
  const [milestones, attachments] = [await listMilestonesReached(db, [view.id]), await listAttachments(db, [view.id])];
  return { ...view, milestones: milestones.get(view.id) ?? [], attachments: (attachments.get(view.id) ?? []).map(presentAttachment) };
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
  const ids = inputs.map((r) => r.id);
  const [milestones, attachments] = [await listMilestonesReached(db, ids), await listAttachments(db, ids)];
  const out: InputView[] = [];
  for (const input of inputs) {
    out.push({
      ...presentReport(input, reportActions(actor, input, task)),
      values: await listValues(db, input.id),
      milestones: milestones.get(input.id) ?? [],
      attachments: (attachments.get(input.id) ?? []).map(presentAttachment),
    });
  }
  return out;
}
