/**
 * The status module's small reads and shapes: unit groups, the lights at past
 * round closes (task_lights). What the lights are computed from on a date is
 * read by known.repository.ts.
 */
import { type Confidence, type Light, LIGHTS } from '../../domain/status.js';
import type { Tx } from '../../store/tx.js';
import { readInChunks } from '../../store/chunks.js';
export { findPlanRef, newestPlanRef, type PlanRef } from '../plan/plan.repository.js';

export interface LatestValue {
  targetId: number;
  /** null: the stored value is not a figure (domain/figures.ts), a data error, never "not reported". */
  value: number | null;
  periodEnd: string;
  reportId: number;
}

/** The government's unit groups (各镇街…): they own nothing themselves, their members do. */
export async function groupUnitIds(db: Tx, governmentId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('units').select('id').where('government_id', '=', governmentId).where('kind', '=', 'group').execute();
  return new Set(rows.map((r) => r.id));
}

/** The names of these units, in one query. */
export async function unitNamesOf(db: Tx, governmentId: number, unitIds: readonly number[]): Promise<Map<number, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await readInChunks(unitIds, (ids) =>
    db.selectFrom('units').select(['id', 'name']).where('government_id', '=', governmentId).where('id', 'in', ids).execute(),
  );
  return new Map(rows.map((r) => [r.id, r.name]));
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

/** Reports owed, sent on time or late, and returned, per unit (known.repository.ts counts them as of a date). */
export interface Punctuality {
  unitId: number;
  name: string;
  owed: number;
  onTime: number;
  late: number;
  returned: number;
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
  const rows = await readInChunks(taskIds, (ids) =>
    db
      .selectFrom('task_lights')
      .select(['task_id', 'as_of', 'round_id', 'light'])
      .where('government_id', '=', governmentId)
      .where('task_id', 'in', ids)
      .orderBy('task_id')
      .orderBy('as_of')
      .execute(),
  );
  for (const r of rows) byTask.get(r.task_id)?.push({ asOf: r.as_of, roundId: r.round_id, light: LIGHTS.find((l) => l === r.light) ?? 'none' });
  return byTask;
}
