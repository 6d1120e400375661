/**
 * The flow of a supervision order (督办单), as data: issued by the office (by
 * hand or by rule), signed for and answered by the unit, closed by the
 * office. Every step tells the people concerned (order.notices.ts).
 */
import type { Action } from '../auth/actions.js';
import type { AuthActor } from '../auth/authorize.js';
import type { TaskSubject } from '../auth/subjects.js';
import { badRequest, notFound } from '../errors.js';
import type { DeliveryConfig } from '../notification/delivery.config.js';
import { allowedActions } from '../workflow/runner.js';
import { defineWorkflow, type StepContext, type VersionInput } from '../workflow/workflow.js';
import { orderSubject, orderTask } from './order.access.js';
import type { Order, OrderStatus } from './order.model.js';
import { notifyOrderStep, type OrderStep } from './order.notices.js';
import { findOrder, updateOrder, type OrderChange } from './order.repository.js';

/** Where the people concerned are told beyond the app (e-mail, webhook); none: in the app only. */
interface Delivering {
  delivery?: DeliveryConfig;
}

export interface OrderInputs {
  sign: VersionInput & Delivering;
  respond: VersionInput & Delivering & { response: string };
  close: VersionInput & Delivering & { comment: string };
}

const STATES: Record<OrderStatus, { zh: string; en: string }> = {
  issued: { zh: '待签收', en: 'Issued' },
  signed: { zh: '已签收', en: 'Signed for' },
  answered: { zh: '已回复', en: 'Answered' },
  closed: { zh: '已办结', en: 'Closed' },
};

/** The people concerned are told of the step, with the order as it now stands. */
const tell =
  (step: OrderStep) =>
  async ({ trx, actor, entity, input, now }: StepContext<Order, TaskSubject, Delivering>): Promise<void> => {
    const after = await findOrder(trx, actor.governmentId, entity.id);
    if (!after) throw new Error(`order ${entity.id} vanished`);
    await notifyOrderStep(trx, actor.governmentId, after, step, now, input.delivery);
  };

export const orderWorkflow = defineWorkflow<Order, TaskSubject, OrderInputs, OrderChange>()({
  entity: 'order',
  describe: () => '督办单',
  states: STATES,
  transitions: {
    sign: {
      from: ['issued'],
      to: 'signed',
      may: 'order.respond',
      label: { zh: '签收', en: 'sign for' },
      audit: 'order.sign',
      set: ({ actor, now }) => ({ signedBy: actor.userId, signedAt: now }),
      then: tell('sign'),
    },
    /** Answering an order not yet signed for signs it too. */
    respond: {
      from: ['issued', 'signed'],
      to: 'answered',
      may: 'order.respond',
      label: { zh: '回复', en: 'answer' },
      audit: 'order.respond',
      guard: ({ input }) => {
        if (input.response.trim() === '') throw badRequest('请填写办理情况');
      },
      set: ({ actor, entity, input, now }) => ({
        response: input.response.trim(),
        respondedBy: actor.userId,
        respondedAt: now,
        ...(entity.status === 'issued' ? { signedBy: actor.userId, signedAt: now } : {}),
      }),
      then: tell('respond'),
    },
    /** The office closes an answered order; an unanswered one only with a comment saying why. */
    close: {
      from: ['issued', 'signed', 'answered'],
      to: 'closed',
      may: 'order.close',
      label: { zh: '办结', en: 'close' },
      audit: 'order.close',
      guard: ({ entity, input }) => {
        if (entity.status !== 'answered' && input.comment.trim() === '') throw badRequest('单位尚未回复，办结时须写明理由', 'comment_required');
      },
      set: ({ actor, input, now }) => ({ closeComment: input.comment.trim(), closedBy: actor.userId, closedAt: now }),
      then: tell('close'),
    },
  },
  load: async (trx, actor, id) => {
    const order = await findOrder(trx, actor.governmentId, id);
    if (!order) throw notFound('督办单');
    return { entity: order, ctx: await orderTask(trx, actor.governmentId, order.taskId) };
  },
  subject: orderSubject,
  write: (trx, order, change, now, audit) => updateOrder(trx, order, change, now, audit),
});

/** The steps the actor may take on the order now, for the client's buttons. */
export const orderActions = (actor: AuthActor, order: Order, task: TaskSubject): Action[] =>
  allowedActions(actor, orderWorkflow, order, orderSubject(order, task));
