/**
 * The approved work plans, as the status computation reads them: the unit's own
 * milestones and planned schedule stand in for the elapsed share of the year.
 * Reads only; three queries per 500 tasks (src/store/chunks.ts).
 */
import { storedFigure } from '../../domain/figures.js';
import { readInChunks } from '../../store/chunks.js';
import type { Tx } from '../../store/tx.js';

export interface ApprovedMilestone {
  id: number;
  dueOn: string;
  title: string;
  unitId: number | null;
}
export interface ApprovedPlan {
  workPlanId: number;
  taskId: number;
  revision: number;
  milestones: ApprovedMilestone[];
  /** per target id: planned cumulative values, sorted by date */
  schedule: Map<number, { on: string; value: number }[]>;
  /** Targets with a stored planned value that is not a figure (domain/figures.ts): left out of `schedule`, a data error. */
  badValues: Set<number>;
}

/**
 * The approved (in force) work plan of each task that has one; with `end`, the
 * one in force at that instant: the latest revision approved before it, even
 * if a newer one has superseded it since.
 */
export async function approvedPlansOf(db: Tx, governmentId: number, taskIds: readonly number[], end?: string): Promise<Map<number, ApprovedPlan>> {
  const plans = new Map<number, ApprovedPlan>();
  if (taskIds.length === 0) return plans;
  const rows = await readInChunks(taskIds, (ids) => {
    const q = db.selectFrom('work_plans').select(['id', 'task_id', 'revision']).where('government_id', '=', governmentId).where('task_id', 'in', ids);
    return (
      end === undefined
        ? q.where('status', '=', 'approved')
        : q.where('status', 'in', ['approved', 'superseded']).where('decided_at', 'is not', null).where('decided_at', '<', end)
    )
      .orderBy('revision')
      .execute();
  });
  // Only one revision is approved at a time; should two be, the latest is in force.
  for (const r of rows)
    plans.set(r.task_id, { workPlanId: r.id, taskId: r.task_id, revision: r.revision, milestones: [], schedule: new Map(), badValues: new Set() });
  const byPlan = new Map([...plans.values()].map((p) => [p.workPlanId, p]));
  const planIds = [...byPlan.keys()];
  if (planIds.length === 0) return plans;

  const milestones = await readInChunks(planIds, (ids) =>
    db
      .selectFrom('work_plan_milestones')
      .select(['id', 'work_plan_id', 'due_on', 'title', 'unit_id'])
      .where('government_id', '=', governmentId)
      .where('work_plan_id', 'in', ids)
      .orderBy('work_plan_id')
      .orderBy('position')
      .execute(),
  );
  for (const m of milestones) byPlan.get(m.work_plan_id)?.milestones.push({ id: m.id, dueOn: m.due_on, title: m.title, unitId: m.unit_id });

  const values = await readInChunks(planIds, (ids) =>
    db
      .selectFrom('work_plan_values')
      .select(['work_plan_id', 'target_id', 'period_end', 'value'])
      .where('government_id', '=', governmentId)
      .where('work_plan_id', 'in', ids)
      .orderBy('work_plan_id')
      .orderBy('target_id')
      .orderBy('period_end')
      .execute(),
  );
  for (const v of values) {
    const plan = byPlan.get(v.work_plan_id);
    if (plan === undefined) continue;
    const value = storedFigure(v.value);
    if (value === null) {
      plan.badValues.add(v.target_id);
      continue;
    }
    const series = plan.schedule.get(v.target_id) ?? [];
    series.push({ on: v.period_end, value });
    plan.schedule.set(v.target_id, series);
  }
  return plans;
}
