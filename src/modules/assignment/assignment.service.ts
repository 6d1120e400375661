/**
 * Tasks handed down (下达) and their roll-up (汇总), ADR 0031.
 *
 * The office of a government hands one of its tasks to governments below it, optionally cutting each target
 * into shares (an increment or amount: the shares add up to the whole; a rate or level: one value per
 * government). Each lower government gets a task from above in its plan of the year (上级交办任务), linked to the
 * source, with its share as its own target; it gives the task to its units (PUT /api/tasks/:id/owners) and
 * reports on it through its own cycle. The upper office and leaders read, per assignment, what the lower
 * government had accepted on a date: never anything unaccepted, never a sibling's data. Every write locks the
 * governments it touches in id order and leaves an audit row in each government's own chain.
 */
import type { Static } from 'typebox';
import type { Actor } from '../../domain/actor.js';
import { completionOf, defaultCombine } from '../../domain/completion.js';
import { descendantIds } from '../../domain/government-tree.js';
import type { Light } from '../../domain/status.js';
import { lockForChange } from '../../store/locks.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { atomically, changing, type Clock } from '../../store/unit-of-work.js';
import { appendAudit } from '../audit/audit.repository.js';
import { authorize, type AuthActor } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import { AppError, badRequest, notFound, versionConflict } from '../errors.js';
import { listGovernments, type GovernmentNode } from '../government/government.repository.js';
import { listLeaders } from '../leader/leader.repository.js';
import { notify } from '../notification/notification.service.js';
import { officeContacts, shortTitle } from '../notification/notification-recipients.repository.js';
import { refuseIfArchived } from '../plan/plan-archive.service.js';
import { findPlanRef, insertPlan } from '../plan/plan.repository.js';
import { dayEndInstant, checkedDate } from '../status/calendar.js';
import { keptLightsOf } from '../dashboard/dashboard.service.js';
import { evaluatePlan, type StatusInputs, type TaskLight } from '../status/status.service.js';
import { deleteTaskLeaders, deleteTaskUnits, insertTaskLeaders, insertTaskUnits } from '../task/task-details.repository.js';
import { taskSubject } from '../task/task.access.js';
import { taskKey, type LedgerTask, type StoredTarget } from '../task/task.model.js';
import { presentTask, type TaskView } from '../task/task.presenter.js';
import { insertTasks, listTasks } from '../task/task.repository.js';
import { bumpTaskVersion } from './assignment-task.repository.js';
import { listUnits } from '../unit/unit.repository.js';
import {
  assignmentsBy,
  assignmentsOfTask,
  assignmentsTo,
  insertAssignment,
  insertShareTargets,
  lastAcceptedReports,
  linksOf,
  markFromAbove,
  nextNumber,
  planOfYear,
  sectionFromAbove,
  sourceTargetsOf,
  type AssignmentRow,
} from './assignment.repository.js';
import type {
  AssignedTasksSchema,
  AssignmentBody,
  AssignmentListSchema,
  GovernmentListSchema,
  GovernmentRollupSchema,
  OwnersBody,
  RollupItemSchema,
  RollupSchema,
} from './assignment.schema.js';
import { visibleGovernments } from '../government/government-tree.service.js';

export type AssignmentInput = Static<typeof AssignmentBody>;
export type AssignmentList = Static<typeof AssignmentListSchema>;
export type Rollup = Static<typeof RollupSchema>;
export type RollupItem = Static<typeof RollupItemSchema>;
export type GovernmentRollup = Static<typeof GovernmentRollupSchema>;
export type AssignedTasks = Static<typeof AssignedTasksSchema>;
export type OwnersInput = Static<typeof OwnersBody>;

/** The section of a lower plan that holds the tasks from above, and its title. */
export const FROM_ABOVE_SECTION = '上级交办';
const FROM_ABOVE_TITLE = '上级交办任务';

