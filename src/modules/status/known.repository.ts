/**
 * What was known at the end of a date: the lights of a past date are computed
 * from these reads only, so that what the system says about 31 March does not
 * change when April happens. A thing is known at the end of a date when it
 * happened before the next day began in Beijing (`dayEndInstant`): a report
 * accepted by then and not voided by then, a milestone reported reached by an
 * accepted report, a report first sent by then, a round opened and not yet
 * closed, a work plan decided by then, a task completed by then, a target as it
 * stood then (its later revisions undone). One query per kind of input,
 * whatever the number of tasks.
 */
import { CONFIDENCES, type Confidence } from '../../domain/status.js';
import { storedFigure } from '../../domain/figures.js';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { Tx } from '../../store/tx.js';
import type { Punctuality } from './status.repository.js';
import { parseSnapshot } from '../target/target.model.js';
import { toTarget } from '../task/task-details.repository.js';
import type { StoredTarget } from '../task/task.model.js';
import { readInChunks } from '../../store/chunks.js';

export interface StatusScope {
  planId: number;
  taskId?: number;
}

/** One accepted figure of one unit for one target. */
export interface KnownValue {
  targetId: number;
  taskId: number;
  unitId: number;
  /** null: the stored value is not a figure (domain/figures.ts), a data error. */
  value: number | null;
  periodEnd: string;
  reportId: number;
  acceptedAt: string;
}

/** An accepted host report known at the end of the date, with its rating. */
export interface KnownReport {
  reportId: number;
  taskId: number;
  unitId: number;
  periodEnd: string;
  acceptedAt: string;
  submittedAt: string | null;
  confidence: Confidence | null;
  confidenceReason: string | null;
  proposeComplete: boolean;
}

/** A report accepted before `end` and not voided before it: the one rule of what the office had accepted then. */
export function acceptedBy(eb: ExpressionBuilder<Database, 'reports'>, end: string): Expression<SqlBool> {
  return eb.and([
    eb('reports.accepted_at', 'is not', null),
    eb('reports.accepted_at', '<', end),
    eb.or([
      eb('reports.status', '=', 'accepted'),
      eb.and([eb('reports.status', '=', 'voided'), eb.or([eb('reports.voided_at', 'is', null), eb('reports.voided_at', '>=', end)])]),
    ]),
  ]);
}

/** Host reports accepted by `end` and not voided before it. */
function knownAccepted(db: Tx, governmentId: number, scope: StatusScope, end: string) {
  let q = db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .where('reports.government_id', '=', governmentId)
    .where('rounds.plan_id', '=', scope.planId)
    .where('reports.role', '=', 'host')
    .where((eb) => acceptedBy(eb, end));
  if (scope.taskId !== undefined) q = q.where('reports.task_id', '=', scope.taskId);
  return q;
}

/** The accepted host reports known at `end`, ordered as they count: by period, then by acceptance. */
export async function knownReports(db: Tx, governmentId: number, scope: StatusScope, end: string): Promise<KnownReport[]> {
  const rows = await knownAccepted(db, governmentId, scope, end)
    .select([
      'reports.id',
      'reports.task_id',
      'reports.unit_id',
      'rounds.period_end',
      'reports.accepted_at',
      'reports.submitted_at',
      'reports.confidence',
      'reports.confidence_reason',
      'reports.propose_complete',
    ])
    .orderBy('rounds.period_end')
    .orderBy('reports.accepted_at')
    .orderBy('reports.id')
    .execute();
  return rows.map((r) => ({
    reportId: r.id,
    taskId: r.task_id,
    unitId: r.unit_id,
    periodEnd: r.period_end,
    acceptedAt: r.accepted_at ?? '',
    submittedAt: r.submitted_at,
    confidence: CONFIDENCES.find((c) => c === r.confidence) ?? null,
    confidenceReason: r.confidence_reason,
    proposeComplete: r.propose_complete === 1,
  }));
}

/**
 * Every figure of the accepted host reports known at `end`, oldest first (by
 * period, then by acceptance): the later of two figures of one unit for one
 * target replaces the earlier, as the report steps have always ruled.
 */
export async function knownValues(db: Tx, governmentId: number, scope: StatusScope, end: string): Promise<KnownValue[]> {
  const rows = await knownAccepted(db, governmentId, scope, end)
    .innerJoin('report_values', 'report_values.report_id', 'reports.id')
    .select(['report_values.target_id', 'reports.task_id', 'reports.unit_id', 'report_values.value', 'rounds.period_end', 'reports.id', 'reports.accepted_at'])
    .orderBy('rounds.period_end')
    .orderBy('reports.accepted_at')
    .orderBy('reports.id')
    .orderBy('report_values.target_id')
    .execute();
  return rows.map((r) => ({
    targetId: r.target_id,
    taskId: r.task_id,
    unitId: r.unit_id,
    value: storedFigure(r.value),
    periodEnd: r.period_end,
    reportId: r.id,
    acceptedAt: r.accepted_at ?? '',
  }));
}

