/** Rounds, and who owes a report in one. Only this file touches the rounds table. */
import type { RoundRow } from '../../store/schema.js';
import type { Tx } from '../../store/tx.js';
import { updateAtVersion } from '../../store/versioned.js';
import { ROUND_KINDS, type NewRound, type Round } from './round.model.js';

const toRound = (r: RoundRow): Round => ({
  id: r.id,
  planId: r.plan_id,
  kind: ROUND_KINDS.find((k) => k === r.kind) ?? 'adhoc',
  label: r.label,
  periodEnd: r.period_end,
  dueOn: r.due_on,
  status: r.status === 'closed' ? 'closed' : 'open',
  createdBy: r.created_by,
  createdAt: r.created_at,
  version: r.version,
  closedBy: r.closed_by,
  closedAt: r.closed_at,
});

export async function insertRound(trx: Tx, governmentId: number, round: NewRound, createdBy: number | null, now: string): Promise<Round> {
  const row = await trx
    .insertInto('rounds')
    .values({
      government_id: governmentId,
      plan_id: round.planId,
      kind: round.kind,
      label: round.label,
      period_end: round.periodEnd,
      due_on: round.dueOn,
      created_by: createdBy,
      created_at: now,
      task_ids: round.taskIds === undefined ? null : JSON.stringify(round.taskIds),
      schedule_id: round.scheduleId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRound(row);
}

export async function findRoundByLabel(db: Tx, governmentId: number, planId: number, label: string): Promise<Round | undefined> {
  const row = await db
    .selectFrom('rounds')
    .selectAll()
    .where('government_id', '=', governmentId)
    .where('plan_id', '=', planId)
    .where('label', '=', label)
    .executeTakeFirst();
  return row && toRound(row);
}

export async function findRound(db: Tx, governmentId: number, id: number): Promise<Round | undefined> {
  const row = await db.selectFrom('rounds').selectAll().where('government_id', '=', governmentId).where('id', '=', id).executeTakeFirst();
  return row && toRound(row);
}

/** Closes the round if it is still open at the version read; undefined when someone changed it meanwhile. */
export async function closeRound(trx: Tx, round: Pick<Round, 'id' | 'version'>, closedBy: number | null, now: string): Promise<Round | undefined> {
  if (!(await updateAtVersion(trx, 'rounds', round, { status: 'closed', closed_by: closedBy, closed_at: now }, now))) return undefined;
  const row = await trx.selectFrom('rounds').selectAll().where('id', '=', round.id).executeTakeFirstOrThrow();
  return toRound(row);
}

export async function listRounds(db: Tx, governmentId: number, planId?: number): Promise<Round[]> {
  let q = db.selectFrom('rounds').selectAll().where('government_id', '=', governmentId);
  if (planId !== undefined) q = q.where('plan_id', '=', planId);
  return (await q.orderBy('period_end', 'desc').orderBy('id', 'desc').execute()).map(toRound);
}

export async function planExists(db: Tx, governmentId: number, planId: number): Promise<boolean> {
  return (await db.selectFrom('plans').select('id').where('government_id', '=', governmentId).where('id', '=', planId).executeTakeFirst()) !== undefined;
}

/**
 * Every (active task, responsible unit) of the plan, hosts first. Unit groups
 * (各镇街) are placeholders without people of their own, so they owe no
 * report; their members are named once the office resolves the group.
 */
export async function responsibleUnits(
  db: Tx,
  governmentId: number,
  planId: number,
  taskIds?: readonly number[],
): Promise<{ taskId: number; unitId: number; role: 'host' | 'co' }[]> {
  if (taskIds?.length === 0) return [];
  let q = db
    .selectFrom('task_units')
    .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
    .innerJoin('units', 'units.id', 'task_units.unit_id')
    .select(['task_units.task_id', 'task_units.unit_id', 'task_units.role'])
    .where('tasks.government_id', '=', governmentId)
    .where('tasks.plan_id', '=', planId)
    .where('tasks.status', '=', 'active')
    .where('units.kind', '!=', 'group');
  if (taskIds !== undefined) q = q.where('task_units.task_id', 'in', [...taskIds]);
  const rows = await q.orderBy('task_units.task_id').orderBy('task_units.role', 'desc').orderBy('task_units.position').execute();
  return rows.map((r) => ({ taskId: r.task_id, unitId: r.unit_id, role: r.role === 'co' ? 'co' : 'host' }));
}
