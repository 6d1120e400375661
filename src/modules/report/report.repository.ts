/** Reports, their values and their timeline. Only this file touches these tables. */
import type { TaskSubject } from '../auth/subjects.js';
import type { ReportRow } from '../../store/schema.js';
import type { Tx } from '../../store/tx.js';
import { auditedUpdate, type AuditNote } from '../audit/audited-update.js';
import { insertInBatches } from '../task/task-details.repository.js';
import { listGroupMembers } from '../unit/unit.repository.js';
import { responsibleUnits } from '../unit/unit-groups.js';
import {
  CONFIDENCES,
  REPORT_STATUSES,
  type ReachedMilestone,
  type Report,
  type ReportEvent,
  type ReportEventAction,
  type ReportFilter,
  type ReportMilestone,
  type ReportValue,
} from './report.model.js';

/** A report row as the model has it (the desk reads report rows joined with their events). */
export const toReport = (r: ReportRow): Report => ({
  id: r.id,
  roundId: r.round_id,
  taskId: r.task_id,
  unitId: r.unit_id,
  role: r.role === 'co' ? 'co' : 'host',
  status: REPORT_STATUSES.find((s) => s === r.status) ?? 'draft',
  progress: r.progress,
  problems: r.problems,
  nextSteps: r.next_steps,
  confidence: CONFIDENCES.find((c) => c === r.confidence) ?? null,
  confidenceReason: r.confidence_reason,
  authorId: r.author_id,
  approvedBy: r.approved_by,
  approvedAt: r.approved_at,
  submittedAt: r.submitted_at,
  acceptedAt: r.accepted_at,
  returnedAt: r.returned_at,
  returnCount: r.return_count,
  proposeComplete: r.propose_complete === 1,
  firstSentAt: r.first_sent_at,
  voidedAt: r.voided_at,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface NewReport {
  roundId: number;
  taskId: number;
  unitId: number;
  role: 'host' | 'co';
}

export async function insertReports(trx: Tx, governmentId: number, reports: readonly NewReport[], now: string): Promise<void> {
  const rows = reports.map((r) => ({
    government_id: governmentId,
    round_id: r.roundId,
    task_id: r.taskId,
    unit_id: r.unitId,
    role: r.role,
    created_at: now,
    updated_at: now,
  }));
  await insertInBatches(rows, (batch) => trx.insertInto('reports').values(batch).execute());
}

export async function findReport(db: Tx, governmentId: number, id: number): Promise<Report | undefined> {
  const row = await db.selectFrom('reports').selectAll().where('government_id', '=', governmentId).where('id', '=', id).executeTakeFirst();
  return row && toReport(row);
}

export async function listReports(db: Tx, governmentId: number, filter: ReportFilter): Promise<Report[]> {
  let q = db.selectFrom('reports').selectAll().where('government_id', '=', governmentId);
  if (filter.roundId !== undefined) q = q.where('round_id', '=', filter.roundId);
  if (filter.taskId !== undefined) q = q.where('task_id', '=', filter.taskId);
  if (filter.unitId !== undefined) q = q.where('unit_id', '=', filter.unitId);
  const rows = await q.orderBy('round_id').orderBy('task_id').orderBy('role', 'desc').orderBy('unit_id').execute();
  return rows.map(toReport);
}

/** The report's columns a step may change. */
export interface ReportChange {
  status?: Report['status'];
  progress?: string;
  problems?: string;
  nextSteps?: string;
  confidence?: Report['confidence'];
  confidenceReason?: string | null;
  authorId?: number | null;
  approvedBy?: number | null;
  approvedAt?: string;
  submittedAt?: string;
  acceptedAt?: string;
  returnedAt?: string;
  returnCount?: number;
  proposeComplete?: boolean;
  firstSentAt?: string;
  voidedAt?: string;
}

/** Writes the change with its audit row, only if the report is still at the version it was read at; false when someone else changed it meanwhile. */
export function updateReport(trx: Tx, report: Pick<Report, 'id' | 'version'>, change: ReportChange, now: string, audit: AuditNote): Promise<boolean> {
  return auditedUpdate(
    trx,
    'reports',
    report,
    {
      ...(change.status === undefined ? {} : { status: change.status }),
      ...(change.progress === undefined ? {} : { progress: change.progress }),
      ...(change.problems === undefined ? {} : { problems: change.problems }),
      ...(change.nextSteps === undefined ? {} : { next_steps: change.nextSteps }),
      ...(change.confidence === undefined ? {} : { confidence: change.confidence }),
      ...(change.confidenceReason === undefined ? {} : { confidence_reason: change.confidenceReason }),
      ...(change.authorId === undefined ? {} : { author_id: change.authorId }),
      ...(change.approvedBy === undefined ? {} : { approved_by: change.approvedBy }),
      ...(change.approvedAt === undefined ? {} : { approved_at: change.approvedAt }),
      ...(change.submittedAt === undefined ? {} : { submitted_at: change.submittedAt }),
      ...(change.acceptedAt === undefined ? {} : { accepted_at: change.acceptedAt }),
      ...(change.returnedAt === undefined ? {} : { returned_at: change.returnedAt }),
      ...(change.returnCount === undefined ? {} : { return_count: change.returnCount }),
      ...(change.proposeComplete === undefined ? {} : { propose_complete: change.proposeComplete ? 1 : 0 }),
      ...(change.firstSentAt === undefined ? {} : { first_sent_at: change.firstSentAt }),
      ...(change.voidedAt === undefined ? {} : { voided_at: change.voidedAt }),
    },
    now,
    audit,
  );
}

export async function listValues(db: Tx, reportId: number): Promise<ReportValue[]> {
  const rows = await db.selectFrom('report_values').select(['target_id', 'value']).where('report_id', '=', reportId).orderBy('target_id').execute();
  return rows.map((r) => ({ targetId: r.target_id, value: Number(r.value) }));
}

/** The report's values become exactly these. */
export async function replaceValues(trx: Tx, governmentId: number, reportId: number, values: readonly ReportValue[]): Promise<void> {
  await trx.deleteFrom('report_values').where('report_id', '=', reportId).execute();
  if (values.length === 0) return;
  await trx
    .insertInto('report_values')
    .values(values.map((v) => ({ government_id: governmentId, report_id: reportId, target_id: v.targetId, value: v.value })))
    .execute();
}

/**
 * The report's timeline, oldest first. With `recentEdits`, of its edits only the newest that many
 * (a unit may save a draft hundreds of times); every other step is kept.
 */
export async function listEvents(db: Tx, reportId: number, recentEdits?: number): Promise<ReportEvent[]> {
  let query = db.selectFrom('report_events').selectAll().where('report_id', '=', reportId);
  if (recentEdits !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('action', '<>', 'edit'),
        eb(
          'id',
          'in',
          eb.selectFrom('report_events').select('id').where('report_id', '=', reportId).where('action', '=', 'edit').orderBy('id', 'desc').limit(recentEdits),
        ),
      ]),
    );
  }
  const rows = await query.orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, at: r.at, actorUserId: r.actor_user_id, action: r.action, comment: r.comment }));
}

