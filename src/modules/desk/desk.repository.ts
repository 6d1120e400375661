/**
 * What the desk reads: the recent steps of the cycle (report steps, work
 * plan and extension decisions, orders, and changes to the tasks themselves:
 * 销号, reopening, text or deadline) across their tables, like the dashboard.
 * Reads only, a fixed number of queries whatever the plan's size; who may see
 * what is the service's business (the chokepoint's rules).
 */
import type { Tx } from '../../store/tx.js';
import type { Report, ReportStatus } from '../report/report.model.js';
import { toReport } from '../report/report.repository.js';

/** Where an event happened, shared by every kind. */
interface Place {
  at: string;
  taskId: number;
  taskNumber: number;
  unitId: number | null;
  unit: string | null;
  actor: string | null;
}

/** A step of a report's flow, with the report as it stood after the step. */
export interface ReportStepRow extends Place {
  source: 'report';
  action: 'approve' | 'submit' | 'accept' | 'return';
  comment: string | null;
  roundLabel: string;
  report: Report;
}

export interface PlanDecisionRow extends Place {
  source: 'workplan';
  status: 'approved' | 'returned' | 'superseded';
  revision: number;
  unitId: number;
  authorId: number | null;
  comment: string | null;
}

export interface ExtensionDecisionRow extends Place {
  source: 'extension';
  status: 'approved' | 'rejected';
  toDeadline: string;
}

export interface OrderStepRow extends Place {
  source: 'order';
  step: 'issue' | 'respond';
  unitId: number;
  serial: number;
  grade: string;
  year: number;
}

export interface TaskChangeRow extends Place {
  source: 'task';
  /** 销号, its undoing, or a change of the task's text or deadline. */
  action: 'complete' | 'reopen' | 'update';
}

const TASK_ACTIONS = { 'task.complete': 'complete', 'task.reopen': 'reopen', 'task.update': 'update' } as const;

export type EventRow = ReportStepRow | PlanDecisionRow | ExtensionDecisionRow | OrderStepRow | TaskChangeRow;

export interface EventFilter {
  planId?: number;
  /** One task's events only: its timeline on the task page. */
  taskId?: number;
  /** How many rows each kind reads at most, newest first. */
  window: number;
}

const REPORT_STEPS = ['approve', 'submit', 'accept', 'return'] as const;
const STATUS_AFTER: Record<(typeof REPORT_STEPS)[number], ReportStatus> = { approve: 'approved', submit: 'submitted', accept: 'accepted', return: 'returned' };

/**
 * The newest events of each kind (at most `window` of each), newest first
 * overall: seven queries whatever the number of tasks.
 */