export async function listVisibleGovernments(db: Tx, actor: Actor): Promise<Static<typeof GovernmentListSchema>> {
  const items = await visibleGovernments(db, actor);
  return { items: items.map(({ id, name, parentId }) => ({ id, name, parentId })) };
}

async function ownTask(db: Tx, actor: AuthActor, taskId: number): Promise<LedgerTask> {
  const [task] = await listTasks(db, actor.governmentId, { taskId, includeRemoved: true });
  if (!task) throw notFound('任务');
  return task;
}

const roundFigure = (n: number): number => Math.round(n * 1e9) / 1e9;
const figureText = (n: number): string => String(roundFigure(n));

/**
 * The shares given, checked: targets of the task, governments assigned, each pair once; a target cut for one
 * government is cut for all; the shares of a target whose units' figures add up add up to its value.
 */
function checkShares(task: LedgerTask, governments: readonly GovernmentNode[], shares: AssignmentInput['shares']): Map<number, Map<number, number>> {
  const byTarget = new Map<number, Map<number, number>>();
  const targets = new Map(task.targets.map((t) => [t.id, t]));
  const names = new Map(governments.map((g) => [g.id, g.name]));
  for (const share of shares ?? []) {
    const target = targets.get(share.targetId);
    if (!target) throw badRequest(`指标 #${share.targetId} 不是本任务的指标`, 'unknown_target');
    if (!names.has(share.governmentId)) throw badRequest(`政府 #${share.governmentId} 不在这次交办的政府之中`, 'invalid_share');
    const row = byTarget.get(target.id) ?? new Map<number, number>();
    if (row.has(share.governmentId)) throw badRequest(`指标“${target.text}”给${names.get(share.governmentId)}的数值重复`, 'invalid_share');
    row.set(share.governmentId, share.value);
    byTarget.set(target.id, row);
  }
  for (const [targetId, row] of byTarget) {
    const target = targets.get(targetId) as StoredTarget;
    const missing = governments.filter((g) => !row.has(g.id)).map((g) => g.name);
    if (missing.length > 0) throw badRequest(`指标“${target.text}”已分解，但没有给${missing.join('、')}分配数值`, 'shares_incomplete');
    if (target.combine === 'sum' && target.value !== null) {
      const total = roundFigure([...row.values()].reduce((a, b) => a + b, 0));
      const tolerance = 1e-6 * Math.max(1, Math.abs(target.value));
      if (Math.abs(total - target.value) > tolerance) {
        const unit = target.unit ?? '';
        throw badRequest(
          `指标“${target.text}”各政府分得的数值合计 ${figureText(total)}${unit}，与本级的 ${figureText(target.value)}${unit} 不符（${total < target.value ? '少' : '多'} ${figureText(Math.abs(total - target.value))}${unit}），请调整后再交办`,
          'shares_do_not_add_up',
        );
      }
    }
  }
  return byTarget;
}

/** The target text of a share: the upper wording, with this government's number beside it. */
function shareText(target: StoredTarget, value: number | null): string {
  if (value === null || value === target.value) return target.text;
  return `${target.text}（本级分解：${figureText(value)}${target.unit ?? ''}）`;
}

/**
 * Hands the task down to the governments named (below the caller's), with the shares of its targets. All or
 * nothing: any refusal leaves every government's data as it was.
 */
