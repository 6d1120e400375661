/**
 * deskService: what awaits the signed-in person and what happened lately.
 * The work plans awaiting the caller's decision (workplan.decide: the task's
 * lead leader, or the office for a task without one), and the recent events
 * of the cycle the caller may see: published steps for everyone who reads the
 * ledger, unpublished work (drafts, returns) only for those who may read the
 * unit's work (report.draft.read), orders for those who may read them.
 */
import type { AuthActor } from '../auth/authorize.js';
import { authorize, can } from '../auth/authorize.js';
import { governmentSubject, type TaskSubject, type WorkSubject } from '../auth/subjects.js';
import { mayRead } from '../report/report.access.js';
import { taskSubjects } from '../report/report.repository.js';
import { mayReadPlan, planWork } from '../workplan/workplan.access.js';
import { workPlanActions } from '../workplan/workplan.workflow.js';
import { presentWorkPlan, type WorkPlanView } from '../workplan/workplan.presenter.js';
import { milestonesOf, submittedWorkPlans, valuesOf } from '../workplan/workplan.repository.js';
import type { Tx } from '../../store/tx.js';
import type { Static } from 'typebox';
import { governmentDay } from '../../domain/calendar.js';
import { systemClock, type Clock } from '../../store/unit-of-work.js';
import { extensionWork } from '../extension/extension.access.js';
import { listExtensions } from '../extension/extension.repository.js';
import type { Report, ReportStatus } from '../report/report.model.js';
import { reportWorkflow } from '../report/report.workflow.js';
import { workSubject } from '../report/report.access.js';
import { listTargetChanges } from '../target/target.service.js';
import { allowedActions } from '../workflow/runner.js';
import type { DeskItemSchema, DeskSchema } from './desk.schema.js';
import { deskReports, deskTasks, deskUnitNames, lastReturnComments, type DeskReportRow } from './desk.repository.js';

type DeskItem = Static<typeof DeskItemSchema>;
import { presentEvent, type DeskEvent } from './desk.presenter.js';
import { recentEvents, type EventRow } from './desk.repository.js';

/** The submitted work plans the actor decides, oldest submission first: six queries for any number. */
async function awaitingMe(db: Tx, actor: AuthActor): Promise<WorkPlanView[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  const submitted = await submittedWorkPlans(db, actor.governmentId);
  const tasks = await taskSubjects(
    db,
    actor.governmentId,
    submitted.map((p) => p.taskId),
  );
  const mine = submitted.flatMap((plan) => {
    const task = tasks.get(plan.taskId);
    return task && mayReadPlan(actor, plan, task) && can(actor, 'workplan.decide', planWork(plan, task)) ? [{ plan, task }] : [];
  });
  const ids = mine.map((m) => m.plan.id);
  const milestones = await milestonesOf(db, ids);
  const values = await valuesOf(db, ids);
  return mine.map(({ plan, task }) => presentWorkPlan(plan, milestones.get(plan.id) ?? [], values.get(plan.id) ?? [], workPlanActions(actor, plan, task)));
}

export interface EventQuery {
  limit?: number;
  planId?: number;
  taskId?: number;
}

const work = (task: TaskSubject, unitId: number, authorId: number | null): WorkSubject => ({
  kind: 'work',
  governmentId: task.governmentId,
  task,
  unitId,
  authorId,
});

/** Whether the actor may see the event: the rules of the object it happened to. */
function maysee(actor: AuthActor, row: EventRow, task: TaskSubject): boolean {
  switch (row.source) {
    case 'report':
      // The report as it stood after the step: accepted is published, the rest is the unit's work.
      return mayRead(actor, row.report, task);
    case 'workplan':
      return row.status === 'returned' ? can(actor, 'report.draft.read', planWork(row, task)) : can(actor, 'ledger.read', task);
    case 'extension':
      // A decided request is part of the ledger (extension.access.ts).
      return can(actor, 'ledger.read', task);
    case 'order':
      return can(actor, 'order.read', work(task, row.unitId, null));
    case 'task':
      return can(actor, 'ledger.read', task);
  }
}

/** How many rows of each kind are read to fill a page once what the actor may not see is left out. */
const WINDOW_FACTOR = 10;
const WINDOW_MAX = 1000;