/** The latest figure of each unit for each target: target id → unit id → value. */
export function latestByUnit(values: readonly KnownValue[]): Map<number, Map<number, KnownValue>> {
  const latest = new Map<number, Map<number, KnownValue>>();
  for (const v of values) {
    const units = latest.get(v.targetId) ?? new Map<number, KnownValue>();
    units.set(v.unitId, v);
    latest.set(v.targetId, units);
  }
  return latest;
}

/** The earliest date each milestone was reported reached, by reports accepted by `end` and not voided before it. */
export async function knownReachedMilestones(db: Tx, governmentId: number, milestoneIds: readonly number[], end: string): Promise<Map<number, string>> {
  if (milestoneIds.length === 0) return new Map();
  const rows = await readInChunks(milestoneIds, (ids) =>
    db
      .selectFrom('report_milestones')
      .innerJoin('reports', 'reports.id', 'report_milestones.report_id')
      .select(['report_milestones.milestone_id as milestoneId', (eb) => eb.fn.min<string>('report_milestones.reached_on').as('reachedOn')])
      .where('report_milestones.government_id', '=', governmentId)
      .where((eb) => acceptedBy(eb, end))
      .where('report_milestones.milestone_id', 'in', ids)
      .groupBy('report_milestones.milestone_id')
      .execute(),
  );
  return new Map(rows.map((r) => [r.milestoneId, r.reachedOn]));
}

/**
 * Host reports overdue on `asOf`: their round was open then (opened before the
 * end of the date, not closed by it), due before `asOf`, and the report not
 * first sent by the end of the date. Tasks completed by then owe nothing.
 */
export async function knownOverdue(
  db: Tx,
  governmentId: number,
  scope: StatusScope,
  asOf: string,
  end: string,
): Promise<{ taskId: number; unitId: number; unitName: string; roundId: number; dueOn: string; roundLabel: string }[]> {
  let q = db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .innerJoin('tasks', 'tasks.id', 'reports.task_id')
    .innerJoin('units', 'units.id', 'reports.unit_id')
    .select(['reports.task_id', 'reports.unit_id', 'units.name', 'reports.round_id', 'rounds.due_on', 'rounds.label'])
    .where('reports.government_id', '=', governmentId)
    .where('rounds.plan_id', '=', scope.planId)
    .where('reports.role', '=', 'host')
    .where('rounds.created_at', '<', end)
    .where('rounds.due_on', '<', asOf)
    .where((eb) => eb.or([eb('rounds.closed_at', 'is', null), eb('rounds.closed_at', '>=', end)]))
    .where((eb) => eb.or([eb('reports.first_sent_at', 'is', null), eb('reports.first_sent_at', '>=', end)]))
    .where('tasks.status', '!=', 'removed')
    .where((eb) => eb.or([eb('tasks.completed_at', 'is', null), eb('tasks.completed_at', '>=', end)]));
  if (scope.taskId !== undefined) q = q.where('reports.task_id', '=', scope.taskId);
  const rows = await q.orderBy('rounds.due_on').orderBy('reports.id').execute();
  return rows.map((r) => ({ taskId: r.task_id, unitId: r.unit_id, unitName: r.name, roundId: r.round_id, dueOn: r.due_on, roundLabel: r.label }));
}

/** The tasks of the scope completed (销号) by the end of the date. */
export async function knownCompleted(db: Tx, governmentId: number, scope: StatusScope, end: string): Promise<Set<number>> {
  let q = db
    .selectFrom('tasks')
    .select('id')
    .where('government_id', '=', governmentId)
    .where('plan_id', '=', scope.planId)
    .where('status', '=', 'completed')
    .where((eb) => eb.or([eb('completed_at', 'is', null), eb('completed_at', '<', end)]));
  if (scope.taskId !== undefined) q = q.where('id', '=', scope.taskId);
  return new Set((await q.execute()).map((r) => r.id));
}

/** The owner units a target names (target_owners); a target without any is shared by its task's host units. */
export async function targetOwners(db: Tx, governmentId: number, targetIds: readonly number[]): Promise<Map<number, number[]>> {
  const owners = new Map<number, number[]>();
  if (targetIds.length === 0) return owners;
  const rows = await readInChunks(targetIds, (ids) =>
    db
      .selectFrom('target_owners')
      .select(['target_id', 'unit_id'])
      .where('government_id', '=', governmentId)
      .where('target_id', 'in', ids)
      .orderBy('target_id')
      .orderBy('unit_id')
      .execute(),
  );
  for (const r of rows) owners.set(r.target_id, [...(owners.get(r.target_id) ?? []), r.unit_id]);
  return owners;
}

/** A target as it stood on a date, with its owners then when a revision recorded them. */
export interface TargetThen extends StoredTarget {
  taskId: number;
  owners: number[] | null;
}