export async function assignTask(db: Tx, actor: AuthActor, taskId: number, input: AssignmentInput, clock?: Clock): Promise<AssignmentList> {
  const gov = actor.governmentId;
  // The task first: another government's task is not found, whatever the body names.
  authorize(actor, 'task.assign', taskSubject(await ownTask(db, actor, taskId), gov));
  const all = await listGovernments(db);
  const below = new Set(descendantIds(all, gov));
  const ids = [...new Set(input.governmentIds)];
  const chosen = ids.map((id) => {
    const g = all.find((x) => x.id === id);
    if (!g || !below.has(id)) throw badRequest(`政府 #${id} 不是本级以下的政府：只能交办给下级政府`, 'not_lower_government');
    return g;
  });
  return atomically(db, async (trx) => {
    for (const id of [gov, ...ids].sort((a, b) => a - b)) await lockForChange(trx, id);
    const task = await ownTask(trx, actor, taskId);
    await refuseIfArchived(trx, gov, 'task', taskId);
    if (task.status !== 'active') throw new AppError(409, 'task_not_active', '只有在办的任务可以交办（已销号或已删除的任务不能交办）');
    const existing = await assignmentsOfTask(trx, gov, taskId);
    const again = chosen.filter((g) => existing.some((a) => a.assigneeGovernmentId === g.id));
    if (again.length > 0) throw new AppError(409, 'already_assigned', `本任务已交办给${again.map((g) => g.name).join('、')}，不能重复交办`);
    const shares = checkShares(task, chosen, input.shares);
    const plan = await findPlanRef(trx, gov, task.planId);
    if (!plan) throw notFound('分解方案');
    const upperName = all.find((g) => g.id === gov)?.name ?? '';
    const now = nowIso(clock);
    const made: { governmentId: number; name: string; taskId: number; assignmentId: number }[] = [];
    for (const lower of chosen) {
      const lowerActor: Actor = { ...actor, governmentId: lower.id, unitId: null, leaderId: null };
      let planId = await planOfYear(trx, lower.id, plan.year);
      if (planId === undefined) {
        const header = { docNumber: null, year: plan.year, title: `${plan.year}年${FROM_ABOVE_TITLE}`, issuer: upperName || null, issuedOn: null };
        planId = await insertPlan(trx, lower.id, header, now);
        await appendAudit(trx, lowerActor, { action: 'plan.create_for_assignments', objectType: 'plan', objectId: planId, before: null, after: header }, clock);
      }
      const sectionId = await sectionFromAbove(trx, lower.id, planId, FROM_ABOVE_SECTION, FROM_ABOVE_TITLE);
      const number = await nextNumber(trx, sectionId);
      const key = taskKey(FROM_ABOVE_SECTION, number);
      const row = { sectionId, key, number, text: task.text, deadline: task.deadline, deadlineText: task.deadlineText, hostSignal: 'none' as const };
      const lowerTaskId = (await insertTasks(trx, lower.id, planId, [row], now)).get(key);
      if (lowerTaskId === undefined) throw new Error('交办任务写入失败');
      await markFromAbove(trx, lowerTaskId, { taskId: task.id, governmentId: gov });
      const targetShares = task.targets.map((t) => {
        const value = shares.get(t.id)?.get(lower.id) ?? t.value;
        return { source: t, value, text: shareText(t, value) };
      });
      await insertShareTargets(trx, lower.id, planId, lowerTaskId, targetShares, now);
      const assignmentId = await insertAssignment(trx, {
        governmentId: gov,
        sourceTaskId: task.id,
        assigneeGovernmentId: lower.id,
        taskId: lowerTaskId,
        createdBy: actor.userId,
        createdAt: now,
      });
      await appendAudit(
        trx,
        lowerActor,
        {
          action: 'task.receive',
          objectType: 'task',
          objectId: lowerTaskId,
          before: null,
          after: {
            assignmentId,
            from: { governmentId: gov, governmentName: upperName, taskId: task.id, key: task.key },
            key,
            text: task.text,
            deadline: task.deadline,
            targets: targetShares.map((s) => ({ sourceTargetId: s.source.id, value: s.value })),
          },
        },
        clock,
      );
      const office = await officeContacts(trx, lower.id);
      if (office.length > 0) {
        await notify(
          trx,
          lower.id,
          office,
          {
            kind: 'task_assigned',
            title: `${upperName || '上级政府'}交办任务`,
            body: `${shortTitle(task.text)}：请明确主办单位和牵头领导，按期报送进展`,
            objectType: 'task',
            objectId: lowerTaskId,
            dedupeKey: `assigned:${assignmentId}`,
          },
          now,
        );
      }
      made.push({ governmentId: lower.id, name: lower.name, taskId: lowerTaskId, assignmentId });
    }
    await appendAudit(
      trx,
      actor,
      {
        action: 'task.assign',
        objectType: 'task',
        objectId: task.id,
        before: { assignedTo: existing.map((a) => a.assigneeGovernmentId) },
        after: {
          assignments: made,
          shares: [...shares].map(([targetId, row]) => ({ targetId, values: [...row].map(([governmentId, value]) => ({ governmentId, value })) })),
        },
      },
      clock,
    );
    return assignmentList(trx, gov, task.id);
  });
}

