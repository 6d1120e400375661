/** The shape work plans leave the server in; no raw row goes out. */
import type { Static } from 'typebox';
import type { Action } from '../auth/actions.js';
import type { PlanValue, StoredMilestone, WorkPlan } from './workplan.model.js';
import type { WorkPlanViewSchema } from './workplan.schema.js';

export type WorkPlanView = Static<typeof WorkPlanViewSchema>;

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