/** How many events the report's timeline holds. */
export async function countEvents(db: Tx, reportId: number): Promise<number> {
  const row = await db
    .selectFrom('report_events')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('report_id', '=', reportId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertEvent(
  trx: Tx,
  event: { governmentId: number; reportId: number; at: string; actorUserId: number | null; action: ReportEventAction; comment: string | null },
): Promise<void> {
  await trx
    .insertInto('report_events')
    .values({
      government_id: event.governmentId,
      report_id: event.reportId,
      at: event.at,
      actor_user_id: event.actorUserId,
      action: event.action,
      comment: event.comment,
    })
    .execute();
}

/** The ids of the task's own targets: a report states values for these only. */
export async function targetIdsOfTask(db: Tx, taskId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('targets').select('id').where('task_id', '=', taskId).where('retired_at', 'is', null).execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Who is responsible for each task, as the chokepoint judges it: its units,
 * each unit group with members standing for them (unit-groups.ts), and its
 * lead leaders. Three queries whatever the number of tasks.
 */
export async function taskSubjects(db: Tx, governmentId: number, taskIds: readonly number[]): Promise<Map<number, TaskSubject>> {
  const subjects = new Map<number, TaskSubject>();
  const ids = [...new Set(taskIds)];
  if (ids.length === 0) return subjects;
  const named = new Map<number, { hosts: { id: number }[]; cos: { id: number }[] }>(ids.map((id) => [id, { hosts: [], cos: [] }]));
  const units = await db.selectFrom('task_units').select(['task_id', 'unit_id', 'role']).where('task_id', 'in', ids).orderBy('position').execute();
  for (const u of units) (u.role === 'host' ? named.get(u.task_id)?.hosts : named.get(u.task_id)?.cos)?.push({ id: u.unit_id });
  const members = await listGroupMembers(
    db,
    governmentId,
    units.map((u) => u.unit_id),
  );
  for (const [taskId, owners] of named) {
    const { hosts, cos } = responsibleUnits(owners, members);
    subjects.set(taskId, { kind: 'task', governmentId, taskId, hostUnitIds: hosts.map((u) => u.id), coUnitIds: cos.map((u) => u.id), leaderIds: [] });
  }
  const leaders = await db.selectFrom('task_leaders').select(['task_id', 'leader_id']).where('task_id', 'in', ids).orderBy('position').execute();
  for (const l of leaders) (subjects.get(l.task_id)?.leaderIds as number[] | undefined)?.push(l.leader_id);
  return subjects;
}

/**
 * The milestones of the task's approved work plan: the only ones a report may
 * say were reached. Read here, not through the work plan module, so that the
 * report depends on the tables alone.
 */
export async function approvedMilestoneIds(db: Tx, taskId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('work_plan_milestones')
    .innerJoin('work_plans', 'work_plans.id', 'work_plan_milestones.work_plan_id')
    .select('work_plan_milestones.id')
    .where('work_plans.task_id', '=', taskId)
    .where('work_plans.status', '=', 'approved')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The milestones each report says were reached, with their titles and due dates, in due order. */
export async function listMilestonesReached(db: Tx, reportIds: readonly number[]): Promise<Map<number, ReachedMilestone[]>> {
  const out = new Map<number, ReachedMilestone[]>(reportIds.map((id) => [id, []]));
  if (reportIds.length === 0) return out;
  const rows = await db
    .selectFrom('report_milestones')
    .innerJoin('work_plan_milestones', 'work_plan_milestones.id', 'report_milestones.milestone_id')
    .select([
      'report_milestones.report_id',
      'report_milestones.milestone_id',
      'report_milestones.reached_on',
      'work_plan_milestones.title',
      'work_plan_milestones.due_on',
    ])
    .where('report_milestones.report_id', 'in', [...reportIds])
    .orderBy('work_plan_milestones.due_on')
    .orderBy('work_plan_milestones.position')
    .orderBy('report_milestones.milestone_id')
    .execute();
  for (const r of rows) out.get(r.report_id)?.push({ milestoneId: r.milestone_id, reachedOn: r.reached_on, title: r.title, dueOn: r.due_on });
  return out;
}

/** The report's milestones reached become exactly these. */
export async function replaceMilestones(trx: Tx, governmentId: number, reportId: number, milestones: readonly ReportMilestone[]): Promise<void> {
  await trx.deleteFrom('report_milestones').where('report_id', '=', reportId).execute();
  if (milestones.length === 0) return;
  await trx
    .insertInto('report_milestones')
    .values(milestones.map((m) => ({ government_id: governmentId, report_id: reportId, milestone_id: m.milestoneId, reached_on: m.reachedOn })))
    .execute();
}

/**
 * Holds an open report (draft or returned) for a change made beside its row,
 * such as an attachment: marks it updated, without a new version, so the
 * clerk's open form stays current. False when the report is no longer open.
 * On PostgreSQL the update locks the row, so a step that moves the report on
 * (approve) either waits for this change or makes it fail here.
 */
export async function touchOpenReport(trx: Tx, reportId: number, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('reports')
    .set({ updated_at: now })
    .where('id', '=', reportId)
    .where('status', 'in', ['draft', 'returned'])
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The co-units' reports on the report's task in its round that their heads have approved (or later): the host unit's inputs. */
export async function listInputReports(db: Tx, governmentId: number, host: Pick<Report, 'roundId' | 'taskId'>): Promise<Report[]> {
  const rows = await db
    .selectFrom('reports')
    .selectAll()
    .where('government_id', '=', governmentId)
    .where('round_id', '=', host.roundId)
    .where('task_id', '=', host.taskId)
    .where('role', '=', 'co')
    .where('status', 'in', ['approved', 'submitted', 'accepted'])
    .orderBy('unit_id')
    .execute();
  return rows.map(toReport);
}