async function assignmentList(db: Tx, governmentId: number, taskId: number): Promise<AssignmentList> {
  const rows = await assignmentsOfTask(db, governmentId, taskId);
  const shares = await sharesOf(db, rows);
  return {
    items: rows.map((a) => ({
      id: a.id,
      sourceTaskId: a.sourceTaskId,
      governmentId: a.assigneeGovernmentId,
      governmentName: a.assigneeGovernmentName,
      taskId: a.taskId,
      createdAt: a.createdAt,
      shares: shares.get(a.taskId) ?? [],
    })),
  };
}

/** Each lower task's shares: the upper target and the value given, as the lower target stands now. */
async function sharesOf(db: Tx, rows: readonly AssignmentRow[]): Promise<Map<number, { targetId: number; value: number | null }[]>> {
  const out = new Map<number, { targetId: number; value: number | null }[]>();
  const byGovernment = new Map<number, number[]>();
  for (const a of rows) byGovernment.set(a.assigneeGovernmentId, [...(byGovernment.get(a.assigneeGovernmentId) ?? []), a.taskId]);
  for (const [governmentId, taskIds] of byGovernment) {
    const sources = await sourceTargetsOf(db, taskIds);
    for (const t of await listTasks(db, governmentId, { taskIds, includeRemoved: true })) {
      out.set(
        t.id,
        t.targets.flatMap((target) => {
          const source = sources.get(target.id);
          return source === undefined ? [] : [{ targetId: source, value: target.value }];
        }),
      );
    }
  }
  return out;
}

export async function listTaskAssignments(db: Tx, actor: AuthActor, taskId: number): Promise<AssignmentList> {
  const task = await ownTask(db, actor, taskId);
  authorize(actor, 'assignment.read', taskSubject(task, actor.governmentId));
  return assignmentList(db, actor.governmentId, taskId);
}

/** The lights and inputs of the lower plans the assignments' tasks (and the tasks linked to them) stand in. */
interface Evaluated {
  lights: Map<number, TaskLight>;
  inputs: Map<number, StatusInputs>;
}

async function evaluateLower(db: Tx, wanted: readonly { governmentId: number; taskId: number }[], asOf: string): Promise<Map<number, Evaluated>> {
  const byGovernment = new Map<number, number[]>();
  for (const w of wanted) byGovernment.set(w.governmentId, [...(byGovernment.get(w.governmentId) ?? []), w.taskId]);
  const out = new Map<number, Evaluated>();
  for (const [governmentId, taskIds] of byGovernment) {
    const evaluated: Evaluated = { lights: new Map(), inputs: new Map() };
    const tasks = await listTasks(db, governmentId, { taskIds, includeRemoved: true });
    for (const planId of new Set(tasks.map((t) => t.planId))) {
      const plan = await findPlanRef(db, governmentId, planId);
      if (!plan) continue;
      const { status, inputs } = await evaluatePlan(db, governmentId, plan, checkedDate(asOf));
      for (const light of status.tasks) {
        evaluated.lights.set(light.taskId, light);
        evaluated.inputs.set(light.taskId, inputs);
      }
    }
    out.set(governmentId, evaluated);
  }
  return out;
}

const LIGHT_ORDER: Record<Light, number> = { none: 0, green: 1, yellow: 2, red: 3 };

