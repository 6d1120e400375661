/** Supervision orders (table orders). Only this file touches the table. */
import { governmentDay } from '../../domain/calendar.js';
import type { Tx } from '../../store/tx.js';
import { auditedUpdate, type AuditNote } from '../audit/audited-update.js';
import { ORDER_GRADES, ORDER_STATUSES, type NewOrder, type Order, type OrderFilter, type OrderStatus } from './order.model.js';

function base(db: Tx, governmentId: number) {
  return db
    .selectFrom('orders')
    .innerJoin('plans', 'plans.id', 'orders.plan_id')
    .innerJoin('tasks', 'tasks.id', 'orders.task_id')
    .innerJoin('units', 'units.id', 'orders.unit_id')
    .selectAll('orders')
    .select(['plans.year as plan_year', 'tasks.key as task_key', 'units.name as unit_name'])
    .where('orders.government_id', '=', governmentId);
}

type OrderJoinRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

const toOrder = (r: OrderJoinRow): Order => ({
  id: r.id,
  planId: r.plan_id,
  planYear: r.plan_year,
  taskId: r.task_id,
  taskKey: r.task_key,
  unitId: r.unit_id,
  unitName: r.unit_name,
  serial: r.serial,
  grade: ORDER_GRADES.find((g) => g === r.grade) ?? 'blue',
  reason: r.reason,
  source: r.source === 'rule' ? 'rule' : 'manual',
  ruleKey: r.rule_key,
  issuedBy: r.issued_by,
  issuedAt: r.issued_at,
  respondBy: r.respond_by,
  status: ORDER_STATUSES.find((s) => s === r.status) ?? 'issued',
  signedBy: r.signed_by,
  signedAt: r.signed_at,
  response: r.response,
  respondedBy: r.responded_by,
  respondedAt: r.responded_at,
  closedBy: r.closed_by,
  closedAt: r.closed_at,
  closeComment: r.close_comment,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function findOrder(db: Tx, governmentId: number, id: number): Promise<Order | undefined> {
  const row = await base(db, governmentId).where('orders.id', '=', id).executeTakeFirst();
  return row && toOrder(row);
}

export async function listOrders(db: Tx, governmentId: number, filter: OrderFilter): Promise<Order[]> {
  let q = base(db, governmentId);
  if (filter.planId !== undefined) q = q.where('orders.plan_id', '=', filter.planId);
  if (filter.taskId !== undefined) q = q.where('orders.task_id', '=', filter.taskId);
  if (filter.unitId !== undefined) q = q.where('orders.unit_id', '=', filter.unitId);
  if (filter.status !== undefined) q = q.where('orders.status', '=', filter.status);
  return (await q.orderBy('orders.plan_id').orderBy('orders.serial', 'desc').execute()).map(toOrder);
}

/**
 * Inserts the order with the plan's next serial number. An order by rule
 * whose rule key is taken already is not inserted (undefined): ON CONFLICT on
 * the rule key only, so that a serial taken by a concurrent order still fails
 * (isSerialConflict) and the caller retries with the next number.
 */
export async function insertOrder(trx: Tx, governmentId: number, order: NewOrder, now: string): Promise<number | undefined> {
  const last = await trx
    .selectFrom('orders')
    .select((eb) => eb.fn.max('serial').as('serial'))
    .where('plan_id', '=', order.planId)
    .executeTakeFirst();
  const serial = Number(last?.serial ?? 0) + 1;
  const values = {
    government_id: governmentId,
    plan_id: order.planId,
    task_id: order.taskId,
    unit_id: order.unitId,
    serial,
    grade: order.grade,
    reason: order.reason,
    source: order.source,
    rule_key: order.ruleKey,
    issued_by: order.issuedBy,
    issued_at: now,
    respond_by: order.respondBy,
    created_at: now,
    updated_at: now,
  };
  const insert = trx.insertInto('orders').values(values);
  const row = await (order.ruleKey === null ? insert : insert.onConflict((oc) => oc.columns(['government_id', 'rule_key']).doNothing()))
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Whether an error is the plan's serial number taken by a concurrent order (PostgreSQL or SQLite wording). */
export function isSerialConflict(err: unknown): boolean {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.constraint === 'orders_serial_unique') return true;
  return typeof e.message === 'string' && /orders_serial_unique|orders\.plan_id, orders\.serial/.test(e.message);
}

/** The columns a step may change. */
export interface OrderChange {
  status: OrderStatus;
  signedBy?: number | null;
  signedAt?: string;
  response?: string;
  respondedBy?: number | null;
  respondedAt?: string;
  closedBy?: number | null;
  closedAt?: string;
  closeComment?: string;
}

/** Writes the change with its audit row only if the order is still at the version read; false otherwise. */
export function updateOrder(trx: Tx, order: Pick<Order, 'id' | 'version'>, change: OrderChange, now: string, audit: AuditNote): Promise<boolean> {
  return auditedUpdate(
    trx,
    'orders',
    order,
    {
      status: change.status,
      ...(change.signedBy === undefined ? {} : { signed_by: change.signedBy }),
      ...(change.signedAt === undefined ? {} : { signed_at: change.signedAt }),
      ...(change.response === undefined ? {} : { response: change.response }),
      ...(change.respondedBy === undefined ? {} : { responded_by: change.respondedBy }),
      ...(change.respondedAt === undefined ? {} : { responded_at: change.respondedAt }),
      ...(change.closedBy === undefined ? {} : { closed_by: change.closedBy }),
      ...(change.closedAt === undefined ? {} : { closed_at: change.closedAt }),
      ...(change.closeComment === undefined ? {} : { close_comment: change.closeComment }),
    },
    now,
    audit,
  );
}

/** Orders not answered by their date: still issued or signed, respond_by before `asOf`. */
export async function unansweredPastDue(db: Tx, governmentId: number, asOf: string): Promise<Order[]> {
  const rows = await base(db, governmentId)
    .where('orders.status', 'in', ['issued', 'signed'])
    .where('orders.respond_by', '<', asOf)
    .orderBy('orders.id')
    .execute();
  return rows.map(toOrder);
}

/** The plan a task belongs to. */
export async function planOfTask(db: Tx, governmentId: number, taskId: number): Promise<number | undefined> {
  const row = await db.selectFrom('tasks').select('plan_id').where('government_id', '=', governmentId).where('id', '=', taskId).executeTakeFirst();
  return row?.plan_id;
}

/**
 * The orders of a plan (or of one of its tasks) open on a day: issued on or
 * before it and not closed by its end, days in Asia/Shanghai. A past day sees
 * the orders closed since as they were then, open.
 */
export async function openOrdersOn(db: Tx, governmentId: number, scope: { planId: number; taskId?: number }, asOf: string): Promise<Order[]> {
  let q = base(db, governmentId).where('orders.plan_id', '=', scope.planId);
  if (scope.taskId !== undefined) q = q.where('orders.task_id', '=', scope.taskId);
  const orders = (await q.orderBy('orders.serial').execute()).map(toOrder);
  return orders.filter((o) => governmentDay(o.issuedAt) <= asOf && (o.closedAt === null ? o.status !== 'closed' : governmentDay(o.closedAt) > asOf));
}
