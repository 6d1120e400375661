/**
 * What each report step adds to the aggregates; called by the steps
 * (report-steps.ts) after the report row moved, inside the step's
 * transaction, so that a step that fails writes nothing here either.
 *
 * A report is sent when it first leaves its unit: a host unit's when first
 * submitted, a co-unit's when its head first approves it for the host unit.
 * It is on time when that happens on or before the round's due date, the day
 * counted in Asia/Shanghai. Sending it again after a return is not counted
 * again: the return itself is (returned).
 */
import type { Tx } from '../../store/tx.js';
import type { Report } from '../report/report.model.js';
import { governmentDay } from './calendar.js';
import { acceptedReport, addReturned, addSent, rebuildTaskProgress, roundOfReport, saveAccepted } from './progress.repository.js';

type Before = Pick<Report, 'id' | 'unitId' | 'role' | 'approvedAt' | 'submittedAt'>;

async function sent(trx: Tx, governmentId: number, report: Before, now: string): Promise<void> {
  const round = await roundOfReport(trx, report.id);
  await addSent(trx, governmentId, round.planId, report.unitId, governmentDay(now) <= round.dueOn);
}

export const progressTally = {
  /** `report` as it was before the step. */
  async approved(trx: Tx, governmentId: number, report: Before, now: string): Promise<void> {
    if (report.role === 'co' && report.approvedAt === null) await sent(trx, governmentId, report, now);
  },

  async submitted(trx: Tx, governmentId: number, report: Before, now: string): Promise<void> {
    if (report.role === 'host' && report.submittedAt === null) await sent(trx, governmentId, report, now);
  },

  /** The host unit's accepted report gives the task its latest figures and rating. */
  async accepted(trx: Tx, governmentId: number, report: Before, now: string): Promise<void> {
    if (report.role !== 'host') return;
    await saveAccepted(trx, governmentId, await acceptedReport(trx, report.id), now);
  },

  /** A voided host report leaves the figures: the task's are rebuilt from its accepted reports that remain. */
  async voided(trx: Tx, governmentId: number, report: Before, now: string): Promise<void> {
    if (report.role !== 'host') return;
    await rebuildTaskProgress(trx, governmentId, (await acceptedReport(trx, report.id)).taskId, now);
  },

  async returned(trx: Tx, governmentId: number, report: Before): Promise<void> {
    const round = await roundOfReport(trx, report.id);
    await addReturned(trx, governmentId, round.planId, report.unitId);
  },
};
