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
import type { Milestone, Measure } from '../../domain/completion.js';
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
import { owedReports } from '../report/report-due.repository.js';
import { loadPlanSettings } from '../settings/settings.repository.js';
import type { LedgerTask } from '../task/task.model.js';
import { listTasks } from '../task/task.repository.js';
import { taskSubject } from '../task/task.access.js';
import { approvedPlansOf, type ApprovedPlan } from '../workplan/approved-plans.repository.js';
import { checkedDate, dayBefore } from './calendar.js';
import {
  findPlanRef,
  latestRatings,
  latestValues,
  lightHistories,
  lightHistory,
  reachedMilestones,
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
  /** The plan's active and completed tasks, in notice order. */
  tasks: LedgerTask[];
  values: Map<number, LatestValue>;
  ratings: Map<number, LatestRating>;
  approved: Map<number, ApprovedPlan>;
  reached: Map<number, string>;
}

/** The lights of the plan's active and completed tasks on `asOf`. No authorization: callers check (or are the system). */
export async function planStatus(db: Tx, governmentId: number, planId: number, asOf: string): Promise<PlanStatus> {
  const plan = await findPlanRef(db, governmentId, planId);
  if (!plan) throw notFound('分解方案');
  return (await evaluatePlan(db, governmentId, plan, checkedDate(asOf))).status;
}

/** planStatus with its inputs; `taskId` narrows it to one task. */
export async function evaluatePlan(
  db: Tx,
  governmentId: number,
  plan: PlanRef,
  asOf: IsoDate,
  taskId?: number,
): Promise<{ status: PlanStatus; inputs: StatusInputs }> {
  const period = yearPeriod(plan.year);
  const rules = { ...statusRulesOf((await loadPlanSettings(db, governmentId, plan.id)).settings), period };
  const scope = taskId === undefined ? { planId: plan.id } : { planId: plan.id, taskId };
  const tasks = await listTasks(db, governmentId, scope);
  const taskIds = tasks.map((t) => t.id);
  const values = await latestValues(db, governmentId, scope);
  const ratings = await latestRatings(db, governmentId, scope);
  const approved = await approvedPlansOf(db, governmentId, taskIds);
  const reached = await reachedMilestones(
    db,
    governmentId,
    [...approved.values()].flatMap((p) => p.milestones.map((m) => m.id)),
  );
  const owed = await owedReports(db, governmentId, { planId: plan.id, dueOnOrBefore: dayBefore(asOf), ...(taskId === undefined ? {} : { taskIds: [taskId] }) });
  const overdue = new Set(owed.filter((o) => o.role === 'host').map((o) => o.taskId));
  const overdueOf = byTask(owed.filter((o) => o.role === 'host'));
  const ordersOf = byTask(
    (await openOrdersOn(db, governmentId, scope, asOf)).map((o) => ({
      taskId: o.taskId,
      number: orderNumber(o.planYear, o.serial),
      grade: o.grade,
      respondBy: o.respondBy,
    })),
  );

  const lights = tasks.map((task): TaskLight => {
    const plan = approved.get(task.id);
    const targets = task.targets.map((target): Measure => {
      const latest = values.get(target.id);
      return {
        target,
        actual: latest?.value ?? null,
        schedule: plan?.schedule.get(target.id) ?? null,
        // A row with a broken figure (written behind the application's back) marks this task, not the whole plan.
        dataError: (latest !== undefined && latest.value === null) || plan?.badValues.has(target.id) === true,
      };
    });
    const milestones = (approved.get(task.id)?.milestones ?? []).map((m): Milestone => ({ name: m.title, due: m.dueOn, reachedOn: reached.get(m.id) ?? null }));
    const completed = task.status === 'completed';
    // A completed task owes nothing more: reports left open for it are not overdue.
    const status = taskStatus(
      { targets, milestones, reportOverdue: !completed && overdue.has(task.id), confidence: ratings.get(task.id)?.confidence ?? null },
      asOf,
      rules,
    );
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
        targets: task.targets.map((target, i) => ({ ...target, actual: targets[i]?.actual ?? null })),
        overdueReports: (overdueOf.get(task.id) ?? []).map((o) => ({
          round: o.roundLabel,
          dueOn: o.dueOn,
          unit: task.hostUnits.find((u) => u.id === o.unitId)?.name ?? null,
        })),
        openOrders: ordersOf.get(task.id) ?? [],
        completed,
      }),
    };
  });
  return {
    status: { planId: plan.id, asOf, period, timeProgress: timeProgress(period, asOf), tasks: lights },
    inputs: { tasks, values, ratings, approved, reached },
  };
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
  const { status, inputs } = await evaluatePlan(db, actor.governmentId, plan, date, taskId);
  const light = status.tasks[0];
  if (!light) throw notFound('任务');
  return {
    task,
    asOf: date,
    period: status.period,
    timeProgress: status.timeProgress,
    light,
    values: inputs.values,
    rating: inputs.ratings.get(taskId) ?? null,
    approved: inputs.approved.get(taskId) ?? null,
    reached: inputs.reached,
    history: await lightHistory(db, actor.governmentId, taskId),
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
