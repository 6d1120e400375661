/**
 * Who is told of a target change request (指标调整), and what: the deciders
 * when it is proposed (the task's lead leaders, or the office for a task
 * without one, never the proposer), the proposer when it is decided.
 */
import type { Tx } from '../../store/tx.js';
import type { DeliveryConfig } from '../notification/delivery.config.js';
import type { NotificationMessage } from '../notification/notification.model.js';
import { leaderContacts, officeContacts, taskTitles } from '../notification/notification-recipients.repository.js';
import { notify } from '../notification/notification.service.js';

export interface RequestFacts {
  id: number;
  taskId: number;
  proposedBy: number | null;
  summary: string;
  reason: string;
}

const excerpt = (text: string, max = 120): string => {
  const chars = [...text.trim()];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
};

/** Tells the deciders of a new request; a task without a lead leader is decided by the office. */
export async function notifyProposal(
  trx: Tx,
  governmentId: number,
  r: RequestFacts,
  hasLeaders: boolean,
  now: string,
  config?: DeliveryConfig,
): Promise<number> {
  const deciders = hasLeaders ? ((await leaderContacts(trx, governmentId, [r.taskId])).get(r.taskId) ?? []) : await officeContacts(trx, governmentId);
  const title = (await taskTitles(trx, governmentId, [r.taskId])).get(r.taskId) ?? `#${r.taskId}`;
  const message: NotificationMessage = {
    kind: 'target_change',
    title: `指标调整待审批：《${title}》`,
    body: `督查室提出调整《${title}》任务的指标：${excerpt(r.summary)}。理由：${excerpt(r.reason)}。请审批。`,
    objectType: 'task',
    objectId: r.taskId,
    dedupeKey: `target-change:${r.id}:propose`,
  };
  return notify(
    trx,
    governmentId,
    deciders.filter((id) => id !== r.proposedBy),
    message,
    now,
    config,
  );
}

/** Tells the proposer how the request was decided. */
export async function notifyDecision(
  trx: Tx,
  governmentId: number,
  r: RequestFacts,
  step: 'approve' | 'reject',
  comment: string | null,
  now: string,
  config?: DeliveryConfig,
): Promise<number> {
  if (r.proposedBy === null) return 0;
  const title = (await taskTitles(trx, governmentId, [r.taskId])).get(r.taskId) ?? `#${r.taskId}`;
  const said = comment ? `意见：${excerpt(comment)}` : '';
  const message: NotificationMessage = {
    kind: 'target_change',
    title: step === 'approve' ? `指标调整已批准：《${title}》` : `指标调整未获批准：《${title}》`,
    body:
      step === 'approve'
        ? `《${title}》任务的指标调整已批准并生效：${excerpt(r.summary)}。${said}`
        : `《${title}》任务的指标调整未获批准，指标不变：${excerpt(r.summary)}。${said}`,
    objectType: 'task',
    objectId: r.taskId,
    dedupeKey: `target-change:${r.id}:${step}`,
  };
  return notify(trx, governmentId, [r.proposedBy], message, now, config);
}
