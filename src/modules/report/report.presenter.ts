/** The shapes reports leave the server in; no raw row goes out. */
import type { Static } from 'typebox';
import type { Action } from '../auth/actions.js';
import type { Report, ReportEvent, ReportValue } from './report.model.js';
import type { ReportDetailSchema, ReportViewSchema } from './report.schema.js';

/** Every field of the report (all of them are shown to those who may see it), and what the user may do next. */
export type ReportView = Static<typeof ReportViewSchema>;

/** The detail without its evidence, which report.service.ts adds. */
export type ReportDetailBase = Omit<Static<typeof ReportDetailSchema>, 'milestones' | 'attachments'>;

export const presentReport = (r: Report, allowedActions: Action[]): ReportView => ({
  id: r.id,
  roundId: r.roundId,
  taskId: r.taskId,
  unitId: r.unitId,
  role: r.role,
  status: r.status,
  progress: r.progress,
  problems: r.problems,
  nextSteps: r.nextSteps,
  confidence: r.confidence,
  confidenceReason: r.confidenceReason,
  authorId: r.authorId,
  approvedBy: r.approvedBy,
  approvedAt: r.approvedAt,
  submittedAt: r.submittedAt,
  acceptedAt: r.acceptedAt,
  returnedAt: r.returnedAt,
  returnCount: r.returnCount,
  proposeComplete: r.proposeComplete,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  allowedActions,
});

/**
 * Review comments are seen only by those who may read them; others (anyone,
 * once a report is accepted and public) get the timeline without them.
 */
export const presentDetail = (
  r: Report,
  allowedActions: Action[],
  values: ReportValue[],
  events: ReportEvent[],
  eventCount: number,
  showComments: boolean,
): ReportDetailBase => ({
  ...presentReport(r, allowedActions),
  values,
  events: events.map((e) => (showComments ? e : { ...e, comment: null })),
  eventCount,
});
