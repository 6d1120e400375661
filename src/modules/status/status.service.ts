/**
 * The lights of a plan's tasks on a date, from the aggregates the report steps
 * keep: the latest accepted value of each target (target_progress), the
 * approved work plans' schedules and milestones, the milestones reached in
 * accepted reports, the host reports owed past their due date, and the latest
 * accepted rating (task_progress). The computation itself is the domain's
 * (src/domain/lights.ts); docs/status-rules.md says where each input comes from.
 *
 * A fixed number of queries per call, whatever the number of tasks.
 */
import { taskStatus, type LightSource, type TaskStatus } from '../../domain/lights.js';
import { combinedFigure, type Milestone, type Measure, type UnitFigure } from '../../domain/completion.js';
import { DATA_ERROR_MESSAGE } from '../../domain/figures.js';
import { taskReasons, type Reason } from '../../domain/reasons.js';
import { statusRulesOf } from '../../domain/settings.js';
import type { IsoDate, Light, Period } from '../../domain/status.js';
import { timeProgress, yearPeriod } from '../../domain/time-progress.js';
import type { Tx } from '../../store/tx.js';
import type { AuthActor } from '../auth/authorize.js';
import { authorize } from '../auth/authorize.js';
import { AppError, notFound } from '../errors.js';
import { orderNumber } from '../order/order.model.js';
import { openOrdersOn } from '../order/order.repository.js';
import { loadPlanSettings } from '../settings/settings.repository.js';
import type { LedgerTask } from '../task/task.model.js';
import { listTasks } from '../task/task.repository.js';
import { taskSubject } from '../task/task.access.js';
import { approvedPlansOf, type ApprovedPlan } from '../workplan/approved-plans.repository.js';
import { checkedDate, dayEndInstant } from './calendar.js';
import {
  knownCompleted,
  knownOverdue,
  knownReachedMilestones,
  knownReports,
  knownValues,
  latestByUnit,
  targetOwners,
  targetsAsOf,
  type KnownReport,
  type KnownValue,
} from './known.repository.js';
import {
  findPlanRef,
  groupUnitIds,
  lightHistories,
  lightHistory,
  unitNamesOf,
  type LatestRating,
  type LatestValue,
  type LightRecord,
  type PlanRef,
} from './status.repository.js';

export interface TaskLight {
  taskId: number;
  key: string;
  sectionId: number | null;
  /** The task's light: the domain's, except that a completed task (销号) is green. */
  light: Light;
  source: LightSource;
  reportOverdue: boolean;
  confidenceConflict: boolean;
  /** The most any of its targets is behind, in percentage points (negative: ahead); null when none is compared. */
  behindPoints: number | null;
  /** The domain's full result from the task's figures. */
  status: TaskStatus;
  /** What the user is told when a stored figure of the task is broken; null when its figures are sound. */
  dataError: string | null;
  /** Why it has its light (src/domain/reasons.ts): the reasons of its light first. */
  reasons: Reason[];
}

export interface PlanStatus {
  planId: number;
  asOf: string;
  period: Period;
  timeProgress: number;
  tasks: TaskLight[];
}

/** What the lights were computed from, for those who show it beside them (dashboard, task detail). */
export interface StatusInputs {
  /**
   * The plan's active and completed tasks, in notice order, as they stood on
   * the date: their targets as they stood then, and completed only when
   * completed by then.
   */
  tasks: LedgerTask[];
  /** Each target's figure on the date: the combination of its units' latest figures (per unit: the one it is judged on). */
  values: Map<number, LatestValue>;
  /** Each target's latest figure from each unit, known on the date: target id → unit id → figure. */
  unitValues: Map<number, Map<number, KnownValue>>;
  /** Every accepted figure known on the date, oldest first (the task page's chart). */
  history: KnownValue[];
  ratings: Map<number, LatestRating>;
  approved: Map<number, ApprovedPlan>;
  reached: Map<number, string>;
  /** Host reports overdue on the date, by task. */
  overdue: Map<number, OverdueReport[]>;
}

export interface OverdueReport {
  taskId: number;
  unitId: number;
  unitName: string;
  roundId: number;
  dueOn: string;
  roundLabel: string;
}

