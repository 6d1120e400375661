/**
 * Who is told of each step of an order, and what: the unit's head and
 * liaison always, the task's lead leaders for yellow and red orders (but
 * not of a unit's late answer, which is the unit's reminder), the issuer
 * when the unit answers.
 */
import type { Tx } from '../../store/tx.js';
import type { DeliveryConfig } from '../notification/delivery.config.js';
import { monthDay } from '../notification/messages.js';
import type { NotificationMessage } from '../notification/notification.model.js';
import { leaderContacts, taskTitles, unitContacts } from '../notification/notification-recipients.repository.js';
import { notify } from '../notification/notification.service.js';
import { GRADE_LABELS, orderNumber, type Order } from './order.model.js';

export type OrderStep = 'issue' | 'sign' | 'respond' | 'close' | 'overdue';

const excerpt = (text: string, max = 100): string => {
  const chars = [...text.trim()];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
};

function message(order: Order, step: OrderStep, taskTitle: string): NotificationMessage {
  const number = orderNumber(order.planYear, order.serial);
  const about = `《${taskTitle}》`;
  const base = { objectType: 'order' as const, objectId: order.id, dedupeKey: `order:${order.id}:${step}` };
  switch (step) {
    case 'issue':
      return {
        ...base,
        kind: 'order',
        title: `${GRADE_LABELS[order.grade]}督办：${number}`,
        body: `${order.unitName}：关于${about}任务，${order.reason}。请签收，并于 ${monthDay(order.respondBy)}前书面回复办理情况。`,
      };
    case 'sign':
      return {
        ...base,
        kind: 'order',
        title: `${number} 已签收`,
        body: `${order.unitName}已签收${number}（${about}），请于 ${monthDay(order.respondBy)}前回复办理情况。`,
      };
    case 'respond':
      return { ...base, kind: 'order', title: `${number} 已回复`, body: `${order.unitName}已回复${number}（${about}）：${excerpt(order.response ?? '')}` };
    case 'close':
      return {
        ...base,
        kind: 'order',
        title: `${number} 已办结`,
        body: `${number}（${about}）已办结${order.closeComment ? `：${excerpt(order.closeComment)}` : '。'}`,
      };
    case 'overdue':
      return {
        ...base,
        kind: 'order_overdue',
        title: `${number} 已超过办理时限`,
        body: `${order.unitName}：${number}（${about}）应于 ${monthDay(order.respondBy)}前回复，现已超过办理时限，请尽快回复办理情况。`,
      };
  }
}

/** Tells the order's people of the step; the step's dedupe key makes it once per order and step. */
export async function notifyOrderStep(trx: Tx, governmentId: number, order: Order, step: OrderStep, now: string, config?: DeliveryConfig): Promise<number> {
  const unit = (await unitContacts(trx, governmentId, [order.unitId])).get(order.unitId) ?? [];
  const leaders = order.grade === 'blue' || step === 'overdue' ? [] : ((await leaderContacts(trx, governmentId, [order.taskId])).get(order.taskId) ?? []);
  const issuer = step === 'respond' && order.issuedBy !== null ? [order.issuedBy] : [];
  const title = (await taskTitles(trx, governmentId, [order.taskId])).get(order.taskId) ?? order.taskKey;
  return notify(trx, governmentId, [...unit, ...leaders, ...issuer], message(order, step, title), now, config);
}
