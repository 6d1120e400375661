/** A unit's report on a task in one round, as the services see it. */

export const REPORT_STATUSES = ['draft', 'approved', 'submitted', 'accepted', 'returned', 'voided'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const CONFIDENCES = ['on_track', 'at_risk', 'off_track'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export type ReportRole = 'host' | 'co';

/** What a step of the flow records in the report's timeline. */
export type ReportEventAction = 'edit' | 'approve' | 'submit' | 'accept' | 'return' | 'void';

export interface Report {
  id: number;
  roundId: number;
  taskId: number;
  unitId: number;
  role: ReportRole;
  status: ReportStatus;
  progress: string;
  problems: string;
  nextSteps: string;
  confidence: Confidence | null;
  confidenceReason: string | null;
  authorId: number | null;
  approvedBy: number | null;
  approvedAt: string | null;
  submittedAt: string | null;
  acceptedAt: string | null;
  returnedAt: string | null;
  returnCount: number;
  /** When it first left its unit (a host's first submission, a co-unit's first approval); null while never sent. */
  firstSentAt: string | null;
  /** When the office voided it. */
  voidedAt: string | null;
  /** The unit proposes the task complete (销号); only the office closes it. */
  proposeComplete: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ReportValue {
  targetId: number;
  value: number;
}

/** A milestone of the task's approved work plan that the report says was reached, and when. */
export interface ReportMilestone {
  milestoneId: number;
  reachedOn: string;
}

/** A reported milestone as shown: with what it is and when it was due. */
export interface ReachedMilestone extends ReportMilestone {
  title: string;
  dueOn: string;
}

export interface ReportEvent {
  id: number;
  at: string;
  actorUserId: number | null;
  action: string;
  comment: string | null;
}

export interface ReportFilter {
  roundId?: number;
  taskId?: number;
  unitId?: number;
}