/** The assignment's light: the worst of the task from above and the tasks linked to it that have one. */
const worst = (lights: readonly Light[]): Light => lights.reduce<Light>((a, b) => (LIGHT_ORDER[b] > LIGHT_ORDER[a] ? b : a), 'none');

async function rollupItems(db: Tx, rows: readonly AssignmentRow[], asOf: string): Promise<Map<number, RollupItem>> {
  const links = await linksOf(
    db,
    rows.map((a) => a.id),
  );
  const wanted = [
    ...rows.map((a) => ({ governmentId: a.assigneeGovernmentId, taskId: a.taskId })),
    ...links.flatMap((l) => {
      const a = rows.find((r) => r.id === l.assignmentId);
      return a ? [{ governmentId: a.assigneeGovernmentId, taskId: l.taskId }] : [];
    }),
  ];
  const evaluated = await evaluateLower(db, wanted, asOf);
  const end = dayEndInstant(checkedDate(asOf));
  const out = new Map<number, RollupItem>();
  const byGovernment = new Map<number, AssignmentRow[]>();
  for (const a of rows) byGovernment.set(a.assigneeGovernmentId, [...(byGovernment.get(a.assigneeGovernmentId) ?? []), a]);
  for (const [governmentId, own] of byGovernment) {
    const e: Evaluated = evaluated.get(governmentId) ?? { lights: new Map(), inputs: new Map() };
    const ownLinks = links.filter((l) => own.some((a) => a.id === l.assignmentId));
    const tasks = new Map(
      (await listTasks(db, governmentId, { taskIds: [...own.map((a) => a.taskId), ...ownLinks.map((l) => l.taskId)], includeRemoved: true })).map((t) => [
        t.id,
        t,
      ]),
    );
    const reports = await lastAcceptedReports(
      db,
      governmentId,
      own.map((a) => a.taskId),
      end,
    );
    const sources = await sourceTargetsOf(
      db,
      own.map((a) => a.taskId),
    );
    for (const a of own) {
      const light = e.lights.get(a.taskId);
      const inputs = e.inputs.get(a.taskId);
      // The targets as they stood on the date (a share given after it is not there yet).
      const thenTask = inputs?.tasks.find((t) => t.id === a.taskId);
      const targets = (thenTask?.targets ?? []).flatMap((t) => {
        const sourceTargetId = sources.get(t.id);
        if (sourceTargetId === undefined) return [];
        const value = inputs?.values.get(t.id)?.value ?? null;
        const completion = completionOf(t, value);
        return [{ sourceTargetId, targetId: t.id, share: t.value, value, completion: completion.state === 'share' ? roundFigure(completion.share) : null }];
      });
      const shares = targets.flatMap((t) => (t.completion === null ? [] : [t.completion]));
      const linked = ownLinks
        .filter((l) => l.assignmentId === a.id)
        .flatMap((l) => {
          const t = tasks.get(l.taskId);
          return t ? [{ taskId: t.id, key: t.key, text: t.text, light: e.lights.get(t.id)?.light ?? 'none' }] : [];
        });
      const report = reports.get(a.taskId);
      const task = tasks.get(a.taskId);
      out.set(a.id, {
        governmentId,
        governmentName: a.assigneeGovernmentName,
        taskId: a.taskId,
        light: worst([light?.light ?? 'none', ...linked.map((l) => l.light)]),
        completion: shares.length === 0 ? null : roundFigure(shares.reduce((x, y) => x + y, 0) / shares.length),
        // As it stood on the date: completed only when completed by then (evaluatePlan).
        status: thenTask?.status ?? task?.status ?? 'active',
        lastReport: report
          ? {
              reportId: report.reportId,
              periodEnd: report.periodEnd,
              acceptedAt: report.acceptedAt,
              confidence: report.confidence === 'on_track' || report.confidence === 'at_risk' || report.confidence === 'off_track' ? report.confidence : null,
              progress: report.progress,
            }
          : null,
        targets,
        linkedTasks: linked,
      });
    }
  }
  return out;
}

