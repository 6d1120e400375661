/**
 * Reports owed and not yet sent, with their round's due date: what reminders,
 * lights ("a report is overdue") and orders by rule start from. A report is
 * sent when it first leaves its unit: a host unit's when submitted, a
 * co-unit's when its head approved it for the host unit. A returned report
 * was sent; it is owed again, but it is not late. Reports on tasks that are
 * no longer active (completed by the office, or removed) are owed by nobody.
 */
import type { Tx } from '../../store/tx.js';

export interface OwedReport {
  reportId: number;
  roundId: number;
  planId: number;
  taskId: number;
  unitId: number;
  role: 'host' | 'co';
  status: string;
  dueOn: string;
  periodEnd: string;
  roundLabel: string;
}

export interface OwedFilter {
  planId?: number;
  taskIds?: readonly number[];
  /** Only reports due on or before this date (overdue: the day before asOf). */
  dueOnOrBefore?: string;
  dueOnOrAfter?: string;
  /** Include rounds the office has closed (default: open rounds only). */
  includeClosed?: boolean;
}

export async function owedReports(db: Tx, governmentId: number, filter: OwedFilter = {}): Promise<OwedReport[]> {
  let q = db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .innerJoin('tasks', 'tasks.id', 'reports.task_id')
    .select([
      'reports.id as reportId',
      'reports.round_id as roundId',
      'rounds.plan_id as planId',
      'reports.task_id as taskId',
      'reports.unit_id as unitId',
      'reports.role as role',
      'reports.status as status',
      'rounds.due_on as dueOn',
      'rounds.period_end as periodEnd',
      'rounds.label as roundLabel',
    ])
    .where('reports.government_id', '=', governmentId)
    .where('tasks.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb.and([eb('reports.role', '=', 'host'), eb('reports.submitted_at', 'is', null)]),
        eb.and([eb('reports.role', '=', 'co'), eb('reports.approved_at', 'is', null)]),
      ]),
    );
  if (!filter.includeClosed) q = q.where('rounds.status', '=', 'open');
  if (filter.planId !== undefined) q = q.where('rounds.plan_id', '=', filter.planId);
  if (filter.taskIds !== undefined) {
    if (filter.taskIds.length === 0) return [];
    q = q.where('reports.task_id', 'in', [...filter.taskIds]);
  }
  if (filter.dueOnOrBefore !== undefined) q = q.where('rounds.due_on', '<=', filter.dueOnOrBefore);
  if (filter.dueOnOrAfter !== undefined) q = q.where('rounds.due_on', '>=', filter.dueOnOrAfter);
  const rows = await q.orderBy('rounds.due_on').orderBy('reports.id').execute();
  return rows.map((r) => ({ ...r, role: r.role === 'co' ? 'co' : 'host' }));
}
