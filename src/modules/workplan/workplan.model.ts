/** A host unit's work plan (细化分解) for one task, one revision of it, as the services see it. */

/**
 * draft, submitted and returned are the unit's open, unpublished work (at most
 * one per task); approved is the plan in force; superseded ones are its history.
 */
export const WORK_PLAN_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'superseded'] as const;
export type WorkPlanStatus = (typeof WORK_PLAN_STATUSES)[number];

export const OPEN_STATUSES: ReadonlySet<WorkPlanStatus> = new Set(['draft', 'submitted', 'returned']);

/** What a co-unit does towards the task. */
export interface CoPart {
  unitId: number;
  part: string;
}

export interface PlanMilestone {
  dueOn: string;
  title: string;
  /** The unit that delivers it; null: the host unit. */
  unitId: number | null;
}

export interface StoredMilestone extends PlanMilestone {
  id: number;
}

/** A planned cumulative value of one target at a month's or quarter's end, in the target's terms. */
export interface PlanValue {
  targetId: number;
  periodEnd: string;
  value: number;
}

export interface WorkPlan {
  id: number;
  taskId: number;
  unitId: number;
  revision: number;
  status: WorkPlanStatus;
  measures: string;
  coParts: CoPart[];
  authorId: number | null;
  submittedAt: string | null;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionComment: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A plan's content: what a new revision copies and what a draft's edit replaces. */
export interface WorkPlanContent {
  measures: string;
  coParts: CoPart[];
  milestones: PlanMilestone[];
  values: PlanValue[];
}

export interface WorkPlanPatch {
  version: number;
  measures?: string;
  coParts?: CoPart[];
  milestones?: PlanMilestone[];
  values?: PlanValue[];
}