/**
 * The tasks' targets as they stood at the end of the date: those in force then
 * (created by then, not retired by then), each as it was before its first
 * later revision. Ordered by task and position.
 */
export async function targetsAsOf(db: Tx, governmentId: number, scope: StatusScope, end: string): Promise<Map<number, TargetThen[]>> {
  let q = db
    .selectFrom('targets')
    .selectAll()
    .where('government_id', '=', governmentId)
    .where('plan_id', '=', scope.planId)
    .where('task_id', 'is not', null)
    .where((eb) => eb.or([eb('created_at', 'is', null), eb('created_at', '<', end)]))
    .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>=', end)]));
  if (scope.taskId !== undefined) q = q.where('task_id', '=', scope.taskId);
  const rows = await q.orderBy('task_id').orderBy('position').orderBy('id').execute();
  let revisions = db
    .selectFrom('target_revisions')
    .innerJoin('tasks', 'tasks.id', 'target_revisions.task_id')
    .select(['target_revisions.target_id', 'target_revisions.before'])
    .where('target_revisions.government_id', '=', governmentId)
    .where('tasks.plan_id', '=', scope.planId)
    .where('target_revisions.at', '>=', end);
  if (scope.taskId !== undefined) revisions = revisions.where('target_revisions.task_id', '=', scope.taskId);
  // The earliest revision after the date holds the target as it stood on it.
  const firstAfter = new Map<number, string | null>();
  for (const r of await revisions.orderBy('target_revisions.at', 'desc').orderBy('target_revisions.id', 'desc').execute())
    firstAfter.set(r.target_id, r.before);

  const byTask = new Map<number, TargetThen[]>();
  for (const row of rows) {
    if (row.task_id === null) continue;
    const stored = toTarget(row);
    let target: TargetThen = { ...stored, taskId: row.task_id, owners: null };
    if (firstAfter.has(row.id)) {
      const json = firstAfter.get(row.id) ?? null;
      // Created by a change after the date: it did not exist yet.
      if (json === null) continue;
      const before = parseSnapshot(json);
      // A snapshot that cannot be read leaves the target as stored rather than guessing.
      if (before !== null) {
        // No owners named: shared by the task's host units.
        target = { ...target, ...before, id: target.id, owners: before.owners.length === 0 ? null : before.owners };
      }
    }
    byTask.set(row.task_id, [...(byTask.get(row.task_id) ?? []), target]);
  }
  for (const list of byTask.values()) list.sort((a, b) => a.position - b.position || a.id - b.id);
  return byTask;
}

/**
 * Each unit's punctuality on a date, from the reports themselves: owed by the
 * rounds opened by then, sent on time or late by their first sending by then
 * (on time: sent on or before the due date, the day counted in Beijing),
 * returned by the office by then.
 */
export async function knownPunctuality(
  db: Tx,
  governmentId: number,
  planId: number,
  end: string,
  dayOf: (instant: string) => string,
  /** Only these units (at most IN_LIST_MAX): a kept dashboard recounts the units a change touched. */
  unitIds?: readonly number[],
): Promise<Punctuality[]> {
  let sent = db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .innerJoin('units', 'units.id', 'reports.unit_id')
    .select(['reports.unit_id', 'units.name', 'reports.first_sent_at', 'rounds.due_on'])
    .where('reports.government_id', '=', governmentId)
    .where('rounds.plan_id', '=', planId)
    .where('rounds.created_at', '<', end);
  if (unitIds !== undefined) sent = sent.where('reports.unit_id', 'in', unitIds.length === 0 ? [-1] : [...unitIds]);
  const rows = await sent.orderBy('reports.unit_id').execute();
  let returned = db
    .selectFrom('report_events')
    .innerJoin('reports', 'reports.id', 'report_events.report_id')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .select(['reports.unit_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('report_events.government_id', '=', governmentId)
    .where('rounds.plan_id', '=', planId)
    .where('report_events.action', '=', 'return')
    .where('report_events.at', '<', end);
  if (unitIds !== undefined) returned = returned.where('reports.unit_id', 'in', unitIds.length === 0 ? [-1] : [...unitIds]);
  const returns = await returned.groupBy('reports.unit_id').execute();
  const byUnit = new Map<number, Punctuality>();
  for (const r of rows) {
    const p = byUnit.get(r.unit_id) ?? { unitId: r.unit_id, name: r.name, owed: 0, onTime: 0, late: 0, returned: 0 };
    p.owed += 1;
    if (r.first_sent_at !== null && r.first_sent_at < end) {
      if (dayOf(r.first_sent_at) <= r.due_on) p.onTime += 1;
      else p.late += 1;
    }
    byUnit.set(r.unit_id, p);
  }
  for (const r of returns) {
    const p = byUnit.get(r.unit_id);
    if (p) p.returned = Number(r.n);
  }
  return [...byUnit.values()].sort((a, b) => a.unitId - b.unitId);
}
