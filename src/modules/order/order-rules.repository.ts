/**
 * What the order rules read: each active task's lights at the closes of
 * rounds (task_lights rows with a round), newest first. Reads only.
 */
import type { Tx } from '../../store/tx.js';

export interface CloseLight {
  planId: number;
  taskId: number;
  roundId: number;
  roundLabel: string;
  asOf: string;
  light: string;
}

/** The lights at round closes up to `asOf`, by task, newest first. */
export async function closeLightsByTask(db: Tx, governmentId: number, asOf: string): Promise<Map<number, CloseLight[]>> {
  const rows = await db
    .selectFrom('task_lights')
    .innerJoin('rounds', 'rounds.id', 'task_lights.round_id')
    .innerJoin('tasks', 'tasks.id', 'task_lights.task_id')
    .select([
      'task_lights.plan_id as planId',
      'task_lights.task_id as taskId',
      'rounds.id as roundId',
      'rounds.label as roundLabel',
      'task_lights.as_of as asOf',
      'task_lights.light as light',
    ])
    .where('task_lights.government_id', '=', governmentId)
    .where('task_lights.as_of', '<=', asOf)
    .where('tasks.status', '=', 'active')
    .orderBy('task_lights.task_id')
    .orderBy('task_lights.as_of', 'desc')
    .execute();
  const out = new Map<number, CloseLight[]>();
  for (const r of rows) out.set(r.taskId, [...(out.get(r.taskId) ?? []), r]);
  return out;
}
