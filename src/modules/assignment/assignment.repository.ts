/** Tasks handed down (task_assignments), the tasks they became below, their target shares and the links taking them up. */
import type { StoredTarget } from '../task/task.model.js';
import type { Tx } from '../../store/tx.js';
import { acceptedBy } from '../status/known.repository.js';
import { insertInBatches } from '../task/task-details.repository.js';
import { readInChunks } from '../../store/chunks.js';

export interface AssignmentRow {
  id: number;
  /** The assigning (upper) government. */
  governmentId: number;
  sourceTaskId: number;
  assigneeGovernmentId: number;
  assigneeGovernmentName: string;
  /** The task it became in the lower government's ledger. */
  taskId: number;
  planId: number;
  createdBy: number | null;
  createdAt: string;
}

function assignments(db: Tx) {
  return db
    .selectFrom('task_assignments')
    .innerJoin('governments', 'governments.id', 'task_assignments.assignee_government_id')
    .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
    .select([
      'task_assignments.id',
      'task_assignments.government_id',
      'task_assignments.source_task_id',
      'task_assignments.assignee_government_id',
      'governments.name as assignee_name',
      'task_assignments.task_id',
      'tasks.plan_id',
      'task_assignments.created_by',
      'task_assignments.created_at',
    ])
    .orderBy('task_assignments.assignee_government_id')
    .orderBy('task_assignments.id');
}

type Selected = Awaited<ReturnType<ReturnType<typeof assignments>['execute']>>[number];

