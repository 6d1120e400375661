/** Rounds, and who owes a report in one. Only this file touches the rounds table. */
import { sql } from 'kysely';
import type { RoundRow } from '../../store/schema.js';
import type { Tx } from '../../store/tx.js';
import { updateAtVersion } from '../../store/versioned.js';
import { listGroupMembers } from '../unit/unit.repository.js';
import { responsibleUnits } from '../unit/unit-groups.js';
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

/** A round's reports counted: owed, sent (first left the unit), sent by the due day, accepted. */
export interface RoundCounts {
  owed: number;
  sent: number;
  onTime: number;
  accepted: number;
}

/** Whose reports to count: all of the round's, one unit's, or those on the tasks a leader leads. */
export type RoundScope = { all: true } | { unitId: number } | { leaderId: number };

/**
 * The reports of these rounds counted in one query, per round. A report is
 * owed once asked, unless it was never sent and its task no longer asks for
 * it (completed by the office, or removed); it is sent when it first left its
 * unit (first_sent_at; for a row from before that was kept, its own time), on
 * time when that was before the due day ended in Beijing (16:00 UTC).
 */
export async function roundCounts(db: Tx, governmentId: number, roundIds: readonly number[], scope: RoundScope): Promise<Map<number, RoundCounts>> {
  if (roundIds.length === 0) return new Map();
  const sentAt = sql<string | null>`coalesce(reports.first_sent_at, case when reports.role = 'co' then reports.approved_at else reports.submitted_at end)`;
  let q = db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .innerJoin('tasks', 'tasks.id', 'reports.task_id')
    .select([
      'reports.round_id',
      sql<number>`sum(case when ${sentAt} is not null or tasks.status = 'active' then 1 else 0 end)`.as('owed'),
      sql<number>`sum(case when ${sentAt} is not null then 1 else 0 end)`.as('sent'),
      sql<number>`sum(case when ${sentAt} < (rounds.due_on || 'T16:00:00.000Z') then 1 else 0 end)`.as('on_time'),
      sql<number>`sum(case when reports.status = 'accepted' then 1 else 0 end)`.as('accepted'),
    ])
    .where('reports.government_id', '=', governmentId)
    .where('reports.round_id', 'in', [...new Set(roundIds)]);
  if ('unitId' in scope) q = q.where('reports.unit_id', '=', scope.unitId);
  if ('leaderId' in scope)
    q = q.where('reports.task_id', 'in', (eb) =>
      eb.selectFrom('task_leaders').select('task_leaders.task_id').where('task_leaders.leader_id', '=', scope.leaderId),
    );
  const rows = await q.groupBy('reports.round_id').execute();
  return new Map(
    rows.map((r) => [r.round_id, { owed: Number(r.owed ?? 0), sent: Number(r.sent ?? 0), onTime: Number(r.on_time ?? 0), accepted: Number(r.accepted ?? 0) }]),
  );
}

export async function planExists(db: Tx, governmentId: number, planId: number): Promise<boolean> {
  return (await db.selectFrom('plans').select('id').where('government_id', '=', governmentId).where('id', '=', planId).executeTakeFirst()) !== undefined;
}

export interface OwedReport {
  taskId: number;
  unitId: number;
  role: 'host' | 'co';
}

/**
 * Every (active task, responsible unit) of the plan, hosts first: one report
 * each. A unit group (各镇街) stands for its members, each of whom owes its own
 * report (unit-groups.ts: a unit hosting directly or through a group owes one
 * host report, not also a co-unit's). A group without members has no people
 * and owes nothing; it is returned in `emptyGroups` for the office to see.
 */
export async function reportsOwed(
  db: Tx,
  governmentId: number,
  planId: number,
  taskIds?: readonly number[],
): Promise<{ owed: OwedReport[]; emptyGroups: { taskId: number; name: string }[] }> {
  if (taskIds?.length === 0) return { owed: [], emptyGroups: [] };
  let q = db
    .selectFrom('task_units')
    .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
    .innerJoin('units', 'units.id', 'task_units.unit_id')
    .select(['task_units.task_id', 'task_units.unit_id', 'task_units.role', 'units.kind', 'units.name'])
    .where('tasks.government_id', '=', governmentId)
    .where('tasks.plan_id', '=', planId)
    .where('tasks.status', '=', 'active');
  if (taskIds !== undefined) q = q.where('task_units.task_id', 'in', [...taskIds]);
  const rows = await q.orderBy('task_units.task_id').orderBy('task_units.role', 'desc').orderBy('task_units.position').execute();
  const members = await listGroupMembers(
    db,
    governmentId,
    rows.filter((r) => r.kind === 'group').map((r) => r.unit_id),
  );
  const tasks = new Map<number, { hosts: { id: number; group: boolean }[]; cos: { id: number; group: boolean }[] }>();
  const emptyGroups: { taskId: number; name: string }[] = [];
  for (const r of rows) {
    const named = tasks.get(r.task_id) ?? { hosts: [], cos: [] };
    tasks.set(r.task_id, named);
    const group = r.kind === 'group';
    (r.role === 'co' ? named.cos : named.hosts).push({ id: r.unit_id, group });
    if (group && !members.has(r.unit_id)) emptyGroups.push({ taskId: r.task_id, name: r.name });
  }
  const asUnit = (u: { id: number }) => ({ id: u.id, group: false });
  const expanded = new Map([...members].map(([groupId, list]) => [groupId, list.map(asUnit)]));
  const owed: OwedReport[] = [];
  for (const [taskId, named] of tasks) {
    const { hosts, cos } = responsibleUnits(named, expanded);
    for (const u of hosts) if (!u.group) owed.push({ taskId, unitId: u.id, role: 'host' });
    for (const u of cos) if (!u.group) owed.push({ taskId, unitId: u.id, role: 'co' });
  }
  return { owed, emptyGroups };
}
