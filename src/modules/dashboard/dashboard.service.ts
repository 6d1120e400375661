/**
 * The dashboard (驾驶舱) of a plan on a date, read from what is kept of it
 * (ADR 0033): a snapshot per government, plan and date holds every task's
 * light and the counts over them, as of an audit row. A request reads the
 * snapshot and the pages it shows; when the government's audit log has moved
 * past the snapshot, the tasks the new rows touch are evaluated again (and the
 * units whose reports they are recounted) and the counts changed by them only.
 * A plan, round, schedule, setting or name change, or a long run of changes,
 * evaluates the plan once in full. Everything is as known at the end of the
 * date (status/known.repository.ts), so a past date's snapshot stays true.
 */
import type { IsoDate, Light, Period } from '../../domain/status.js';
import { timeProgress, yearPeriod } from '../../domain/time-progress.js';
import type { Clock } from '../../store/unit-of-work.js';
import { atomically } from '../../store/unit-of-work.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { auditHeadCache } from '../audit/head-cache.js';
import type { AuthActor } from '../auth/authorize.js';
import { authorize } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import { notFound } from '../errors.js';
import { listSections } from '../plan/plan.repository.js';
import { checkedDate, dayEndInstant, governmentDay, governmentToday } from '../status/calendar.js';
import { knownPunctuality } from '../status/known.repository.js';
import { findPlanRef, newestPlanRef, type PlanRef } from '../status/status.repository.js';
import { evaluatePlan } from '../status/status.service.js';
import {
  changedSummary,
  keptTask,
  summaryOf,
  viewOf,
  type DashboardView,
  type KeptBody,
  type KeptTask,
  type Paging,
  type Summary,
} from './dashboard-aggregate.js';
import {
  auditHeadSeq,
  auditHeadSeqs,
  allKept,
  keptLightsIn,
  plansOfTasks,
  snapshotHead,
  snapshotsOn,
  changesSince,
  findSnapshot,
  isTaskOwned,
  keptTasks,
  laggingPage,
  storeChanges,
  storeSnapshot,
  taskPage,
  tasksOfRows,
  type TaskOwnedType,
} from './dashboard.repository.js';
import { DASHBOARD_PAGES } from './dashboard.schema.js';

export type { DashboardView } from './dashboard-aggregate.js';

export interface DashboardQuery {
  /** Default: the newest plan (latest year, then the newest of that year). */
  planId?: number;
  /** Default: today in Asia/Shanghai. */
  asOf?: string;
  laggingOffset?: number;
  laggingLimit?: number;
  taskOffset?: number;
  taskLimit?: number;
  groupLimit?: number;
}

/** Audit rows caught up at most: past that, the plan is evaluated in full. */
const MAX_CHANGES = 200;
/** Tasks evaluated one by one at most: past that, the plan is evaluated in full (a fixed number of queries). */
const MAX_TASKS = 40;
/** Kinds of audit rows that change no light, count or punctuality (accounts, sessions, attachments, bulletins, the letterhead). */
const NO_EFFECT = new Set(['user', 'attachment', 'bulletin', 'government_profile']);

/** A kept dashboard: stored (`id`), or, when it could not be stored, its tasks in memory. */
interface Kept {
  id: number | undefined;
  headSeq: number;
  summary: Summary;
  tasks?: KeptTask[];
}

/** Answers by plan, date and pages, valid while the audit head is unchanged (several processes share the database). */
const answered = auditHeadCache<DashboardView>();
const lightLists = auditHeadCache<LightList>();

async function chosenPlan(db: Tx, actor: AuthActor, planId: number | undefined): Promise<PlanRef> {
  const plan = planId === undefined ? await newestPlanRef(db, actor.governmentId) : await findPlanRef(db, actor.governmentId, planId);
  if (!plan) throw notFound('分解方案');
  return plan;
}

/**
 * The database a dashboard is read from: the standby (store.replica) when
 * there is one and the snapshot kept there is as new as the standby's own
 * audit log, else the primary, which catches the snapshot up and keeps it
 * (the standby then receives it). Head and content come from the same one.
 */
async function readFrom(db: Tx, replica: Tx | undefined, governmentId: number, plan: PlanRef, asOf: IsoDate): Promise<Tx> {
  if (replica === undefined || replica === db) return db;
  const head = await auditHeadSeq(replica, governmentId);
  const stored = await findSnapshot(replica, governmentId, plan.id, asOf);
  return stored !== undefined && stored.headSeq >= head ? replica : db;
}

