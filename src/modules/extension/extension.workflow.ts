/**
 * The flow of an extension request (延期申请), as data: the host unit asks,
 * the task's lead leader (the office, for a task without one) approves or
 * rejects it. Approval moves the task's deadline in the same transaction.
 */
import type { Action } from '../auth/actions.js';
import type { AuthActor } from '../auth/authorize.js';
import type { TaskSubject } from '../auth/subjects.js';
import { AppError, badRequest, notFound } from '../errors.js';
import type { DeliveryConfig } from '../notification/delivery.config.js';
import { notifyExtensionDecision } from '../notification/step-notices.js';
import { changeTaskFields, StaleTaskError } from '../task/task.repository.js';
import { taskContext, type TaskContext } from '../workplan/task-context.js';
import { chineseDate } from '../workplan/workplan.rules.js';
import { allowedActions } from '../workflow/runner.js';
import { defineWorkflow, type VersionInput } from '../workflow/workflow.js';
import { extensionWork } from './extension.access.js';
import type { ExtensionRequest, ExtensionStatus } from './extension.model.js';
import { findExtension, updateExtension, type ExtensionChange } from './extension.repository.js';

export interface ExtensionInputs {
  approve: VersionInput & { comment?: string | null; delivery?: DeliveryConfig | undefined };
  reject: VersionInput & { comment: string; delivery?: DeliveryConfig | undefined };
}

/** The deadline text of a task whose deadline an approved request moved: 2026年9月30日前（延期）. */
export const extendedDeadlineText = (deadline: string): string => `${chineseDate(deadline)}前（延期）`;

const STATES: Record<ExtensionStatus, { zh: string; en: string }> = {
  pending: { zh: '待决定', en: 'Pending' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '未批准', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const extensionWorkflow = defineWorkflow<ExtensionRequest, TaskContext, ExtensionInputs, ExtensionChange>()({
  entity: 'extension_request',
  describe: () => '延期申请',
  states: STATES,
  transitions: {
    /** The lead leader approves: the task's deadline becomes the requested one, in the same transaction. */
    approve: {
      from: ['pending'],
      to: 'approved',
      may: 'extension.decide',
      label: { zh: '批准', en: 'approve' },
      audit: 'extension.approve',
      guard: ({ entity, ctx: { task } }) => {
        if (task.deadline !== null && entity.toDeadline <= task.deadline) {
          throw new AppError(409, 'invalid_state', `任务完成时限已调整为 ${task.deadline}，不早于申请的 ${entity.toDeadline}，本申请无需批准`);
        }
      },
      set: ({ actor, input, now }) => ({ decidedBy: actor.userId, decidedAt: now, decisionComment: input.comment?.trim() || null }),
      effect: async ({ trx, actor, entity, ctx: { task }, now }) => {
        const deadlineText = extendedDeadlineText(entity.toDeadline);
        const audit = {
          actor,
          change: {
            action: 'task.update',
            objectType: 'task',
            objectId: task.id,
            before: { deadline: task.deadline, deadlineText: task.deadlineText },
            after: { deadline: entity.toDeadline, deadlineText, extensionRequestId: entity.id },
          },
        };
        try {
          await changeTaskFields(
            trx,
            task,
            { text: task.text, deadline: entity.toDeadline, deadlineText, hostSignal: task.hostSignal, status: task.status },
            now,
            audit,
          );
        } catch (err) {
          if (err instanceof StaleTaskError) throw new AppError(409, 'version_conflict', '任务刚被他人修改，请刷新后重新决定');
          throw err;
        }
        return undefined;
      },
      then: async ({ trx, actor, entity, input, now }) => {
        await notifyExtensionDecision(trx, actor.governmentId, entity, 'approve', input.comment?.trim() || null, now, input.delivery);
      },
    },
    /** The lead leader refuses, saying why; the deadline stays. */
    reject: {
      from: ['pending'],
      to: 'rejected',
      may: 'extension.decide',
      label: { zh: '不予批准', en: 'reject' },
      audit: 'extension.reject',
      guard: ({ input }) => {
        if (input.comment.trim() === '') throw badRequest('不予延期须写明意见');
      },
      set: ({ actor, input, now }) => ({ decidedBy: actor.userId, decidedAt: now, decisionComment: input.comment.trim() }),
      then: async ({ trx, actor, entity, input, now }) => {
        await notifyExtensionDecision(trx, actor.governmentId, entity, 'reject', input.comment.trim(), now, input.delivery);
      },
    },
  },
  load: async (trx, actor, id) => {
    const request = await findExtension(trx, actor.governmentId, id);
    if (!request) throw notFound('延期申请');
    return { entity: request, ctx: await taskContext(trx, actor, request.taskId) };
  },
  subject: (request, ctx) => extensionWork(request, ctx.subject),
  write: (trx, request, change, now, audit) => updateExtension(trx, request, change, now, audit),
});

/** The steps the actor may take on the request now, for the client's buttons. */
export const extensionActions = (actor: AuthActor, request: ExtensionRequest, task: TaskSubject): Action[] =>
  allowedActions(actor, extensionWorkflow, request, extensionWork(request, task));
