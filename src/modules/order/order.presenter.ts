/** The shape an order leaves the server in. */
import type { Static } from 'typebox';
import type { Action } from '../auth/actions.js';
import { orderNumber, type Order } from './order.model.js';
import type { OrderViewSchema } from './order.schema.js';

export type OrderView = Static<typeof OrderViewSchema>;

export const presentOrder = (o: Order, allowedActions: Action[]): OrderView => ({
  id: o.id,
  number: orderNumber(o.planYear, o.serial),
  planId: o.planId,
  serial: o.serial,
  taskId: o.taskId,
  taskKey: o.taskKey,
  unitId: o.unitId,
  unitName: o.unitName,
  grade: o.grade,
  reason: o.reason,
  source: o.source,
  ruleKey: o.ruleKey,
  issuedBy: o.issuedBy,
  issuedAt: o.issuedAt,
  respondBy: o.respondBy,
  status: o.status,
  signedBy: o.signedBy,
  signedAt: o.signedAt,
  response: o.response,
  respondedBy: o.respondedBy,
  respondedAt: o.respondedAt,
  closedBy: o.closedBy,
  closedAt: o.closedAt,
  closeComment: o.closeComment,
  version: o.version,
  allowedActions,
});