/** GET /api/tasks/:id/rollup: each lower government's light, completion and last accepted report, and each target's total. */
export async function taskRollup(db: Tx, actor: AuthActor, taskId: number, asOf: string): Promise<Rollup> {
  const task = await ownTask(db, actor, taskId);
  authorize(actor, 'assignment.read', taskSubject(task, actor.governmentId));
  const date = checkedDate(asOf);
  const rows = await assignmentsOfTask(db, actor.governmentId, taskId);
  const items = await rollupItems(db, rows, date);
  const listed = rows.flatMap((a) => {
    const item = items.get(a.id);
    return item ? [item] : [];
  });
  return {
    taskId,
    asOf: date,
    items: listed,
    targets: task.targets.map((t) => {
      const parts = listed.flatMap((i) => i.targets.filter((x) => x.sourceTargetId === t.id));
      const combine = t.combine ?? defaultCombine(t);
      const sum = (values: (number | null)[]): number | null => {
        const known = values.filter((v): v is number => v !== null);
        return known.length === 0 ? null : roundFigure(known.reduce((x, y) => x + y, 0));
      };
      return {
        targetId: t.id,
        text: t.text,
        metric: t.metric,
        unit: t.unit,
        value: t.value,
        combine,
        // A target handed down whole to several governments was not split: its shares have no total to show.
        sharesTotal: combine === 'sum' && !(parts.length > 1 && parts.every((p) => p.share === t.value)) ? sum(parts.map((p) => p.share)) : null,
        combined: combine === 'sum' ? sum(parts.map((p) => p.value)) : null,
      };
    }),
  };
}

/** The governments below the caller's that have tasks from it, each with its lights counted (the dashboard's roll-up). */
export async function governmentRollup(db: Tx, actor: AuthActor, asOf: string): Promise<GovernmentRollup> {
  authorize(actor, 'assignment.read', governmentSubject(actor.governmentId));
  const date = checkedDate(asOf);
  const rows = await assignmentsBy(db, actor.governmentId);
  // The lower governments' kept dashboards (ADR 0033): a handful of queries however many governments are below.
  const links = await linksOf(
    db,
    rows.map((a) => a.id),
  );
  const lights = await keptLightsOf(db, [...rows.map((a) => a.taskId), ...links.map((l) => l.taskId)], date);
  const linkedTo = new Map<number, number[]>();
  for (const l of links) linkedTo.set(l.assignmentId, [...(linkedTo.get(l.assignmentId) ?? []), l.taskId]);
  const parents = new Map((await listGovernments(db)).map((g) => [g.id, g.parentId]));
  const counts = new Map<number, GovernmentRollup['items'][number]>();
  for (const a of rows) {
    // Not counted on the date (removed from the lower plan): no light, as the task's own roll-up shows it.
    const own = lights.get(a.taskId) ?? { light: 'none' as const, completed: false };
    const linked = (linkedTo.get(a.id) ?? []).flatMap((id) => {
      const l = lights.get(id);
      return l ? [l.light] : [];
    });
    const item = { light: worst([own.light, ...linked]), status: own.completed ? 'completed' : 'active' };
    const c = counts.get(a.assigneeGovernmentId) ?? {
      governmentId: a.assigneeGovernmentId,
      governmentName: a.assigneeGovernmentName,
      parentId: parents.get(a.assigneeGovernmentId) ?? null,
      tasks: 0,
      completed: 0,
      lights: { green: 0, yellow: 0, red: 0, none: 0 },
    };
    c.tasks += 1;
    if (item.status === 'completed') c.completed += 1;
    c.lights[item.light] += 1;
    counts.set(a.assigneeGovernmentId, c);
  }
  return { asOf: date, items: [...counts.values()] };
}

