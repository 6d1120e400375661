/**
 * What the lights are computed from, read from the aggregates that the report
 * steps keep (progress.repository.ts): one query per kind of input, whatever
 * the number of tasks.
 */
import { CONFIDENCES, type Confidence, type Light, LIGHTS } from '../../domain/status.js';
import { storedFigure } from '../../domain/figures.js';
import type { Tx } from '../../store/tx.js';
export { findPlanRef, newestPlanRef, type PlanRef } from '../plan/plan.repository.js';

export interface LatestValue {
  targetId: number;
  /** null: the stored value is not a figure (domain/figures.ts), a data error, never "not reported". */
  value: number | null;
  periodEnd: string;
  reportId: number;
}

/** The latest accepted value of each target of the plan (or of one task). */
export async function latestValues(db: Tx, governmentId: number, scope: { planId: number; taskId?: number }): Promise<Map<number, LatestValue>> {
  let q = db
    .selectFrom('target_progress')
    .select(['target_id', 'value', 'period_end', 'report_id'])
    .where('government_id', '=', governmentId)
    .where('plan_id', '=', scope.planId);
  if (scope.taskId !== undefined) q = q.where('task_id', '=', scope.taskId);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.target_id, { targetId: r.target_id, value: storedFigure(r.value), periodEnd: r.period_end, reportId: r.report_id }]));
}

export interface LatestRating {
  taskId: number;
  confidence: Confidence | null;
  confidenceReason: string | null;
  reportId: number | null;
  periodEnd: string | null;
  reportedAt: string | null;
  proposeComplete: boolean;
}

/** The rating of each task's latest accepted host report. */
export async function latestRatings(db: Tx, governmentId: number, scope: { planId: number; taskId?: number }): Promise<Map<number, LatestRating>> {
  let q = db.selectFrom('task_progress').selectAll().where('government_id', '=', governmentId).where('plan_id', '=', scope.planId);
  if (scope.taskId !== undefined) q = q.where('task_id', '=', scope.taskId);
  const rows = await q.execute();
  return new Map(
    rows.map((r) => [
      r.task_id,
      {
        taskId: r.task_id,
        confidence: CONFIDENCES.find((c) => c === r.confidence) ?? null,
        confidenceReason: r.confidence_reason,
        reportId: r.report_id,
        periodEnd: r.period_end,
        reportedAt: r.reported_at,
        proposeComplete: r.propose_complete === 1,
      },
    ]),
  );
}

/** The earliest date each milestone was reported reached, by accepted reports only. */
export async function reachedMilestones(db: Tx, governmentId: number, milestoneIds: readonly number[]): Promise<Map<number, string>> {
  if (milestoneIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('report_milestones')
    .innerJoin('reports', 'reports.id', 'report_milestones.report_id')
    .select(['report_milestones.milestone_id as milestoneId', (eb) => eb.fn.min<string>('report_milestones.reached_on').as('reachedOn')])
    .where('report_milestones.government_id', '=', governmentId)
    .where('reports.status', '=', 'accepted')
    .where('report_milestones.milestone_id', 'in', [...new Set(milestoneIds)])
    .groupBy('report_milestones.milestone_id')
    .execute();
  return new Map(rows.map((r) => [r.milestoneId, r.reachedOn]));
}

export interface Punctuality {
  unitId: number;
  name: string;
  owed: number;
  onTime: number;
  late: number;
  returned: number;
}

export async function punctualityOf(db: Tx, governmentId: number, planId: number): Promise<Punctuality[]> {
  const rows = await db
    .selectFrom('unit_punctuality')
    .innerJoin('units', 'units.id', 'unit_punctuality.unit_id')
    .select([
      'unit_punctuality.unit_id',
      'units.name',
      'unit_punctuality.owed',
      'unit_punctuality.on_time',
      'unit_punctuality.late',
      'unit_punctuality.returned',
    ])
    .where('unit_punctuality.government_id', '=', governmentId)
    .where('unit_punctuality.plan_id', '=', planId)
    .orderBy('unit_punctuality.unit_id')
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, name: r.name, owed: r.owed, onTime: r.on_time, late: r.late, returned: r.returned }));
}

export interface LightRecord {
  asOf: string;
  roundId: number | null;
  light: Light;
}

/** The task's lights at the closes of past rounds, oldest first. */
export async function lightHistory(db: Tx, governmentId: number, taskId: number): Promise<LightRecord[]> {
  return (await lightHistories(db, governmentId, [taskId])).get(taskId) ?? [];
}

/** The lights of these tasks at the closes of past rounds, oldest first, in one query; every task has an entry. */
export async function lightHistories(db: Tx, governmentId: number, taskIds: readonly number[]): Promise<Map<number, LightRecord[]>> {
  const byTask = new Map<number, LightRecord[]>(taskIds.map((id) => [id, []]));
  if (taskIds.length === 0) return byTask;
  const rows = await db
    .selectFrom('task_lights')
    .select(['task_id', 'as_of', 'round_id', 'light'])
    .where('government_id', '=', governmentId)
    .where('task_id', 'in', [...taskIds])
    .orderBy('task_id')
    .orderBy('as_of')
    .execute();
  for (const r of rows) byTask.get(r.task_id)?.push({ asOf: r.as_of, roundId: r.round_id, light: LIGHTS.find((l) => l === r.light) ?? 'none' });
  return byTask;
}
