/**
 * The flow of a work plan revision (细化分解), as data: the host unit writes
 * the draft, its head submits it, the task's lead leader (the office, for a
 * task without one) approves or returns it; an approved revision is in force
 * and the one approved before becomes history.
 */
import type { Tx } from '../../store/tx.js';
import type { Action } from '../auth/actions.js';
import type { AuthActor } from '../auth/authorize.js';
import type { TaskSubject } from '../auth/subjects.js';
import { allowedActions } from '../workflow/runner.js';
import { badRequest, notFound } from '../errors.js';
import type { DeliveryConfig } from '../notification/delivery.config.js';
import { notifyWorkPlanDecision } from '../notification/step-notices.js';
import { defineWorkflow, type VersionInput } from '../workflow/workflow.js';
import { taskContext, type TaskContext } from './task-context.js';
import { planWork } from './workplan.access.js';
import type { WorkPlan, WorkPlanPatch, WorkPlanStatus } from './workplan.model.js';
import {
  findWorkPlan,
  milestonesOf,
  replaceMilestones,
  replacePlanValues,
  supersedeApproved,
  updateWorkPlan,
  valuesOf,
  type WorkPlanChange,
} from './workplan.repository.js';
import { checkCoParts, checkMilestones, checkValues } from './workplan.rules.js';

export interface WorkPlanInputs {
  edit: Omit<WorkPlanPatch, 'version'> & VersionInput;
  submit: VersionInput;
  approve: VersionInput & { comment?: string | null; delivery?: DeliveryConfig | undefined };
  return: VersionInput & { comment: string; delivery?: DeliveryConfig | undefined };
}

/** The whole revision still keeps to the task: its deadline may have been brought forward since it was written. */
async function checkWhole(trx: Tx, plan: WorkPlan, ctx: TaskContext): Promise<void> {
  if (plan.measures.trim() === '') throw badRequest('请先填写工作措施', 'workplan_incomplete');
  checkCoParts(ctx.frame, plan.coParts);
  checkMilestones(ctx.frame, (await milestonesOf(trx, [plan.id])).get(plan.id) ?? []);
  checkValues(ctx.frame, (await valuesOf(trx, [plan.id])).get(plan.id) ?? []);
}

const STATES: Record<WorkPlanStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  approved: { zh: '已批准', en: 'Approved' },
  superseded: { zh: '已被新版本取代', en: 'Superseded' },
};

export const workPlanWorkflow = defineWorkflow<WorkPlan, TaskContext, WorkPlanInputs, WorkPlanChange>()({
  entity: 'work_plan',
  describe: (plan) => `工作方案第 ${plan.revision} 版`,
  states: STATES,
  transitions: {
    /** Writes a draft (or a returned revision, which goes back to draft); the lists given replace the stored ones. The writer becomes its author. */
    edit: {
      from: ['draft', 'returned'],
      to: 'draft',
      may: 'workplan.write',
      label: { zh: '修改', en: 'edit' },
      audit: 'workplan.edit',
      guard: ({ ctx, input }) => {
        if (input.coParts) checkCoParts(ctx.frame, input.coParts);
        if (input.milestones) checkMilestones(ctx.frame, input.milestones);
        if (input.values) checkValues(ctx.frame, input.values);
      },
      set: ({ actor, input }) => ({
        authorId: actor.userId,
        ...(input.measures === undefined ? {} : { measures: input.measures }),
        ...(input.coParts === undefined ? {} : { coParts: input.coParts }),
      }),
      auditBefore: async ({ trx, entity: plan, input }) => ({
        ...(input.measures === undefined ? {} : { measures: plan.measures }),
        ...(input.coParts === undefined ? {} : { coParts: plan.coParts }),
        ...(input.milestones ? { milestones: (await milestonesOf(trx, [plan.id])).get(plan.id) ?? [] } : {}),
        ...(input.values ? { values: (await valuesOf(trx, [plan.id])).get(plan.id) ?? [] } : {}),
      }),
      effect: async ({ trx, actor, entity, input: { milestones, values } }) => {
        if (milestones) await replaceMilestones(trx, actor.governmentId, entity.id, milestones);
        if (values) await replacePlanValues(trx, actor.governmentId, entity.id, values);
        return { ...(milestones ? { milestones } : {}), ...(values ? { values } : {}) };
      },
    },
    /** The host unit's head submits the draft to the task's lead leader. */
    submit: {
      from: ['draft'],
      to: 'submitted',
      may: 'workplan.submit',
      label: { zh: '提交', en: 'submit' },
      audit: 'workplan.submit',
      guard: ({ trx, entity, ctx }) => checkWhole(trx, entity, ctx),
      set: ({ now }) => ({ submittedAt: now }),
    },
    /** The lead leader approves: the revision is in force and the one approved before becomes history. */
    approve: {
      from: ['submitted'],
      to: 'approved',
      may: 'workplan.decide',
      label: { zh: '批准', en: 'approve' },
      audit: 'workplan.approve',
      guard: ({ trx, entity, ctx }) => checkWhole(trx, entity, ctx),
      set: ({ actor, input, now }) => ({ decidedBy: actor.userId, decidedAt: now, decisionComment: input.comment?.trim() || null }),
      effect: async ({ trx, actor, entity, now }) => ({ superseded: await supersedeApproved(trx, actor.governmentId, entity.taskId, entity.id, now) }),
      then: async ({ trx, actor, entity, input, now }) => {
        await notifyWorkPlanDecision(trx, actor.governmentId, entity, 'approve', input.comment?.trim() || null, now, input.delivery);
      },
    },
    /** The lead leader returns the revision with a comment; the unit edits it again as a draft. */
    return: {
      from: ['submitted'],
      to: 'returned',
      may: 'workplan.decide',
      label: { zh: '退回', en: 'return' },
      audit: 'workplan.return',
      guard: ({ input }) => {
        if (input.comment.trim() === '') throw badRequest('退回须写明意见');
      },
      set: ({ actor, input, now }) => ({ decidedBy: actor.userId, decidedAt: now, decisionComment: input.comment.trim() }),
      then: async ({ trx, actor, entity, input, now }) => {
        await notifyWorkPlanDecision(trx, actor.governmentId, entity, 'return', input.comment.trim(), now, input.delivery);
      },
    },
  },
  load: async (trx, actor, id) => {
    const plan = await findWorkPlan(trx, actor.governmentId, id);
    if (!plan) throw notFound('工作方案');
    return { entity: plan, ctx: await taskContext(trx, actor, plan.taskId) };
  },
  subject: (plan, ctx) => planWork(plan, ctx.subject),
  write: (trx, plan, change, now, audit) => updateWorkPlan(trx, plan, change, now, audit),
});

/** The steps the actor may take on the revision now, for the client's buttons. */
export function workPlanActions(actor: AuthActor, plan: WorkPlan, task: TaskSubject): Action[] {
  return allowedActions(actor, workPlanWorkflow, plan, planWork(plan, task));
}