/** GET /api/governments/:id/assigned: the tasks the caller's government handed to one government below it. */
export async function assignedTasks(db: Tx, actor: AuthActor, governmentId: number, asOf: string): Promise<AssignedTasks> {
  authorize(actor, 'assignment.read', governmentSubject(actor.governmentId));
  const all = await listGovernments(db);
  const lower = all.find((g) => g.id === governmentId);
  // A government not below the caller's is answered as one that does not exist: siblings are not told apart.
  if (!lower || !descendantIds(all, actor.governmentId).includes(governmentId)) throw notFound('下级政府');
  const date = checkedDate(asOf);
  const rows = await assignmentsTo(db, governmentId, [actor.governmentId]);
  const items = await rollupItems(db, rows, date);
  const sources = new Map((await listTasks(db, actor.governmentId, { taskIds: rows.map((a) => a.sourceTaskId), includeRemoved: true })).map((t) => [t.id, t]));
  return {
    asOf: date,
    governmentId,
    governmentName: lower.name,
    items: rows.flatMap((a) => {
      const rollup = items.get(a.id);
      const source = sources.get(a.sourceTaskId);
      return rollup && source ? [{ sourceTaskId: a.sourceTaskId, sourceKey: source.key, text: source.text, rollup }] : [];
    }),
  };
}

/**
 * The lower office gives a task from above to its own units and leaders (承接): the one part of it that is the
 * lower government's to decide. Versioned, audited. A government's own tasks keep the notice's owners.
 */
export async function setTaskOwners(db: Tx, actor: AuthActor, taskId: number, input: OwnersInput, clock?: Clock): Promise<TaskView> {
  const gov = actor.governmentId;
  return changing(db, gov, async (trx) => {
    const task = await ownTask(trx, actor, taskId);
    authorize(actor, 'task.update', taskSubject(task, gov));
    if (!task.source) throw new AppError(409, 'not_from_above', '只有上级交办的任务在这里确定主办单位和牵头领导；本级任务以分解通知为准');
    await refuseIfArchived(trx, gov, 'task', taskId);
    if (task.status === 'removed') throw new AppError(409, 'task_closed', '该任务已删除');
    if (task.version !== input.version) throw versionConflict(presentTask(task));
    const units = new Map((await listUnits(trx, gov)).map((u) => [u.id, u]));
    const leaders = new Set((await listLeaders(trx, gov)).map((l) => l.id));
    for (const id of [...input.hostUnitIds, ...input.coUnitIds]) if (!units.has(id)) throw badRequest(`单位 #${id} 不存在`, 'unknown_unit');
    for (const id of input.leaderIds) if (!leaders.has(id)) throw badRequest(`领导 #${id} 不存在`, 'unknown_leader');
    const both = input.hostUnitIds.filter((id) => input.coUnitIds.includes(id));
    if (both.length > 0) throw badRequest(`${both.map((id) => units.get(id)?.name ?? `#${id}`).join('、')}不能既主办又协办`, 'invalid_owners');
    const now = nowIso(clock);
    const before = { leaders: task.leaders.map((l) => l.id), hostUnits: task.hostUnits.map((u) => u.id), coUnits: task.coUnits.map((u) => u.id) };
    const after = { leaders: [...input.leaderIds], hostUnits: [...input.hostUnitIds], coUnits: [...input.coUnitIds] };
    if (!(await bumpTaskVersion(trx, task, now, { actor, change: { action: 'task.owners', objectType: 'task', objectId: taskId, before, after } }))) {
      throw versionConflict(presentTask(await ownTask(db, actor, taskId)));
    }
    await deleteTaskLeaders(trx, taskId);
    await deleteTaskUnits(trx, taskId);
    const links = [{ taskId, leaderIds: input.leaderIds, hostUnitIds: input.hostUnitIds, coUnitIds: input.coUnitIds }];
    await insertTaskLeaders(trx, gov, links);
    await insertTaskUnits(trx, gov, links);
    return presentTask(await ownTask(trx, actor, taskId));
  });
}