/** The newest events the actor may see, newest first: a fixed number of queries whatever the plan's size. */
async function events(db: Tx, actor: AuthActor, query: EventQuery): Promise<DeskEvent[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  const limit = Math.min(100, Math.max(1, query.limit ?? 20));
  const rows = await recentEvents(db, actor.governmentId, {
    ...(query.planId === undefined ? {} : { planId: query.planId }),
    ...(query.taskId === undefined ? {} : { taskId: query.taskId }),
    window: Math.min(WINDOW_MAX, limit * WINDOW_FACTOR),
  });
  const tasks = await taskSubjects(
    db,
    actor.governmentId,
    rows.map((r) => r.taskId),
  );
  const out: DeskEvent[] = [];
  for (const row of rows) {
    const task = tasks.get(row.taskId);
    if (task === undefined || !maysee(actor, row, task)) continue;
    out.push(presentEvent(row));
    if (out.length === limit) break;
  }
  return out;
}

/** A desk item before its place in the order is decided. */
type Item = DeskItem;

const DAY_MS = 86_400_000;
const daysLate = (today: string, dueOn: string | null): number =>
  dueOn === null || dueOn >= today ? 0 : Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / DAY_MS);

const opening = (text: string, max = 40): string => {
  const chars = [...text.trim().replace(/\s+/g, ' ')];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
};

/** The one thing the actor does next to a report, or null when it does not wait for them. */
function reportAction(actor: AuthActor, row: DeskReportRow, task: TaskSubject): string | null {
  const { report } = row;
  const may = allowedActions(actor, reportWorkflow, report, workSubject(report, task));
  switch (report.status) {
    case 'returned':
      return may.includes('report.draft.write') ? '修改后重新报送' : null;
    case 'draft':
      // The head approves what someone else wrote; a draft nobody wrote yet is to be filled.
      if (may.includes('report.approve') && report.authorId !== null && report.authorId !== actor.userId && report.progress.trim() !== '') return '审核';
      return may.includes('report.draft.write') ? '填报' : null;
    case 'approved':
      return may.includes('report.submit') ? '报送' : null;
    case 'submitted':
      return may.includes('report.review') ? '采纳或退回' : null;
    case 'accepted':
    case 'voided':
      return null;
  }
}

/** When the report came to its present state: the moment it reached the desk. */
function reportAt(report: Report): string {
  switch (report.status) {
    case 'returned':
      return report.returnedAt ?? report.updatedAt;
    case 'approved':
      return report.approvedAt ?? report.updatedAt;
    case 'submitted':
      return report.submittedAt ?? report.updatedAt;
    case 'accepted':
      return report.acceptedAt ?? report.updatedAt;
    case 'voided':
      return report.voidedAt ?? report.updatedAt;
    case 'draft':
      return report.createdAt;
  }
}

function reportItem(row: DeskReportRow, today: string, label: string, comment: string | null, open: boolean): Item {
  const { report } = row;
  return {
    kind: 'report',
    id: report.id,
    state: report.status,
    taskId: report.taskId,
    taskKey: row.taskKey,
    taskText: opening(row.taskText),
    unit: row.unitName,
    roundId: report.roundId,
    round: row.roundLabel,
    periodEnd: row.periodEnd,
    dueOn: row.dueOn,
    overdueDays: open ? daysLate(today, row.dueOn) : 0,
    comment,
    at: reportAt(report),
    action: { label, link: `/reports/${report.id}` },
  };
}