export async function dashboard(primary: Tx, actor: AuthActor, query: DashboardQuery, clock?: Clock, replica?: Tx): Promise<DashboardView> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  const asOf = checkedDate(query.asOf ?? governmentToday(clock));
  const plan = await chosenPlan(primary, actor, query.planId);
  const db = await readFrom(primary, replica, actor.governmentId, plan, asOf);
  const paging: Paging = {
    laggingOffset: query.laggingOffset ?? 0,
    laggingLimit: query.laggingLimit ?? DASHBOARD_PAGES.lagging.default,
    taskOffset: query.taskOffset ?? 0,
    taskLimit: query.taskLimit ?? DASHBOARD_PAGES.tasks.default,
    groupLimit: query.groupLimit ?? DASHBOARD_PAGES.groups.default,
  };
  const key = [plan.id, asOf, paging.laggingOffset, paging.laggingLimit, paging.taskOffset, paging.taskLimit, paging.groupLimit].join('/');
  return answered(db, actor.governmentId, key, async () => {
    const meta = metaOf(plan, asOf);
    for (let attempt = 0; ; attempt++) {
      const kept = await keptDashboard(db, actor.governmentId, plan, asOf, clock);
      if (kept.id === undefined) return inMemoryView(kept, meta, paging);
      const lagging = await laggingPage(db, kept.id, paging.laggingOffset, paging.laggingLimit);
      const page = await taskPage(db, kept.id, paging.taskOffset, paging.taskLimit);
      // The pages and the counts must be of the same state: read again if another request moved the snapshot meanwhile.
      if ((await snapshotHead(db, kept.id)) === kept.headSeq || attempt >= 2) return viewOf(kept.summary, meta, paging, lagging, page);
    }
  });
}

function metaOf(plan: PlanRef, asOf: IsoDate): { planId: number; asOf: IsoDate; period: Period; timeProgress: number } {
  const period = yearPeriod(plan.year);
  return { planId: plan.id, asOf, period, timeProgress: timeProgress(period, asOf) };
}

/** The view of a dashboard held in memory (not stored): its pages cut from its tasks, in the index's order. */
function inMemoryView(kept: Kept, meta: ReturnType<typeof metaOf>, paging: Paging): DashboardView {
  const tasks = kept.tasks ?? [];
  const lagging = tasks.filter((t) => t.lagSort < 9).sort((a, b) => a.lagSort - b.lagSort || a.lagBehind - b.lagBehind || a.position - b.position);
  const page = (list: KeptTask[], offset: number, limit: number): KeptBody[] => list.slice(offset, offset + limit).map((t) => t.body);
  return viewOf(kept.summary, meta, paging, page(lagging, paging.laggingOffset, paging.laggingLimit), page(tasks, paging.taskOffset, paging.taskLimit));
}

export interface LightList {
  planId: number;
  asOf: IsoDate;
  items: KeptBody['task'][];
}

/** Every task's light and its reasons on the date, in notice order (the ledger's lights column). */
export async function planLights(primary: Tx, actor: AuthActor, query: { planId?: number; asOf?: string }, clock?: Clock, replica?: Tx): Promise<LightList> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  const asOf = checkedDate(query.asOf ?? governmentToday(clock));
  const plan = await chosenPlan(primary, actor, query.planId);
  const db = await readFrom(primary, replica, actor.governmentId, plan, asOf);
  return lightLists(db, actor.governmentId, `${plan.id}/${asOf}`, async () => {
    const kept = await keptDashboard(db, actor.governmentId, plan, asOf, clock);
    const tasks = kept.id === undefined ? (kept.tasks ?? []) : await allKept(db, kept.id);
    return { planId: plan.id, asOf, items: tasks.map((t) => t.body.task) };
  });
}

/** Concurrent requests for the same snapshot share one computation. */
const inFlight = new WeakMap<object, Map<string, Promise<Kept>>>();

/**
 * The snapshot of the plan on the date, brought up to the government's audit
 * head: read as kept, caught up from the audit rows after it, or computed in
 * full. Also what the scheduler calls to have the day's snapshots ready.
 */
