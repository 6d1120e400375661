/**
 * Supervision orders (督办单): the office issues them (by hand, or the job by
 * rule), the unit signs for and answers them, the office closes them. Each
 * step is one transaction: the chokepoint, the state the step starts from,
 * the version read, the audit row, and the notifications.
 */
import { governmentDay } from '../../domain/calendar.js';
import { addDays } from '../../domain/schedule.js';
import { isIsoDate } from '../../domain/time-progress.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { changing, systemClock, type Clock } from '../../store/unit-of-work.js';
import { appendAudit } from '../audit/audit.repository.js';
import type { AuthActor } from '../auth/authorize.js';
import { authorize, can } from '../auth/authorize.js';
import { ForbiddenError } from '../auth/forbidden-error.js';
import { governmentSubject } from '../auth/subjects.js';
import { badRequest, notFound } from '../errors.js';
import { taskSubjects } from '../report/report.repository.js';
import type { DeliveryConfig } from '../notification/delivery.config.js';
import { loadPlanSettings } from '../settings/settings.repository.js';
import { stepper } from '../workflow/runner.js';
import type { VersionInput } from '../workflow/workflow.js';
import { orderSubject, orderTask } from './order.access.js';
import type { NewOrder, Order, OrderFilter, OrderGrade } from './order.model.js';
import { notifyOrderStep } from './order.notices.js';
import { presentOrder, type OrderView } from './order.presenter.js';
import { findOrder, insertOrder, isSerialConflict, listOrders, planOfTask } from './order.repository.js';
import { orderActions, orderWorkflow, type OrderInputs } from './order.workflow.js';
import { refuseIfArchived } from '../plan/plan-archive.service.js';

export interface IssueInput {
  taskId: number;
  unitId: number;
  grade: OrderGrade;
  reason: string;
  /** Default: today + the plan's orders.respondDays. */
  respondBy?: string;
}

async function view(db: Tx, actor: AuthActor, id: number): Promise<OrderView> {
  const order = await findOrder(db, actor.governmentId, id);
  if (!order) throw notFound('督办单');
  const task = await orderTask(db, actor.governmentId, order.taskId);
  if (!can(actor, 'order.read', orderSubject(order, task))) throw new ForbiddenError('order.read');
  return presentOrder(order, orderActions(actor, order, task));
}

/**
 * Inserts an order with the plan's next serial number, its audit row and
 * its notifications, in one transaction; a serial taken meanwhile by a
 * concurrent order is retried with the next. Undefined when an order by
 * rule with the same rule key exists already.
 */
export async function createOrder(db: Tx, actor: AuthActor, order: NewOrder, clock?: Clock, delivery?: DeliveryConfig): Promise<Order | undefined> {
  const attempt = () =>
    changing(db, actor.governmentId, async (trx) => {
      await refuseIfArchived(trx, actor.governmentId, 'task', order.taskId);
      const now = nowIso(clock);
      const id = await insertOrder(trx, actor.governmentId, order, now);
      if (id === undefined) return undefined;
      const created = await findOrder(trx, actor.governmentId, id);
      if (!created) throw new Error(`order ${id} vanished`);
      await appendAudit(trx, actor, { action: 'order.issue', objectType: 'order', objectId: id, after: { ...order, serial: created.serial } }, clock);
      await notifyOrderStep(trx, actor.governmentId, created, 'issue', now, delivery);
      return created;
    });
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (err) {
      if (db.isTransaction || !isSerialConflict(err) || tries >= SERIAL_TRIES) throw err;
    }
  }
}

/** A serial number taken by a concurrent order is retried with the next; more than one retry only under a burst of orders. */
const SERIAL_TRIES = 3;

async function issue(db: Tx, actor: AuthActor, input: IssueInput, clock: Clock = systemClock, delivery?: DeliveryConfig): Promise<OrderView> {
  const task = await orderTask(db, actor.governmentId, input.taskId);
  authorize(actor, 'order.issue', task);
  if (!task.hostUnitIds.includes(input.unitId) && !task.coUnitIds.includes(input.unitId))
    throw badRequest('该单位不是此任务的责任单位，不能向其下发督办单', 'unit_not_responsible');
  if (input.reason.trim() === '') throw badRequest('请写明督办事由');
  const planId = (await planOfTask(db, actor.governmentId, input.taskId)) ?? 0;
  const today = governmentDay(clock());
  if (input.respondBy !== undefined && !isIsoDate(input.respondBy)) throw badRequest(`办理时限不是有效日期：${input.respondBy}`);
  const respondBy = input.respondBy ?? addDays(today, (await loadPlanSettings(db, actor.governmentId, planId)).settings.orders.respondDays);
  if (respondBy < today) throw badRequest('办理时限不能早于今天');
  const order = await createOrder(
    db,
    actor,
    {
      planId,
      taskId: input.taskId,
      unitId: input.unitId,
      grade: input.grade,
      reason: input.reason.trim(),
      source: 'manual',
      ruleKey: null,
      issuedBy: actor.userId,
      respondBy,
    },
    clock,
    delivery,
  );
  if (!order) throw new Error('an order by hand has no rule key and is always inserted');
  return presentOrder(order, orderActions(actor, order, task));
}

const step = stepper(orderWorkflow, view);

const sign = (db: Tx, actor: AuthActor, id: number, input: VersionInput = {}, clock?: Clock, delivery?: DeliveryConfig): Promise<OrderView> =>
  step(db, actor, id, 'sign', { ...input, ...(delivery ? { delivery } : {}) }, clock);

const respond = (db: Tx, actor: AuthActor, id: number, input: OrderInputs['respond'], clock?: Clock, delivery?: DeliveryConfig): Promise<OrderView> =>
  step(db, actor, id, 'respond', { ...input, ...(delivery ? { delivery } : {}) }, clock);

const close = (db: Tx, actor: AuthActor, id: number, input: OrderInputs['close'], clock?: Clock, delivery?: DeliveryConfig): Promise<OrderView> =>
  step(db, actor, id, 'close', { ...input, ...(delivery ? { delivery } : {}) }, clock);

/** The orders of the filter the actor may read; the others are left out, not refused. */
async function list(db: Tx, actor: AuthActor, filter: OrderFilter): Promise<OrderView[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  const orders = await listOrders(db, actor.governmentId, filter);
  const tasks = await taskSubjects(
    db,
    actor.governmentId,
    orders.map((o) => o.taskId),
  );
  const out: OrderView[] = [];
  for (const order of orders) {
    const task = tasks.get(order.taskId);
    if (task && can(actor, 'order.read', orderSubject(order, task))) out.push(presentOrder(order, orderActions(actor, order, task)));
  }
  return out;
}

/** One order; 404 when it does not exist, 403 when the actor may not read it. */
const get = (db: Tx, actor: AuthActor, id: number): Promise<OrderView> => view(db, actor, id);

export const orderService = { issue, sign, respond, close, list, get };
