/** Supervision orders (督办单): issued to a unit on a task, signed for, answered, closed. */

export const ORDER_GRADES = ['blue', 'yellow', 'red'] as const;
export type OrderGrade = (typeof ORDER_GRADES)[number];
export const ORDER_STATUSES = ['issued', 'signed', 'answered', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const GRADE_LABELS: Record<OrderGrade, string> = { blue: '蓝色', yellow: '黄色', red: '红色' };

export interface Order {
  id: number;
  planId: number;
  /** The plan's year, in the order's number. */
  planYear: number;
  taskId: number;
  taskKey: string;
  unitId: number;
  unitName: string;
  serial: number;
  grade: OrderGrade;
  reason: string;
  source: 'rule' | 'manual';
  ruleKey: string | null;
  issuedBy: number | null;
  issuedAt: string;
  respondBy: string;
  status: OrderStatus;
  signedBy: number | null;
  signedAt: string | null;
  response: string | null;
  respondedBy: number | null;
  respondedAt: string | null;
  closedBy: number | null;
  closedAt: string | null;
  closeComment: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewOrder {
  planId: number;
  taskId: number;
  unitId: number;
  grade: OrderGrade;
  reason: string;
  source: 'rule' | 'manual';
  /** The rule and its occasion; at most one order per key. Null for an order by hand. */
  ruleKey: string | null;
  issuedBy: number | null;
  respondBy: string;
}

export interface OrderFilter {
  planId?: number;
  taskId?: number;
  unitId?: number;
  status?: OrderStatus;
}

/** 督办〔2026〕第3号 */
export const orderNumber = (year: number, serial: number): string => `督办〔${year}〕第${serial}号`;
