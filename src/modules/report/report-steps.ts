/**
 * The steps of a report, as its people take them: each runs one transition
 * of the report's workflow (report.workflow.ts) and answers with the report
 * as the actor now sees it.
 */
import type { Clock } from '../../store/unit-of-work.js';
import type { Tx } from '../../store/tx.js';
import type { AuthActor } from '../auth/authorize.js';
import { stepper } from '../workflow/runner.js';
import type { VersionInput } from '../workflow/workflow.js';
import { getReport, type ReportDetailView } from './report.service.js';
import { reportWorkflow, type DraftPatch, type ReportInputs } from './report.workflow.js';

export type { DraftPatch } from './report.workflow.js';

/**
 * A step's answer carries the newest edits only: a draft saved hundreds of times would otherwise send its whole
 * history back with every save (GET /api/reports/:id has it all).
 */
export const RECENT_EDITS = 20;

const step = stepper(reportWorkflow, (db, actor, id) => getReport(db, actor, id, { recentEdits: RECENT_EDITS }));

/** Writes the unit's draft (or a returned report, which goes back to draft). The writer becomes its author. */
export const updateDraft = (db: Tx, actor: AuthActor, id: number, patch: DraftPatch, clock?: Clock): Promise<ReportDetailView> =>
  step(db, actor, id, 'edit', patch, clock);

/** The unit's head approves a complete draft; whoever wrote it may not. */
export const approveReport = (db: Tx, actor: AuthActor, id: number, input: VersionInput = {}, clock?: Clock): Promise<ReportDetailView> =>
  step(db, actor, id, 'approve', input, clock);

/** The host unit's head sends the approved, consolidated report to the office. */
export const submitReport = (db: Tx, actor: AuthActor, id: number, input: VersionInput = {}, clock?: Clock): Promise<ReportDetailView> =>
  step(db, actor, id, 'submit', input, clock);

/** The office accepts a submitted report: it becomes part of the public ledger. */
export const acceptReport = (db: Tx, actor: AuthActor, id: number, input: ReportInputs['accept'] = {}, clock?: Clock): Promise<ReportDetailView> =>
  step(db, actor, id, 'accept', input, clock);

/** The office voids an accepted report, with its reason: its figures no longer count. */
export const voidReport = (db: Tx, actor: AuthActor, id: number, input: VersionInput & { reason: string }, clock?: Clock): Promise<ReportDetailView> =>
  step(db, actor, id, 'void', input, clock);

/** The office sends a submitted report back with its comment; returns are counted for the assessment. */
export const returnReport = (db: Tx, actor: AuthActor, id: number, input: ReportInputs['return'], clock?: Clock): Promise<ReportDetailView> =>
  step(db, actor, id, 'return', input, clock);