export async function recentEvents(db: Tx, governmentId: number, filter: EventFilter): Promise<EventRow[]> {
  const { planId, taskId, window } = filter;
  const reportSteps = await db
    .selectFrom('report_events as e')
    .innerJoin('reports as r', 'r.id', 'e.report_id')
    .innerJoin('tasks as t', 't.id', 'r.task_id')
    .innerJoin('rounds as d', 'd.id', 'r.round_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .leftJoin('users as p', 'p.id', 'e.actor_user_id')
    .selectAll('r')
    .select([
      'e.at as event_at',
      'e.id as event_id',
      'e.action as event_action',
      'e.comment as event_comment',
      't.number as task_number',
      'd.label as round_label',
      'u.name as unit_name',
      'p.display_name as actor_name',
    ])
    .where('e.government_id', '=', governmentId)
    .where('e.action', 'in', [...REPORT_STEPS])
    .$if(planId !== undefined, (q) => q.where('t.plan_id', '=', planId ?? 0))
    .$if(taskId !== undefined, (q) => q.where('t.id', '=', taskId ?? 0))
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(window)
    .execute();

  const plans = await db
    .selectFrom('work_plans as w')
    .innerJoin('tasks as t', 't.id', 'w.task_id')
    .innerJoin('units as u', 'u.id', 'w.unit_id')
    .leftJoin('users as p', 'p.id', 'w.decided_by')
    .select([
      'w.task_id',
      'w.unit_id',
      'w.author_id',
      'w.status',
      'w.revision',
      'w.decided_at',
      'w.decision_comment',
      't.number as task_number',
      'u.name as unit_name',
      'p.display_name as actor_name',
    ])
    .where('w.government_id', '=', governmentId)
    .where('w.status', 'in', ['approved', 'returned', 'superseded'])
    .where('w.decided_at', 'is not', null)
    .$if(planId !== undefined, (q) => q.where('t.plan_id', '=', planId ?? 0))
    .$if(taskId !== undefined, (q) => q.where('t.id', '=', taskId ?? 0))
    .orderBy('w.decided_at', 'desc')
    .orderBy('w.id', 'desc')
    .limit(window)
    .execute();

  const extensions = await db
    .selectFrom('extension_requests as x')
    .innerJoin('tasks as t', 't.id', 'x.task_id')
    .innerJoin('units as u', 'u.id', 'x.unit_id')
    .leftJoin('users as p', 'p.id', 'x.decided_by')
    .select([
      'x.task_id',
      'x.unit_id',
      'x.status',
      'x.to_deadline',
      'x.decided_at',
      't.number as task_number',
      'u.name as unit_name',
      'p.display_name as actor_name',
    ])
    .where('x.government_id', '=', governmentId)
    .where('x.status', 'in', ['approved', 'rejected'])
    .where('x.decided_at', 'is not', null)
    .$if(planId !== undefined, (q) => q.where('t.plan_id', '=', planId ?? 0))
    .$if(taskId !== undefined, (q) => q.where('t.id', '=', taskId ?? 0))
    .orderBy('x.decided_at', 'desc')
    .orderBy('x.id', 'desc')
    .limit(window)
    .execute();

  const orders = (by: 'issued_at' | 'responded_at') =>
    db
      .selectFrom('orders as o')
      .innerJoin('tasks as t', 't.id', 'o.task_id')
      .innerJoin('units as u', 'u.id', 'o.unit_id')
      .innerJoin('plans as l', 'l.id', 'o.plan_id')
      .leftJoin('users as p', 'p.id', by === 'issued_at' ? 'o.issued_by' : 'o.responded_by')
      .select([
        'o.task_id',
        'o.unit_id',
        'o.serial',
        'o.grade',
        'o.issued_at',
        'o.responded_at',
        'l.year',
        't.number as task_number',
        'u.name as unit_name',
        'p.display_name as actor_name',
      ])
      .where('o.government_id', '=', governmentId)
      .where(`o.${by}`, 'is not', null)
      .$if(planId !== undefined, (q) => q.where('o.plan_id', '=', planId ?? 0))
      .$if(taskId !== undefined, (q) => q.where('o.task_id', '=', taskId ?? 0))
      .orderBy(`o.${by}`, 'desc')
      .orderBy('o.id', 'desc')
      .limit(window)
      .execute();
  const issued = await orders('issued_at');
  const answered = await orders('responded_at');

  // Changes to the task itself (销号, reopening, text or deadline) are known by their audit rows.
  const taskChanges = await db
    .selectFrom('audit_log as a')
    .leftJoin('users as p', 'p.id', 'a.actor_user_id')
    .select(['a.at', 'a.action', 'a.object_id', 'p.display_name as actor_name'])
    .where('a.government_id', '=', governmentId)
    .where('a.action', 'in', Object.keys(TASK_ACTIONS) as (keyof typeof TASK_ACTIONS)[])
    .where('a.object_type', '=', 'task')
    .$if(taskId !== undefined, (q) => q.where('a.object_id', '=', String(taskId)))
    .orderBy('a.seq', 'desc')
    .limit(window)
    .execute();
  const changedIds = [...new Set(taskChanges.map((c) => Number(c.object_id)).filter((id) => Number.isInteger(id) && id > 0))];
  const changedTasks =
    changedIds.length === 0
      ? []
      : await db
          .selectFrom('tasks as t')
          .leftJoin('task_units as tu', (j) => j.onRef('tu.task_id', '=', 't.id').on('tu.role', '=', 'host').on('tu.position', '=', 0))
          .leftJoin('units as u', 'u.id', 'tu.unit_id')
          .select(['t.id', 't.number', 't.plan_id', 'u.id as unit_id', 'u.name as unit_name'])
          .where('t.government_id', '=', governmentId)
          .where('t.id', 'in', changedIds)
          .execute();
  const taskById = new Map(changedTasks.map((t) => [t.id, t]));

  const out: EventRow[] = [];
  for (const r of reportSteps) {
    const action = REPORT_STEPS.find((a) => a === r.event_action);
    if (action === undefined) continue;
    // The report as it stood after this step.
    const report: Report = { ...toReport(r), status: STATUS_AFTER[action] };
    out.push({
      source: 'report',
      action,
      comment: r.event_comment,
      roundLabel: r.round_label,
      report,
      at: r.event_at,
      taskId: r.task_id,
      taskNumber: r.task_number,
      unitId: r.unit_id,
      unit: r.unit_name,
      actor: r.actor_name,
    });
  }
  for (const w of plans) {
    const status = w.status === 'approved' || w.status === 'returned' || w.status === 'superseded' ? w.status : undefined;
    if (status === undefined || w.decided_at === null) continue;
    out.push({
      source: 'workplan',
      status,
      revision: w.revision,
      authorId: w.author_id,
      comment: w.decision_comment,
      at: w.decided_at,
      taskId: w.task_id,
      taskNumber: w.task_number,
      unitId: w.unit_id,
      unit: w.unit_name,
      actor: w.actor_name,
    });
  }
  for (const x of extensions) {
    const status = x.status === 'approved' || x.status === 'rejected' ? x.status : undefined;
    if (status === undefined || x.decided_at === null) continue;
    out.push({
      source: 'extension',
      status,
      toDeadline: x.to_deadline,
      at: x.decided_at,
      taskId: x.task_id,
      taskNumber: x.task_number,
      unitId: x.unit_id,
      unit: x.unit_name,
      actor: x.actor_name,
    });
  }
  for (const [step, rows] of [
    ['issue', issued],
    ['respond', answered],
  ] as const) {
    for (const o of rows) {
      const at = step === 'issue' ? o.issued_at : o.responded_at;
      if (at === null) continue;
      out.push({
        source: 'order',
        step,
        serial: o.serial,
        grade: o.grade,
        year: o.year,
        at,
        taskId: o.task_id,
        taskNumber: o.task_number,
        unitId: o.unit_id,
        unit: o.unit_name,
        actor: o.actor_name,
      });
    }
  }
  for (const c of taskChanges) {
    const task = taskById.get(Number(c.object_id));
    if (task === undefined || (planId !== undefined && task.plan_id !== planId)) continue;
    const action = TASK_ACTIONS[c.action as keyof typeof TASK_ACTIONS] as TaskChangeRow['action'] | undefined;
    if (action === undefined) continue;
    out.push({ source: 'task', action, at: c.at, taskId: task.id, taskNumber: task.number, unitId: task.unit_id, unit: task.unit_name, actor: c.actor_name });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** A report as the desk lists it: with its round, period, due date and task. */
export interface DeskReportRow {
  report: Report;
  roundLabel: string;
  roundOpen: boolean;
  periodEnd: string;
  dueOn: string;
  taskKey: string;
  taskText: string;
  unitName: string;
}

export interface DeskReportFilter {
  /** A unit's reports only (a head's or liaison's desk). */
  unitId?: number;
  statuses?: readonly ReportStatus[];
  /** true: only reports of open rounds. */
  openRounds?: boolean;
  limit: number;
}

/** Reports with their round and task, newest period first: one query. */
export async function deskReports(db: Tx, governmentId: number, filter: DeskReportFilter): Promise<DeskReportRow[]> {
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('rounds as d', 'd.id', 'r.round_id')
    .innerJoin('tasks as t', 't.id', 'r.task_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .selectAll('r')
    .select([
      'd.label as round_label',
      'd.status as round_status',
      'd.period_end as period_end',
      'd.due_on as due_on',
      't.key as task_key',
      't.text as task_text',
      'u.name as unit_name',
    ])
    .where('r.government_id', '=', governmentId)
    .$if(filter.unitId !== undefined, (q) => q.where('r.unit_id', '=', filter.unitId ?? 0))
    .$if(filter.statuses !== undefined, (q) => q.where('r.status', 'in', [...(filter.statuses ?? [])]))
    .$if(filter.openRounds === true, (q) => q.where('d.status', '=', 'open'))
    .orderBy('d.period_end', 'desc')
    .orderBy('r.id', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map((r) => ({
    report: toReport(r),
    roundLabel: r.round_label,
    roundOpen: r.round_status === 'open',
    periodEnd: r.period_end,
    dueOn: r.due_on,
    taskKey: r.task_key,
    taskText: r.task_text,
    unitName: r.unit_name,
  }));
}

/** The office's comment on each report's latest return: one query. */
export async function lastReturnComments(db: Tx, governmentId: number, reportIds: readonly number[]): Promise<Map<number, string>> {
  const ids = [...new Set(reportIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('report_events')
    .select(['report_id', 'comment'])
    .where('government_id', '=', governmentId)
    .where('report_id', 'in', ids)
    .where('action', '=', 'return')
    .orderBy('at')
    .orderBy('id')
    .execute();
  const out = new Map<number, string>();
  for (const r of rows) out.set(r.report_id, r.comment ?? '');
  return out;
}

/** The key and text of each task: one query. */
export async function deskTasks(db: Tx, governmentId: number, taskIds: readonly number[]): Promise<Map<number, { key: string; text: string }>> {
  const ids = [...new Set(taskIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('tasks').select(['id', 'key', 'text']).where('government_id', '=', governmentId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { key: r.key, text: r.text }]));
}

/** The names of units: one query. */
export async function deskUnitNames(db: Tx, governmentId: number, unitIds: readonly number[]): Promise<Map<number, string>> {
  const ids = [...new Set(unitIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('government_id', '=', governmentId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