export function keptDashboard(db: Tx, governmentId: number, plan: PlanRef, asOf: IsoDate, clock?: Clock): Promise<Kept> {
  const running = inFlight.get(db) ?? new Map<string, Promise<Kept>>();
  inFlight.set(db, running);
  const key = `${governmentId}/${plan.id}/${asOf}`;
  const pending = running.get(key);
  if (pending) return pending;
  const work = bringUpToDate(db, governmentId, plan, asOf, clock).finally(() => running.delete(key));
  running.set(key, work);
  return work;
}

async function bringUpToDate(db: Tx, governmentId: number, plan: PlanRef, asOf: IsoDate, clock?: Clock): Promise<Kept> {
  const head = await auditHeadSeq(db, governmentId);
  const stored = await findSnapshot(db, governmentId, plan.id, asOf);
  if (stored && stored.headSeq >= head) return stored;
  if (stored) {
    const caught = await catchUp(db, governmentId, plan, asOf, stored, clock);
    if (caught) return caught;
  }
  return computeInFull(db, governmentId, plan, asOf, head, clock);
}

/** The tasks and units the audit rows after the snapshot touch; undefined when a row touches the plan as a whole. */
async function touchedBy(db: Tx, governmentId: number, fromSeq: number): Promise<{ headSeq: number; taskIds: number[]; unitIds: number[] } | undefined> {
  const changes = await changesSince(db, governmentId, fromSeq, MAX_CHANGES + 1);
  const last = changes.at(-1);
  if (last === undefined || changes.length > MAX_CHANGES) return undefined;
  const taskIds = new Set<number>();
  const unitIds = new Set<number>();
  const owned = new Map<TaskOwnedType, number[]>();
  for (const change of changes) {
    if (NO_EFFECT.has(change.objectType)) continue;
    const id = change.objectId === null ? Number.NaN : Number(change.objectId);
    if (!Number.isSafeInteger(id)) return undefined;
    if (change.objectType === 'task') taskIds.add(id);
    else if (isTaskOwned(change.objectType)) owned.set(change.objectType, [...(owned.get(change.objectType) ?? []), id]);
    else return undefined;
  }
  for (const [type, ids] of owned)
    for (const row of await tasksOfRows(db, governmentId, type, ids)) {
      taskIds.add(row.taskId);
      if (row.unitId !== null) unitIds.add(row.unitId);
    }
  if (taskIds.size > MAX_TASKS) return undefined;
  return { headSeq: last.seq, taskIds: [...taskIds], unitIds: [...unitIds] };
}

async function catchUp(db: Tx, governmentId: number, plan: PlanRef, asOf: IsoDate, stored: Kept & { id: number }, clock?: Clock): Promise<Kept | undefined> {
  const touched = await touchedBy(db, governmentId, stored.headSeq);
  if (!touched) return undefined;
  const before = await keptTasks(db, stored.id, touched.taskIds);
  const positions = new Map(before.map((t) => [t.taskId, t.position]));
  const after: KeptTask[] = [];
  for (const taskId of touched.taskIds) {
    const { status, inputs } = await evaluatePlan(db, governmentId, plan, asOf, { taskId });
    const light = status.tasks[0];
    if (light === undefined) continue;
    const position = positions.get(taskId);
    // A task new to the plan's list: its place in the notice order is the plan's to say.
    if (position === undefined) return undefined;
    after.push(keptTask(light, inputs.tasks[0], inputs.values, position));
  }
  const punctuality =
    touched.unitIds.length === 0 ? [] : await knownPunctuality(db, governmentId, plan.id, dayEndInstant(asOf), governmentDay, touched.unitIds);
  const summary = changedSummary(stored.summary, before, after, { unitIds: touched.unitIds, punctuality }, await listSections(db, plan.id));
  try {
    const moved = await atomically(db, (trx) => storeChanges(trx, stored.id, stored.headSeq, touched.headSeq, summary, touched.taskIds, after, nowIso(clock)));
    if (moved) return { id: stored.id, headSeq: touched.headSeq, summary };
    // Another process caught it up meanwhile: what it stored is as current.
    return await findSnapshot(db, governmentId, plan.id, asOf);
  } catch (err) {
    // Not writable here (a read-only standby): evaluated for this answer only.
    if (isReadOnly(err)) return undefined;
    throw err;
  }
}

