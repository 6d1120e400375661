/** The shapes the unit's screens (my work, report form, plan editor) read from the API. */
import type { Target } from '../api-types';

export type ReportStatus = 'draft' | 'approved' | 'submitted' | 'accepted' | 'returned';
export type Confidence = 'on_track' | 'at_risk' | 'off_track';

export interface Attachment {
  id: number;
  fileName: string;
  mediaType: string;
  size: number;
  createdAt: string;
}

export interface Report {
  id: number;
  roundId: number;
  taskId: number;
  unitId: number;
  role: 'host' | 'co';
  status: ReportStatus;
  progress: string;
  problems: string;
  nextSteps: string;
  confidence: Confidence | null;
  confidenceReason: string | null;
  proposeComplete: boolean;
  returnCount: number;
  version: number;
  updatedAt: string;
  allowedActions: string[];
  values?: { targetId: number; value: number }[];
  events?: { id: number; at: string; action: string; comment: string | null }[];
  milestones?: { milestoneId: number; reachedOn: string; title: string; dueOn: string }[];
  attachments?: Attachment[];
}

export interface WorkPlan {
  id: number;
  taskId: number;
  unitId: number;
  revision: number;
  status: 'draft' | 'submitted' | 'returned' | 'approved' | 'superseded';
  measures: string;
  coParts: { unitId: number; part: string }[];
  milestones: { id: number; dueOn: string; title: string; unitId: number | null }[];
  values: { targetId: number; periodEnd: string; value: number }[];
  decisionComment: string | null;
  version: number;
  actions: string[];
}

export const numericTargets = (targets: Target[]): Target[] => targets.filter((t) => t.value !== null);
