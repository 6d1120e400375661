/**
 * The flow of a target change request (指标调整), as data: the office
 * proposes a change of a task's targets after its first round; the task's
 * lead leader (the office, for a task without one, never the proposer)
 * approves it, which applies it in the same transaction, or rejects it with a
 * comment; the office may withdraw it before a decision.
 */
import type { Action } from '../auth/actions.js';
import type { AuthActor } from '../auth/authorize.js';
import type { TaskSubject } from '../auth/subjects.js';
import { AppError, badRequest, notFound } from '../errors.js';
import type { DeliveryConfig } from '../notification/delivery.config.js';
import type { LedgerTask } from '../task/task.model.js';
import { allowedActions } from '../workflow/runner.js';
import { defineWorkflow, type StepContext, type VersionInput } from '../workflow/workflow.js';
import { taskContext } from '../workplan/task-context.js';
import { applyTargetChange, StaleTargetError } from './target-apply.js';
import { changeSubject } from './target.access.js';
import { touchedIds, type LedgerTarget, type RequestEvent, type RequestStatus, type TargetChange, type TargetChangeRequest } from './target.model.js';
import { notifyDecision } from './target.notices.js';
import { findRequest, insertEvent, updateRequest, type RequestChange } from './target-request.repository.js';
import { listTaskTargets, ownerChoices } from './target.repository.js';
import { summarize } from './target-summary.js';

export interface TargetChangeInputs {
  approve: VersionInput & { comment?: string | null; delivery?: DeliveryConfig };
  reject: VersionInput & { comment: string; delivery?: DeliveryConfig };
  withdraw: VersionInput & { comment?: string | null };
}

/** The task as a request is judged against: its row, who is responsible, its targets in force and who may own them. */
export interface ChangeContext {
  task: LedgerTask;
  subject: TaskSubject;
  targets: LedgerTarget[];
  owners: ReadonlySet<number>;
}

const STATES: Record<RequestStatus, { zh: string; en: string }> = {
  pending: { zh: '待决定', en: 'Pending' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '未批准', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

const written = (change: TargetChange) =>
  change.op === 'edit'
    ? [change.after]
    : change.op === 'split'
      ? change.into
      : change.op === 'merge'
        ? [change.into]
        : change.op === 'add'
          ? [change.target]
          : [];

/**
 * The request still applies to the targets as they are: each target it
 * touches is in force at the version it was proposed on, and the units it
 * names as owners still stand for the task's host units. Otherwise 409: the
 * leader decided on what the office saw, not on what is there now.
 */
function checkStillApplies(request: TargetChangeRequest, ctx: ChangeContext): void {
  if (ctx.task.status === 'removed') throw new AppError(409, 'task_closed', '该任务已从分解方案中删除，指标调整无需再批准');
  for (const id of touchedIds(request.change)) {
    const now = ctx.targets.find((t) => t.id === id);
    const then = request.before.find((t) => t.id === id);
    if (!now || !then || now.version !== then.version) {
      throw new AppError(
        409,
        'invalid_state',
        '提出调整后，所涉指标已有变动（被修改、拆分、合并或删除），本项调整不能再批准；请不予批准，由督查室按现状重新提出',
      );
    }
  }
  if (written(request.change).some((t) => t.owners.some((u) => !ctx.owners.has(u)))) {
    throw new AppError(409, 'invalid_state', '提出调整后，任务的主办单位已有变动，调整中认领指标的单位已不全是主办单位；请不予批准，由督查室重新提出');
  }
}

async function tell(c: StepContext<TargetChangeRequest, ChangeContext, { comment?: string | null; delivery?: DeliveryConfig }>, step: 'approve' | 'reject') {
  const { trx, actor, entity, now, input } = c;
  const summary = await summarize(trx, actor.governmentId, entity.change, entity.before);
  const facts = { id: entity.id, taskId: entity.taskId, proposedBy: entity.proposedBy, summary, reason: entity.reason };
  await notifyDecision(trx, actor.governmentId, facts, step, input.comment?.trim() || null, now, input.delivery);
}

export const targetChangeWorkflow = defineWorkflow<TargetChangeRequest, ChangeContext, TargetChangeInputs, RequestChange>()({
  entity: 'target_change_request',
  describe: () => '指标调整',
  states: STATES,
  transitions: {
    /** The lead leader approves: the change applies now, with its revisions and audit rows, in the same transaction. */
    approve: {
      from: ['pending'],
      to: 'approved',
      may: 'target.decide',
      label: { zh: '批准', en: 'approve' },
      audit: 'target_change.approve',
      event: 'approve',
      guard: ({ entity, ctx }) => checkStillApplies(entity, ctx),
      set: ({ actor, input, now }) => ({ decidedBy: actor.userId, decidedAt: now, decisionComment: input.comment?.trim() || null }),
      effect: async ({ trx, actor, entity, ctx, now }) => {
        const where = { trx, actor, planId: ctx.task.planId, taskId: ctx.task.id, now, reason: entity.reason, requestId: entity.id };
        try {
          return await applyTargetChange(where, ctx.targets, entity.change);
        } catch (err) {
          if (err instanceof StaleTargetError) throw new AppError(409, 'version_conflict', '指标刚被他人修改，请刷新后重新决定');
          throw err;
        }
      },
      then: (c) => tell(c, 'approve'),
    },
    /** The lead leader refuses, saying why; the targets stay as they are. */
    reject: {
      from: ['pending'],
      to: 'rejected',
      may: 'target.decide',
      label: { zh: '不予批准', en: 'reject' },
      audit: 'target_change.reject',
      event: 'reject',
      guard: ({ input }) => {
        if (input.comment.trim() === '') throw badRequest('不予批准须写明意见');
      },
      set: ({ actor, input, now }) => ({ decidedBy: actor.userId, decidedAt: now, decisionComment: input.comment.trim() }),
      then: (c) => tell(c, 'reject'),
    },
    /** The office takes its proposal back before a decision. */
    withdraw: {
      from: ['pending'],
      to: 'withdrawn',
      may: 'target.change',
      label: { zh: '撤回', en: 'withdraw' },
      audit: 'target_change.withdraw',
      event: 'withdraw',
      set: ({ input }) => ({ decisionComment: input.comment?.trim() || null }),
    },
  },
  load: async (trx, actor, id) => {
    const request = await findRequest(trx, actor.governmentId, id);
    if (!request) throw notFound('指标调整');
    const { task, subject } = await taskContext(trx, actor, request.taskId);
    const targets = await listTaskTargets(trx, actor.governmentId, task.id);
    const owners = new Set((await ownerChoices(trx, actor.governmentId, subject.hostUnitIds)).map((u) => u.id));
    return { entity: request, ctx: { task, subject, targets, owners } };
  },
  subject: (request, ctx) => changeSubject(request, ctx.subject),
  write: (trx, request, change, now, audit) => updateRequest(trx, request, change, now, audit),
  timeline: ({ trx, actor, entity, now }, event, comment) =>
    insertEvent(trx, actor.governmentId, { requestId: entity.id, at: now, actorUserId: actor.userId, action: event as RequestEvent, comment }),
});

/** The steps the actor may take on the request now, for the client's buttons. */
export const targetChangeActions = (actor: AuthActor, request: TargetChangeRequest, task: TaskSubject): Action[] =>
  allowedActions(actor, targetChangeWorkflow, request, changeSubject(request, task));