/** The plan on the date evaluated in full: every task's kept entry and the counts over them. Reads only. */
async function evaluateInFull(db: Tx, governmentId: number, plan: PlanRef, asOf: IsoDate): Promise<{ tasks: KeptTask[]; summary: Summary }> {
  const { status, inputs } = await evaluatePlan(db, governmentId, plan, asOf);
  const punctuality = await knownPunctuality(db, governmentId, plan.id, dayEndInstant(asOf), governmentDay);
  const byId = new Map(inputs.tasks.map((t) => [t.id, t]));
  const tasks = status.tasks.map((light, i) => keptTask(light, byId.get(light.taskId), inputs.values, i));
  return { tasks, summary: summaryOf(tasks, await listSections(db, plan.id), punctuality) };
}

/** The dashboard evaluated in full and not kept: what a kept one must equal (the tests hold them side by side). */
export async function evaluatedDashboard(db: Tx, governmentId: number, plan: PlanRef, asOf: IsoDate, paging: Paging): Promise<DashboardView> {
  const { tasks, summary } = await evaluateInFull(db, governmentId, plan, asOf);
  return inMemoryView({ id: undefined, headSeq: 0, summary, tasks }, metaOf(plan, asOf), paging);
}

async function computeInFull(db: Tx, governmentId: number, plan: PlanRef, asOf: IsoDate, headSeq: number, clock?: Clock): Promise<Kept> {
  const { tasks, summary } = await evaluateInFull(db, governmentId, plan, asOf);
  try {
    const id = await atomically(db, (trx) => storeSnapshot(trx, { governmentId, planId: plan.id, asOf }, headSeq, summary, tasks, nowIso(clock)));
    if (id !== undefined) return { id, headSeq, summary };
  } catch (err) {
    // Not writable here (a read-only standby): answered from memory.
    if (!isReadOnly(err)) throw err;
  }
  return { id: undefined, headSeq, summary, tasks };
}

/** PostgreSQL's read_only_sql_transaction (a hot standby), SQLite's read-only database. */
function isReadOnly(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  return code === '25006' || code.startsWith('SQLITE_READONLY');
}

/**
 * Has the dashboard of the government's newest plan on the date (today by
 * default) kept, so that the first request reads it instead of evaluating the
 * plan: after a notice is imported, and at the scheduler's ticks. Never fails
 * its caller: what is not kept now is evaluated at the first request.
 */
export async function keepDashboard(db: Tx, governmentId: number, asOf?: IsoDate, clock?: Clock): Promise<void> {
  try {
    const plan = await newestPlanRef(db, governmentId);
    if (plan) await keptDashboard(db, governmentId, plan, checkedDate(asOf ?? governmentToday(clock)), clock);
  } catch {
    // Evaluated at the first request instead.
  }
}

/**
 * The kept lights of tasks of any governments on a date (a roll-up over the
 * governments below): the snapshots of their plans that are current are read
 * together, a handful of queries whatever the number of governments; the
 * others are caught up (or evaluated) first, one by one. Tasks that are not
 * counted on the date (removed, or of no plan) are absent. No authorization:
 * the caller has checked that these tasks are its to roll up.
 */
export async function keptLightsOf(
  db: Tx,
  taskIds: readonly number[],
  asOf: IsoDate,
  clock?: Clock,
): Promise<Map<number, { light: Light; completed: boolean }>> {
  const owners = await plansOfTasks(db, taskIds);
  const plans = new Map(owners.map((o) => [o.planId, o]));
  const heads = await auditHeadSeqs(db, [...new Set(owners.map((o) => o.governmentId))]);
  const kept = await snapshotsOn(db, [...plans.keys()], asOf);
  const current = new Set<number>();
  const out = new Map<number, { light: Light; completed: boolean }>();
  for (const [planId, owner] of plans) {
    const snapshot = kept.get(planId);
    if (snapshot !== undefined && snapshot.headSeq >= (heads.get(owner.governmentId) ?? 0)) {
      current.add(snapshot.id);
      continue;
    }
    const fresh = await keptDashboard(db, owner.governmentId, { id: planId, year: owner.year }, asOf, clock);
    if (fresh.id !== undefined) current.add(fresh.id);
    else for (const t of fresh.tasks ?? []) out.set(t.taskId, { light: t.light, completed: t.body.completed });
  }
  for (const t of await keptLightsIn(db, current, taskIds, asOf, dayEndInstant(asOf))) out.set(t.taskId, { light: t.light, completed: t.completed });
  return out;
}