export interface EvaluateOptions {
  /** One task only. */
  taskId?: number;
  /**
   * Read what was known before this instant instead of the end of `asOf`, and
   * only figures about periods ending by `asOf`: a round's close judges its
   * period end on the reports about it known at the close.
   */
  knownBefore?: string;
}

/** The lights of the plan's active and completed tasks on `asOf`. No authorization: callers check (or are the system). */
export async function planStatus(db: Tx, governmentId: number, planId: number, asOf: string, options: EvaluateOptions = {}): Promise<PlanStatus> {
  const plan = await findPlanRef(db, governmentId, planId);
  if (!plan) throw notFound('分解方案');
  return (await evaluatePlan(db, governmentId, plan, checkedDate(asOf), options)).status;
}

/**
 * planStatus with its inputs; `taskId` narrows it to one task. Everything is
 * read as it was known at the end of `asOf` (known.repository.ts): the lights
 * of a past date do not change when later months happen.
 */
export async function evaluatePlan(
  db: Tx,
  governmentId: number,
  plan: PlanRef,
  asOf: IsoDate,
  options: EvaluateOptions = {},
): Promise<{ status: PlanStatus; inputs: StatusInputs }> {
  const period = yearPeriod(plan.year);
  const rules = { ...statusRulesOf((await loadPlanSettings(db, governmentId, plan.id)).settings), period };
  const { taskId } = options;
  const scope = taskId === undefined ? { planId: plan.id } : { planId: plan.id, taskId };
  const end = options.knownBefore ?? dayEndInstant(asOf);
  const completedThen = await knownCompleted(db, governmentId, scope, end);
  const targetsThen = await targetsAsOf(db, governmentId, scope, end);
  const tasks = (await listTasks(db, governmentId, scope)).map((task): LedgerTask => ({
    ...task,
    // Completed after the date: it was still being worked on then.
    status: task.status === 'completed' && !completedThen.has(task.id) ? 'active' : task.status,
    targets: (targetsThen.get(task.id) ?? []).map(({ taskId: _t, owners: _o, ...target }) => target),
  }));
  const taskIds = tasks.map((t) => t.id);
  const known = await knownValues(db, governmentId, scope, end);
  const history = options.knownBefore === undefined ? known : known.filter((v) => v.periodEnd <= asOf);
  const unitValues = latestByUnit(history);
  const reports = await knownReports(db, governmentId, scope, end);
  const ratings = latestRatingsOf(options.knownBefore === undefined ? reports : reports.filter((r) => r.periodEnd <= asOf));
  const approved = await approvedPlansOf(db, governmentId, taskIds, end);
  const reached = await knownReachedMilestones(
    db,
    governmentId,
    [...approved.values()].flatMap((p) => p.milestones.map((m) => m.id)),
    end,
  );
  const overdue = new Map<number, OverdueReport[]>();
  for (const o of await knownOverdue(db, governmentId, scope, asOf, end)) overdue.set(o.taskId, [...(overdue.get(o.taskId) ?? []), o]);
  const ordersOf = byTask(
    (await openOrdersOn(db, governmentId, scope, asOf)).map((o) => ({
      taskId: o.taskId,
      number: orderNumber(o.planYear, o.serial),
      grade: o.grade,
      respondBy: o.respondBy,
    })),
  );
  const ownersNow = await targetOwners(
    db,
    governmentId,
    tasks.flatMap((t) => t.targets.map((x) => x.id)),
  );
  const groups = await groupUnitIds(db, governmentId);
  const values = new Map<number, LatestValue>();

  const lights = tasks.map((task): TaskLight => {
    const plan = approved.get(task.id);
    const ownersThen = new Map((targetsThen.get(task.id) ?? []).map((t) => [t.id, t.owners]));
    // The units that answer for the task as hosts: those it names, a host group's members in its place.
    const hosts = task.responsible.hosts.map((u) => u.id).filter((id) => !groups.has(id));
    const targets = task.targets.map((target): Measure => {
      const figures = unitValues.get(target.id) ?? new Map<number, KnownValue>();
      const owners = ownersThen.get(target.id) ?? ownersNow.get(target.id) ?? null;
      // Owners named: only theirs count. Shared: the task's host units and whoever reported for it.
      const unitIds = owners ?? [...new Set([...hosts, ...figures.keys()])];
      const units = unitIds.map((unitId): UnitFigure => {
        const v = figures.get(unitId);
        return { unitId, actual: v?.value ?? null, dataError: v !== undefined && v.value === null };
      });
      const reported = unitIds.flatMap((id) => {
        const v = figures.get(id);
        return v === undefined ? [] : [v];
      });
      const badPlan = plan?.badValues.has(target.id) === true;
      const schedule = plan?.schedule.get(target.id) ?? null;
      if (units.length <= 1) {
        const only = reported[0];
        if (only) values.set(target.id, { targetId: target.id, value: only.value, periodEnd: only.periodEnd, reportId: only.reportId });
        return { target, actual: only?.value ?? null, schedule, dataError: (only !== undefined && only.value === null) || badPlan };
      }
      const latest = reported.reduce<KnownValue | undefined>((a, b) => (a === undefined || later(b, a) ? b : a), undefined);
      if (latest)
        values.set(target.id, { targetId: target.id, value: combinedFigure(target.combine, units), periodEnd: latest.periodEnd, reportId: latest.reportId });
      return { target, actual: null, units, combine: target.combine, schedule, dataError: badPlan };
    });
    const milestones = (approved.get(task.id)?.milestones ?? []).map((m): Milestone => ({ name: m.title, due: m.dueOn, reachedOn: reached.get(m.id) ?? null }));
    const completed = task.status === 'completed';
    // A completed task owes nothing more: reports left open for it are not overdue.
    const status = taskStatus(
      { targets, milestones, reportOverdue: !completed && overdue.has(task.id), confidence: ratings.get(task.id)?.confidence ?? null },
      asOf,
      rules,
    );
    status.targets.forEach((t, i) => {
      // Judged per unit: the target's figure is the figure of the unit it is judged on.
      const target = task.targets[i];
      if (target === undefined || target.combine !== 'per_unit' || !t.units) return;
      const judged = t.units.find((u) => u.light === t.light && u.behindPoints === t.behindPoints) ?? t.units[0];
      const v = judged === undefined ? undefined : unitValues.get(target.id)?.get(judged.unitId);
      if (v) values.set(target.id, { targetId: target.id, value: v.value, periodEnd: v.periodEnd, reportId: v.reportId });
    });
    const behind = status.targets.flatMap((t) => (t.behindPoints === null ? [] : [t.behindPoints]));
    return {
      taskId: task.id,
      key: task.key,
      sectionId: task.section?.id ?? null,
      // 销号 is the office's judgment after review that the task is done: it outranks figures that may lag behind it.
      light: completed ? 'green' : status.light,
      source: completed && !status.dataError ? 'data' : status.source,
      reportOverdue: status.reportOverdue,
      confidenceConflict: !completed && status.confidenceConflict,
      behindPoints: behind.length === 0 ? null : Math.max(...behind),
      status,
      dataError: status.dataError ? DATA_ERROR_MESSAGE : null,
      reasons: taskReasons({
        status,
        targets: task.targets.map((target) => ({ ...target, actual: values.get(target.id)?.value ?? null })),
        overdueReports: (overdue.get(task.id) ?? []).map((o) => ({ round: o.roundLabel, dueOn: o.dueOn, unit: o.unitName })),
        openOrders: ordersOf.get(task.id) ?? [],
        completed,
      }),
    };
  });
  return {
    status: { planId: plan.id, asOf, period, timeProgress: timeProgress(period, asOf), tasks: lights },
    inputs: { tasks, values, unitValues, history, ratings, approved, reached, overdue },
  };
}