/** Returned first, then overdue and nearest due date, newest first within. */
function byUrgency(a: Item, b: Item): number {
  const returned = Number(b.state === 'returned' && b.kind === 'report') - Number(a.state === 'returned' && a.kind === 'report');
  if (returned !== 0) return returned;
  const due = (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31');
  if (due !== 0) return due;
  return b.at.localeCompare(a.at) || b.id - a.id;
}

const ACTIONABLE: readonly ReportStatus[] = ['draft', 'returned', 'approved', 'submitted'];
const HISTORY_SIZE = 100;
/** A desk reads at most this many open reports: far more than a unit or the office owes in the open rounds. */
const DESK_WINDOW = 5000;

export type DeskView = Static<typeof DeskSchema>;

/**
 * What awaits the actor, across reports (open rounds only), work plans,
 * extension requests and 指标调整, each with one action; the unit's history
 * (its reports of closed rounds and those already sent); the counts the menu
 * shows. A fixed number of queries whatever the plan's size.
 */
async function desk(db: Tx, actor: AuthActor, clock: Clock = systemClock): Promise<DeskView> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  const today = governmentDay(clock());
  const unitWork = actor.unitId !== null && (can(actor, 'report.draft.write') || can(actor, 'report.approve') || can(actor, 'report.submit'));
  const reviews = can(actor, 'report.review');
  const own = unitWork && actor.unitId !== null ? { unitId: actor.unitId } : {};
  const candidates =
    unitWork || reviews
      ? await deskReports(db, actor.governmentId, { ...own, statuses: unitWork ? ACTIONABLE : ['submitted'], openRounds: true, limit: DESK_WINDOW })
      : [];
  const past = unitWork ? await deskReports(db, actor.governmentId, { ...own, limit: HISTORY_SIZE + candidates.length }) : [];
  const tasks = await taskSubjects(
    db,
    actor.governmentId,
    [...candidates, ...past].map((r) => r.report.taskId),
  );
  const comments = await lastReturnComments(
    db,
    actor.governmentId,
    [...candidates, ...past].filter((r) => r.report.returnCount > 0).map((r) => r.report.id),
  );

  const items: Item[] = [];
  const onDesk = new Set<number>();
  for (const row of candidates) {
    const task = tasks.get(row.report.taskId);
    const label = task && mayRead(actor, row.report, task) ? reportAction(actor, row, task) : null;
    if (label === null) continue;
    onDesk.add(row.report.id);
    const comment = row.report.status === 'returned' ? (comments.get(row.report.id) ?? null) : null;
    items.push(reportItem(row, today, label, comment, true));
  }
  const history: Item[] = [];
  for (const row of past) {
    const task = tasks.get(row.report.taskId);
    if (onDesk.has(row.report.id) || !task || !mayRead(actor, row.report, task) || history.length === HISTORY_SIZE) continue;
    history.push(reportItem(row, today, '查看', row.report.status === 'returned' ? (comments.get(row.report.id) ?? null) : null, false));
  }

  const decisions: Item[] = [];
  if (can(actor, 'workplan.decide') || can(actor, 'extension.decide') || can(actor, 'target.decide')) {
    const plans = can(actor, 'workplan.decide') ? await awaitingMe(db, actor) : [];
    const pending = can(actor, 'extension.decide') ? await listExtensions(db, actor.governmentId, { status: 'pending' }) : [];
    const extensionTasks = await taskSubjects(
      db,
      actor.governmentId,
      pending.map((x) => x.taskId),
    );
    const extensions = pending.filter((x) => {
      const task = extensionTasks.get(x.taskId);
      return task !== undefined && can(actor, 'extension.decide', extensionWork(x, task));
    });
    const changes = can(actor, 'target.decide') ? await listTargetChanges(db, actor, { awaiting: 'me' }) : [];
    const texts = await deskTasks(db, actor.governmentId, [...plans.map((p) => p.taskId), ...extensions.map((x) => x.taskId), ...changes.map((c) => c.taskId)]);
    const unitIds = [...plans.map((p) => p.unitId), ...extensions.map((x) => x.unitId)];
    const units = await deskUnitNames(db, actor.governmentId, unitIds);
    const base = (taskId: number, unitId: number | null) => ({
      taskId,
      taskKey: texts.get(taskId)?.key ?? '',
      taskText: opening(texts.get(taskId)?.text ?? ''),
      unit: unitId === null ? null : (units.get(unitId) ?? null),
      roundId: null,
      round: null,
      periodEnd: null,
      dueOn: null,
      overdueDays: 0,
      comment: null,
    });
    for (const p of plans) {
      decisions.push({
        ...base(p.taskId, p.unitId),
        kind: 'workplan',
        id: p.id,
        state: p.status,
        at: p.submittedAt ?? p.createdAt,
        action: { label: '批准或退回', link: `/tasks/${p.taskId}/workplan` },
      });
    }
    for (const x of extensions) {
      decisions.push({
        ...base(x.taskId, x.unitId),
        kind: 'extension',
        id: x.id,
        state: x.status,
        at: x.createdAt,
        action: { label: '决定延期', link: '/decisions' },
      });
    }
    for (const c of changes) {
      decisions.push({
        ...base(c.taskId, null),
        kind: 'target_change',
        id: c.id,
        state: c.status,
        at: c.createdAt,
        action: { label: '决定指标调整', link: '/decisions' },
      });
    }
  }

  const all = [...items, ...decisions].sort(byUrgency);
  const reviewing = items.filter((i) => i.state === 'submitted').length;
  return {
    items: all,
    history,
    counts: {
      total: all.length,
      returned: all.filter((i) => i.kind === 'report' && i.state === 'returned').length,
      overdue: all.filter((i) => i.overdueDays > 0).length,
      my: items.length - reviewing,
      review: reviewing,
      decisions: decisions.length,
    },
  };
}

export const deskService = { awaitingMe, events, desk };
