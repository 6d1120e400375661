/** Work plans, their milestones and planned values. Only this file (and approved-plans.repository.ts, the approved plans as lights read them) touches these tables. */
import type { Selectable } from 'kysely';
import type { WorkPlanTable } from '../../store/schema.js';
import type { Tx } from '../../store/tx.js';
import { updateAtVersion } from '../../store/versioned.js';
import { auditedUpdate, type AuditNote } from '../audit/audited-update.js';
import { insertInBatches } from '../task/task-details.repository.js';
import {
  WORK_PLAN_STATUSES,
  type CoPart,
  type PlanMilestone,
  type PlanValue,
  type StoredMilestone,
  type WorkPlan,
  type WorkPlanStatus,
} from './workplan.model.js';

function parseCoParts(text: string): CoPart[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((p: unknown) => {
      if (typeof p !== 'object' || p === null) return [];
      const { unitId, part } = p as { unitId?: unknown; part?: unknown };
      return typeof unitId === 'number' && typeof part === 'string' ? [{ unitId, part }] : [];
    });
  } catch {
    return [];
  }
}

const toWorkPlan = (r: Selectable<WorkPlanTable>): WorkPlan => ({
  id: r.id,
  taskId: r.task_id,
  unitId: r.unit_id,
  revision: r.revision,
  status: WORK_PLAN_STATUSES.find((s) => s === r.status) ?? 'draft',
  measures: r.measures,
  coParts: parseCoParts(r.co_parts),
  authorId: r.author_id,
  submittedAt: r.submitted_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  decisionComment: r.decision_comment,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function findWorkPlan(db: Tx, governmentId: number, id: number): Promise<WorkPlan | undefined> {
  const row = await db.selectFrom('work_plans').selectAll().where('government_id', '=', governmentId).where('id', '=', id).executeTakeFirst();
  return row && toWorkPlan(row);
}

/** Every submitted work plan of the government (a handful at any time), oldest first: one query. */
export async function submittedWorkPlans(db: Tx, governmentId: number): Promise<WorkPlan[]> {
  const rows = await db
    .selectFrom('work_plans')
    .selectAll()
    .where('government_id', '=', governmentId)
    .where('status', '=', 'submitted')
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
  return rows.map(toWorkPlan);
}

/** Every revision of the task's plan, the newest first. */
export async function listWorkPlans(db: Tx, governmentId: number, taskId: number): Promise<WorkPlan[]> {
  const rows = await db
    .selectFrom('work_plans')
    .selectAll()
    .where('government_id', '=', governmentId)
    .where('task_id', '=', taskId)
    .orderBy('revision', 'desc')
    .execute();
  return rows.map(toWorkPlan);
}

export interface NewWorkPlan {
  taskId: number;
  unitId: number;
  revision: number;
  measures: string;
  coParts: readonly CoPart[];
  authorId: number | null;
}

export async function insertWorkPlan(trx: Tx, governmentId: number, plan: NewWorkPlan, now: string): Promise<number> {
  const row = await trx
    .insertInto('work_plans')
    .values({
      government_id: governmentId,
      task_id: plan.taskId,
      unit_id: plan.unitId,
      revision: plan.revision,
      status: 'draft',
      measures: plan.measures,
      co_parts: JSON.stringify(plan.coParts),
      author_id: plan.authorId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A second insert of the same (task, revision): someone else opened the revision at the same moment. */
export function isDuplicateRevision(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || (typeof message === 'string' && message.includes('work_plans_revision_unique'));
}

/** The plan's columns a step may change. */
export interface WorkPlanChange {
  status?: WorkPlanStatus;
  measures?: string;
  coParts?: readonly CoPart[];
  authorId?: number | null;
  submittedAt?: string;
  decidedBy?: number | null;
  decidedAt?: string;
  decisionComment?: string | null;
}

/** Writes the change with its audit row only if the plan is still at the version it was read at; false otherwise. */
export function updateWorkPlan(trx: Tx, plan: Pick<WorkPlan, 'id' | 'version'>, change: WorkPlanChange, now: string, audit: AuditNote): Promise<boolean> {
  return auditedUpdate(
    trx,
    'work_plans',
    plan,
    {
      ...(change.status === undefined ? {} : { status: change.status }),
      ...(change.measures === undefined ? {} : { measures: change.measures }),
      ...(change.coParts === undefined ? {} : { co_parts: JSON.stringify(change.coParts) }),
      ...(change.authorId === undefined ? {} : { author_id: change.authorId }),
      ...(change.submittedAt === undefined ? {} : { submitted_at: change.submittedAt }),
      ...(change.decidedBy === undefined ? {} : { decided_by: change.decidedBy }),
      ...(change.decidedAt === undefined ? {} : { decided_at: change.decidedAt }),
      ...(change.decisionComment === undefined ? {} : { decision_comment: change.decisionComment }),
    },
    now,
    audit,
  );
}

/** The task's approved revision(s) other than `exceptId` become history; returns their ids. */
export async function supersedeApproved(trx: Tx, governmentId: number, taskId: number, exceptId: number, now: string): Promise<number[]> {
  const rows = await trx
    .selectFrom('work_plans')
    .select(['id', 'version'])
    .where('government_id', '=', governmentId)
    .where('task_id', '=', taskId)
    .where('status', '=', 'approved')
    .where('id', '!=', exceptId)
    .execute();
  // Recorded in the approval's own audit row (its `superseded` ids), not one row each.
  for (const r of rows)
    if (!(await updateAtVersion(trx, 'work_plans', r, { status: 'superseded' }, now))) throw new Error(`work plan ${r.id} changed meanwhile`);
  return rows.map((r) => r.id);
}

/** The milestones of each plan, in their order: one query for any number of plans. */
export async function milestonesOf(db: Tx, planIds: readonly number[]): Promise<Map<number, StoredMilestone[]>> {
  const out = new Map<number, StoredMilestone[]>(planIds.map((id) => [id, []]));
  if (planIds.length === 0) return out;
  const rows = await db
    .selectFrom('work_plan_milestones')
    .selectAll()
    .where('work_plan_id', 'in', [...planIds])
    .orderBy('work_plan_id')
    .orderBy('position')
    .execute();
  for (const r of rows) out.get(r.work_plan_id)?.push({ id: r.id, dueOn: r.due_on, title: r.title, unitId: r.unit_id });
  return out;
}

/** The planned values of each plan, by target and date: one query for any number of plans. */
export async function valuesOf(db: Tx, planIds: readonly number[]): Promise<Map<number, PlanValue[]>> {
  const out = new Map<number, PlanValue[]>(planIds.map((id) => [id, []]));
  if (planIds.length === 0) return out;
  const rows = await db
    .selectFrom('work_plan_values')
    .selectAll()
    .where('work_plan_id', 'in', [...planIds])
    .orderBy('work_plan_id')
    .orderBy('target_id')
    .orderBy('period_end')
    .execute();
  for (const r of rows) out.get(r.work_plan_id)?.push({ targetId: r.target_id, periodEnd: r.period_end, value: Number(r.value) });
  return out;
}

/**
 * The plan's milestones become exactly these. Only open revisions are edited,
 * and reports mark the milestones of approved ones, so no report refers to them.
 */
export async function replaceMilestones(trx: Tx, governmentId: number, planId: number, milestones: readonly PlanMilestone[]): Promise<void> {
  await trx.deleteFrom('work_plan_milestones').where('work_plan_id', '=', planId).execute();
  const rows = milestones.map((m, position) => ({
    government_id: governmentId,
    work_plan_id: planId,
    position,
    due_on: m.dueOn,
    title: m.title,
    unit_id: m.unitId,
  }));
  await insertInBatches(rows, (batch) => trx.insertInto('work_plan_milestones').values(batch).execute());
}

/** The plan's planned values become exactly these. */
export async function replacePlanValues(trx: Tx, governmentId: number, planId: number, values: readonly PlanValue[]): Promise<void> {
  await trx.deleteFrom('work_plan_values').where('work_plan_id', '=', planId).execute();
  const rows = values.map((v) => ({ government_id: governmentId, work_plan_id: planId, target_id: v.targetId, period_end: v.periodEnd, value: v.value }));
  await insertInBatches(rows, (batch) => trx.insertInto('work_plan_values').values(batch).execute());
}