/** Of two figures, the one that counts: the later period, then the later acceptance. */
const later = (a: KnownValue, b: KnownValue): boolean => a.periodEnd > b.periodEnd || (a.periodEnd === b.periodEnd && a.acceptedAt > b.acceptedAt);

/** Each task's rating: that of its latest accepted host report (by period, then acceptance). */
function latestRatingsOf(reports: readonly KnownReport[]): Map<number, LatestRating> {
  const ratings = new Map<number, LatestRating>();
  for (const r of reports)
    ratings.set(r.taskId, {
      taskId: r.taskId,
      confidence: r.confidence,
      confidenceReason: r.confidenceReason,
      reportId: r.reportId,
      periodEnd: r.periodEnd,
      reportedAt: r.submittedAt,
      proposeComplete: r.proposeComplete,
    });
  return ratings;
}

/** Items grouped by their task. */
function byTask<T extends { taskId: number }>(items: readonly T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const list = map.get(item.taskId);
    if (list) list.push(item);
    else map.set(item.taskId, [item]);
  }
  return map;
}

export interface TaskStatusDetail {
  task: LedgerTask;
  asOf: string;
  period: Period;
  timeProgress: number;
  light: TaskLight;
  values: Map<number, LatestValue>;
  rating: LatestRating | null;
  approved: ApprovedPlan | null;
  reached: Map<number, string>;
  history: LightRecord[];
  /** Each target's latest figure from each unit, and every figure known on the date (oldest first). */
  unitValues: Map<number, Map<number, KnownValue>>;
  figures: KnownValue[];
  unitNames: Map<number, string>;
}