const toRow = (r: Selected): AssignmentRow => ({
  id: r.id,
  governmentId: r.government_id,
  sourceTaskId: r.source_task_id,
  assigneeGovernmentId: r.assignee_government_id,
  assigneeGovernmentName: r.assignee_name,
  taskId: r.task_id,
  planId: r.plan_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** The assignments of one upper task, by lower government. */
export async function assignmentsOfTask(db: Tx, governmentId: number, sourceTaskId: number): Promise<AssignmentRow[]> {
  const rows = await assignments(db)
    .where('task_assignments.government_id', '=', governmentId)
    .where('task_assignments.source_task_id', '=', sourceTaskId)
    .execute();
  return rows.map(toRow);
}

/** Every assignment made by one of `governmentIds` (the caller's government and those below it) to `assigneeId`. */
export async function assignmentsTo(db: Tx, assigneeId: number, byGovernmentIds: readonly number[]): Promise<AssignmentRow[]> {
  if (byGovernmentIds.length === 0) return [];
  const rows = await assignments(db)
    .where('task_assignments.assignee_government_id', '=', assigneeId)
    .where('task_assignments.government_id', 'in', [...byGovernmentIds])
    .execute();
  return rows.map(toRow);
}

/** Every assignment made by the government, for its roll-up across lower governments. */
export async function assignmentsBy(db: Tx, governmentId: number): Promise<AssignmentRow[]> {
  const rows = await assignments(db).where('task_assignments.government_id', '=', governmentId).execute();
  return rows.map(toRow);
}

/** The assignment a lower government's task came from; undefined for its own tasks. */
export async function assignmentOfLowerTask(db: Tx, assigneeId: number, taskId: number): Promise<AssignmentRow | undefined> {
  const row = await assignments(db)
    .where('task_assignments.assignee_government_id', '=', assigneeId)
    .where('task_assignments.task_id', '=', taskId)
    .executeTakeFirst();
  return row && toRow(row);
}

export async function insertAssignment(
  trx: Tx,
  row: { governmentId: number; sourceTaskId: number; assigneeGovernmentId: number; taskId: number; createdBy: number | null; createdAt: string },
): Promise<number> {
  const inserted = await trx
    .insertInto('task_assignments')
    .values({
      government_id: row.governmentId,
      source_task_id: row.sourceTaskId,
      assignee_government_id: row.assigneeGovernmentId,
      task_id: row.taskId,
      created_by: row.createdBy,
      created_at: row.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** The lower government's plan for the year that takes tasks from above: the newest in use of that year. */
export async function planOfYear(db: Tx, governmentId: number, year: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('plans')
    .select('id')
    .where('government_id', '=', governmentId)
    .where('year', '=', year)
    .where('archived_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** The plan section that holds tasks from above; created (last in the plan) when missing. */
export async function sectionFromAbove(trx: Tx, governmentId: number, planId: number, number: string, title: string): Promise<number> {
  const found = await trx.selectFrom('sections').select('id').where('plan_id', '=', planId).where('number', '=', number).executeTakeFirst();
  if (found) return found.id;
  const last = await trx
    .selectFrom('sections')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  const position = Number(last?.position ?? -1) + 1000;
  const row = await trx
    .insertInto('sections')
    .values({ government_id: governmentId, plan_id: planId, number, title, position })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The next task number in a section. */
export async function nextNumber(db: Tx, sectionId: number): Promise<number> {
  const row = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.max('number').as('number'))
    .where('section_id', '=', sectionId)
    .executeTakeFirst();
  return Number(row?.number ?? 0) + 1;
}

export async function markFromAbove(trx: Tx, taskId: number, source: { taskId: number; governmentId: number }): Promise<void> {
  await trx.updateTable('tasks').set({ source_task_id: source.taskId, source_government_id: source.governmentId }).where('id', '=', taskId).execute();
}

/** A share of an upper target, as the lower task's own target. */
export interface TargetShare {
  source: StoredTarget;
  value: number | null;
  text: string;
}

export async function insertShareTargets(
  trx: Tx,
  governmentId: number,
  planId: number,
  taskId: number,
  shares: readonly TargetShare[],
  now: string,
): Promise<void> {
  const rows = shares.map(({ source, value, text }, position) => ({
    government_id: governmentId,
    plan_id: planId,
    task_id: taskId,
    position,
    text,
    metric: source.metric,
    kind: source.kind,
    value,
    unit: source.unit,
    qualifiers: JSON.stringify(source.qualifiers),
    scope: source.scope,
    measured: source.measured ? 1 : 0,
    combine: source.combine,
    created_at: now,
    source_target_id: source.id,
  }));
  await insertInBatches(rows, (batch) => trx.insertInto('targets').values(batch).execute());
}

/** Each live target of the lower tasks with the upper target it is a share of. */
export async function sourceTargetsOf(db: Tx, taskIds: readonly number[]): Promise<Map<number, number>> {
  if (taskIds.length === 0) return new Map();
  const rows = await readInChunks(taskIds, (ids) =>
    db
      .selectFrom('targets')
      .select(['id', 'source_target_id'])
      .where('task_id', 'in', ids)
      .where('source_target_id', 'is not', null)
      .where('retired_at', 'is', null)
      .execute(),
  );
  return new Map(rows.flatMap((r) => (r.source_target_id === null ? [] : [[r.id, r.source_target_id] as const])));
}

export interface LinkRow {
  assignmentId: number;
  taskId: number;
  confirmedBy: number | null;
  confirmedAt: string;
}

export async function linksOf(db: Tx, assignmentIds: readonly number[]): Promise<LinkRow[]> {
  if (assignmentIds.length === 0) return [];
  const rows = await readInChunks(assignmentIds, (ids) =>
    db
      .selectFrom('task_links')
      .select(['assignment_id', 'task_id', 'confirmed_by', 'confirmed_at'])
      .where('assignment_id', 'in', ids)
      .orderBy('assignment_id')
      .orderBy('task_id')
      .execute(),
  );
  return rows.map((r) => ({ assignmentId: r.assignment_id, taskId: r.task_id, confirmedBy: r.confirmed_by, confirmedAt: r.confirmed_at }));
}

export async function replaceLinks(
  trx: Tx,
  governmentId: number,
  assignmentId: number,
  taskIds: readonly number[],
  by: number | null,
  now: string,
): Promise<void> {
  await trx.deleteFrom('task_links').where('assignment_id', '=', assignmentId).execute();
  if (taskIds.length === 0) return;
  await trx
    .insertInto('task_links')
    .values(taskIds.map((taskId) => ({ government_id: governmentId, assignment_id: assignmentId, task_id: taskId, confirmed_by: by, confirmed_at: now })))
    .execute();
}

/** The newest host report of each task accepted before `end` and not voided before it. */
export async function lastAcceptedReports(
  db: Tx,
  governmentId: number,
  taskIds: readonly number[],
  end: string,
): Promise<Map<number, { reportId: number; periodEnd: string; acceptedAt: string; confidence: string | null; progress: string }>> {
  const out = new Map<number, { reportId: number; periodEnd: string; acceptedAt: string; confidence: string | null; progress: string }>();
  if (taskIds.length === 0) return out;
  // Each task's reports in one chunk, newest accepted first.
  const rows = await readInChunks(taskIds, (ids) =>
    db
      .selectFrom('reports')
      .innerJoin('rounds', 'rounds.id', 'reports.round_id')
      .select(['reports.id', 'reports.task_id', 'rounds.period_end', 'reports.accepted_at', 'reports.confidence', 'reports.progress'])
      .where('reports.government_id', '=', governmentId)
      .where('reports.task_id', 'in', ids)
      .where('reports.role', '=', 'host')
      // The one rule of what the office had accepted by then (known.repository.ts).
      .where((eb) => acceptedBy(eb, end))
      .orderBy('reports.accepted_at', 'desc')
      .orderBy('reports.id', 'desc')
      .execute(),
  );
  for (const r of rows) {
    if (out.has(r.task_id) || r.accepted_at === null) continue;
    out.set(r.task_id, { reportId: r.id, periodEnd: r.period_end, acceptedAt: r.accepted_at, confidence: r.confidence, progress: r.progress });
  }
  return out;
}
