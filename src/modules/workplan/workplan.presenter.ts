/** The shape work plans leave the server in; no raw row goes out. */
import type { Action } from '../auth/actions.js';
import type { CoPart, PlanValue, StoredMilestone, WorkPlan, WorkPlanStatus } from './workplan.model.js';

export interface WorkPlanView {
  id: number;
  taskId: number;
  unitId: number;
  revision: number;
  status: WorkPlanStatus;
  measures: string;
  coParts: CoPart[];
  milestones: StoredMilestone[];
  values: PlanValue[];
  authorId: number | null;
  submittedAt: string | null;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionComment: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** What the signed-in user may do to this revision now. */
  actions: Action[];
}

export const presentWorkPlan = (p: WorkPlan, milestones: readonly StoredMilestone[], values: readonly PlanValue[], actions: Action[]): WorkPlanView => ({
  id: p.id,
  taskId: p.taskId,
  unitId: p.unitId,
  revision: p.revision,
  status: p.status,
  measures: p.measures,
  coParts: p.coParts.map((c) => ({ unitId: c.unitId, part: c.part })),
  milestones: milestones.map((m) => ({ id: m.id, dueOn: m.dueOn, title: m.title, unitId: m.unitId })),
  values: values.map((v) => ({ targetId: v.targetId, periodEnd: v.periodEnd, value: v.value })),
  authorId: p.authorId,
  submittedAt: p.submittedAt,
  decidedBy: p.decidedBy,
  decidedAt: p.decidedAt,
  decisionComment: p.decisionComment,
  version: p.version,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  actions,
});