/** One task's light on `asOf`, what it was computed from, and its lights at the closes of past rounds. */
export async function taskStatusDetail(db: Tx, actor: AuthActor, taskId: number, asOf: string): Promise<TaskStatusDetail> {
  const [task] = await listTasks(db, actor.governmentId, { taskId, includeRemoved: true });
  if (!task) throw notFound('任务');
  authorize(actor, 'ledger.read', taskSubject(task, actor.governmentId));
  const date = checkedDate(asOf);
  if (task.status === 'removed') throw new AppError(409, 'task_removed', '该任务已不在现行分解方案中，不再计算红黄绿灯');
  const plan = await findPlanRef(db, actor.governmentId, task.planId);
  if (!plan) throw notFound('分解方案');
  const { status, inputs } = await evaluatePlan(db, actor.governmentId, plan, date, { taskId });
  const light = status.tasks[0];
  if (!light) throw notFound('任务');
  return {
    // The task as it stood on the date: its targets then, completed only if completed by then.
    task: inputs.tasks.find((t) => t.id === taskId) ?? task,
    asOf: date,
    period: status.period,
    timeProgress: status.timeProgress,
    light,
    values: inputs.values,
    rating: inputs.ratings.get(taskId) ?? null,
    approved: inputs.approved.get(taskId) ?? null,
    reached: inputs.reached,
    history: await lightHistory(db, actor.governmentId, taskId),
    unitValues: inputs.unitValues,
    figures: inputs.history,
    unitNames: await unitNamesOf(db, actor.governmentId, [
      ...light.status.targets.flatMap((t) => (t.units ?? []).map((u) => u.unitId)),
      ...inputs.history.map((v) => v.unitId),
    ]),
  };
}

/** Tasks asked for at once in GET /api/light-history. */
export const MAX_HISTORY_TASKS = 500;

/**
 * The lights of several tasks at the closes of past rounds (a leader's list of
 * tasks with their trends), in a fixed number of queries. Every task must
 * exist and be readable by the caller, or nothing is answered.
 */
export async function taskLightHistories(db: Tx, actor: AuthActor, taskIds: readonly number[]): Promise<{ taskId: number; history: LightRecord[] }[]> {
  const ids = [...new Set(taskIds)];
  if (ids.length > MAX_HISTORY_TASKS) throw new AppError(400, 'too_many_tasks', `一次最多查询 ${MAX_HISTORY_TASKS} 项任务`);
  const tasks = new Map((await listTasks(db, actor.governmentId, { taskIds: ids, includeRemoved: true })).map((t) => [t.id, t]));
  for (const id of ids) {
    const task = tasks.get(id);
    if (!task) throw notFound('任务');
    authorize(actor, 'ledger.read', taskSubject(task, actor.governmentId));
  }
  const histories = await lightHistories(db, actor.governmentId, ids);
  return ids.map((taskId) => ({ taskId, history: histories.get(taskId) ?? [] }));
}
