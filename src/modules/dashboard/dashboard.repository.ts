/**
 * Kept dashboards (dashboard_snapshots, dashboard_lights; ADR 0033): read a
 * snapshot and pages of its tasks by index, find what changed since it from
 * the audit log, and store a snapshot or its changes only over the state it
 * was computed from (compare-and-set on the audit row it reflects).
 */
import type { Light } from '../../domain/status.js';
import { LIGHTS } from '../../domain/status.js';
import { chunksOf, readInChunks } from '../../store/chunks.js';
import { preparedQuery } from '../../store/prepared.js';
import type { Tx } from '../../store/tx.js';
import type { KeptBody, KeptTask, Summary } from './dashboard-aggregate.js';

export interface StoredSnapshot {
  id: number;
  headSeq: number;
  summary: Summary;
}

const snapshotOf = preparedQuery((db, governmentId: number, planId: number, asOf: string) =>
  db
    .selectFrom('dashboard_snapshots')
    .select(['id', 'head_seq', 'summary'])
    .where('government_id', '=', governmentId)
    .where('plan_id', '=', planId)
    .where('as_of', '=', asOf),
);

export async function findSnapshot(db: Tx, governmentId: number, planId: number, asOf: string): Promise<StoredSnapshot | undefined> {
  const [row] = await snapshotOf(db, governmentId, planId, asOf);
  return row === undefined ? undefined : { id: row.id, headSeq: Number(row.head_seq), summary: JSON.parse(row.summary) as Summary };
}

const keptHeadOf = preparedQuery((db, snapshotId: number) => db.selectFrom('dashboard_snapshots').select('head_seq').where('id', '=', snapshotId));

/** The audit row a kept snapshot reflects now; undefined once it is gone. */
export async function snapshotHead(db: Tx, snapshotId: number): Promise<number | undefined> {
  const [row] = await keptHeadOf(db, snapshotId);
  return row === undefined ? undefined : Number(row.head_seq);
}

const headSeqOf = preparedQuery((db, governmentId: number) =>
  db.selectFrom('audit_log').select('seq').where('government_id', '=', governmentId).orderBy('seq', 'desc').limit(1),
);

/** The government's newest audit row: everything the ledger holds was written with a row up to it. */
export async function auditHeadSeq(db: Tx, governmentId: number): Promise<number> {
  const [row] = await headSeqOf(db, governmentId);
  return row === undefined ? 0 : Number(row.seq);
}

export interface AuditChange {
  seq: number;
  objectType: string;
  objectId: string | null;
}

/** The audit rows after `seq`, oldest first, at most `limit`. */
export async function changesSince(db: Tx, governmentId: number, seq: number, limit: number): Promise<AuditChange[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['seq', 'object_type', 'object_id'])
    .where('government_id', '=', governmentId)
    .where('seq', '>', seq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), objectType: r.object_type, objectId: r.object_id }));
}

/** Tables whose rows belong to one task: an audit row about one of them touches that task. */
const OWNED_BY_TASK = {
  report: 'reports',
  target: 'targets',
  work_plan: 'work_plans',
  workplan: 'work_plans',
  order: 'orders',
  extension_request: 'extension_requests',
  target_change_request: 'target_change_requests',
} as const;

export type TaskOwnedType = keyof typeof OWNED_BY_TASK;
export const isTaskOwned = (type: string): type is TaskOwnedType => Object.hasOwn(OWNED_BY_TASK, type);

/** The tasks (and, for reports, the units) of these rows of one kind; rows of another government are not found. */
export async function tasksOfRows(
  db: Tx,
  governmentId: number,
  type: TaskOwnedType,
  ids: readonly number[],
): Promise<{ taskId: number; unitId: number | null }[]> {
  if (type === 'report')
    return readInChunks(ids, async (chunk) =>
      (await db.selectFrom('reports').select(['task_id', 'unit_id']).where('government_id', '=', governmentId).where('id', 'in', chunk).execute()).map((r) => ({
        taskId: r.task_id,
        unitId: r.unit_id,
      })),
    );
  const table = OWNED_BY_TASK[type];
  return readInChunks(ids, async (chunk) =>
    (await db.selectFrom(table).select('task_id').where('government_id', '=', governmentId).where('id', 'in', chunk).execute()).flatMap((r) =>
      r.task_id === null ? [] : [{ taskId: r.task_id, unitId: null }],
    ),
  );
}

interface LightRow {
  task_id: number;
  position: number;
  light: string;
  lag_sort: number;
  lag_behind: number;
  body: string;
}

const asLight = (value: string): Light => LIGHTS.find((l) => l === value) ?? 'none';

const toKept = (r: LightRow): KeptTask => ({
  taskId: r.task_id,
  position: r.position,
  light: asLight(r.light),
  lagSort: r.lag_sort,
  lagBehind: Number(r.lag_behind),
  body: JSON.parse(r.body) as KeptBody,
});

const COLUMNS = ['task_id', 'position', 'light', 'lag_sort', 'lag_behind', 'body'] as const;

/** The kept entries of these tasks (those the snapshot has). */
export async function keptTasks(db: Tx, snapshotId: number, taskIds: readonly number[]): Promise<KeptTask[]> {
  const rows = await readInChunks(taskIds, (chunk) =>
    db.selectFrom('dashboard_lights').select(COLUMNS).where('snapshot_id', '=', snapshotId).where('task_id', 'in', chunk).execute(),
  );
  return rows.map(toKept);
}

/** A page of the yellow and red tasks, worst first: red before yellow, then the furthest behind, then notice order. */
export async function laggingPage(db: Tx, snapshotId: number, offset: number, limit: number): Promise<KeptBody[]> {
  const rows = await db
    .selectFrom('dashboard_lights')
    .select('body')
    .where('snapshot_id', '=', snapshotId)
    .where('lag_sort', '<', 9)
    .orderBy('lag_sort')
    .orderBy('lag_behind')
    .orderBy('position')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => JSON.parse(r.body) as KeptBody);
}

/** A page of the tasks in notice order. */
export async function taskPage(db: Tx, snapshotId: number, offset: number, limit: number): Promise<KeptBody[]> {
  const rows = await db
    .selectFrom('dashboard_lights')
    .select('body')
    .where('snapshot_id', '=', snapshotId)
    .orderBy('position')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => JSON.parse(r.body) as KeptBody);
}

/** Every task's kept entry, in notice order (the ledger's lights). */
export async function allKept(db: Tx, snapshotId: number): Promise<KeptTask[]> {
  return (await db.selectFrom('dashboard_lights').select(COLUMNS).where('snapshot_id', '=', snapshotId).orderBy('position').execute()).map(toKept);
}

const toRow = (snapshotId: number, t: KeptTask) => ({
  snapshot_id: snapshotId,
  task_id: t.taskId,
  position: t.position,
  light: t.light,
  lag_sort: t.lagSort,
  lag_behind: t.lagBehind,
  body: JSON.stringify(t.body),
});

/** Rows per INSERT: eight columns each, well under either database's limit on bound values. */
const INSERT_ROWS = 200;

async function insertKept(trx: Tx, snapshotId: number, tasks: readonly KeptTask[]): Promise<void> {
  for (let i = 0; i < tasks.length; i += INSERT_ROWS)
    await trx
      .insertInto('dashboard_lights')
      .values(tasks.slice(i, i + INSERT_ROWS).map((t) => toRow(snapshotId, t)))
      .execute();
}

/** Snapshots not written for this long are dropped when another is stored (they are recomputed if asked for again). */
const KEEP_DAYS = 7;

/**
 * Stores a snapshot computed in full as of audit row `headSeq`, replacing the
 * one kept for the date unless that one reflects as much or more. Returns its
 * id, or undefined when it was not stored. Safe between processes: the kept
 * row is taken over by a conditional update, a new one inserted only if none
 * appeared meanwhile.
 */
export async function storeSnapshot(
  trx: Tx,
  key: { governmentId: number; planId: number; asOf: string },
  headSeq: number,
  summary: Summary,
  tasks: readonly KeptTask[],
  now: string,
): Promise<number | undefined> {
  const values = { head_seq: headSeq, summary: JSON.stringify(summary), computed_at: now };
  const taken = await trx
    .updateTable('dashboard_snapshots')
    .set(values)
    .where('government_id', '=', key.governmentId)
    .where('plan_id', '=', key.planId)
    .where('as_of', '=', key.asOf)
    .where('head_seq', '<', headSeq)
    .returning('id')
    .executeTakeFirst();
  let id = taken?.id;
  if (id !== undefined) await trx.deleteFrom('dashboard_lights').where('snapshot_id', '=', id).execute();
  else {
    const added = await trx
      .insertInto('dashboard_snapshots')
      .values({ government_id: key.governmentId, plan_id: key.planId, as_of: key.asOf, ...values })
      .onConflict((oc) => oc.columns(['government_id', 'plan_id', 'as_of']).doNothing())
      .returning('id')
      .executeTakeFirst();
    // Kept already, as of the same or a later row.
    if (added === undefined) return undefined;
    id = added.id;
  }
  await insertKept(trx, id, tasks);
  await dropStale(trx, key.governmentId, id, now);
  return id;
}

/** The government's snapshots not written for KEEP_DAYS. */
async function dropStale(trx: Tx, governmentId: number, keep: number, now: string): Promise<void> {
  const stale = new Date(Date.parse(now) - KEEP_DAYS * 86_400_000).toISOString();
  const dropped = await trx
    .selectFrom('dashboard_snapshots')
    .select('id')
    .where('government_id', '=', governmentId)
    .where('computed_at', '<', stale)
    .where('id', '<>', keep)
    .execute();
  for (const { id } of dropped) {
    await trx.deleteFrom('dashboard_lights').where('snapshot_id', '=', id).execute();
    await trx.deleteFrom('dashboard_snapshots').where('id', '=', id).execute();
  }
}

/**
 * Stores the changes to a snapshot caught up from `fromSeq` to `headSeq`: the
 * touched tasks' entries replaced (those no longer counted removed) and the
 * new counts. Only when the snapshot still reflects `fromSeq` (a conditional
 * update); false when another process moved it meanwhile.
 */
export async function storeChanges(
  trx: Tx,
  snapshotId: number,
  fromSeq: number,
  headSeq: number,
  summary: Summary,
  touched: readonly number[],
  tasks: readonly KeptTask[],
  now: string,
): Promise<boolean> {
  const moved = await trx
    .updateTable('dashboard_snapshots')
    .set({ head_seq: headSeq, summary: JSON.stringify(summary), computed_at: now })
    .where('id', '=', snapshotId)
    .where('head_seq', '=', fromSeq)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) return false;
  for (const chunk of chunksOf(touched)) await trx.deleteFrom('dashboard_lights').where('snapshot_id', '=', snapshotId).where('task_id', 'in', chunk).execute();
  await insertKept(trx, snapshotId, tasks);
  return true;
}

/** Each government's newest audit row, one index probe per government in one query. */
export async function auditHeadSeqs(db: Tx, governmentIds: readonly number[]): Promise<Map<number, number>> {
  const heads = new Map<number, number>();
  for (const ids of chunksOf(governmentIds)) {
    const rows = await db
      .selectFrom('governments')
      .select((eb) => [
        'governments.id',
        eb
          .selectFrom('audit_log')
          .select('audit_log.seq')
          .whereRef('audit_log.government_id', '=', 'governments.id')
          .orderBy('audit_log.seq', 'desc')
          .limit(1)
          .as('seq'),
      ])
      .where('governments.id', 'in', ids)
      .execute();
    for (const r of rows) heads.set(r.id, r.seq === null ? 0 : Number(r.seq));
  }
  return heads;
}

/** The snapshots kept on the date of these plans: by plan id. */
export async function snapshotsOn(
  db: Tx,
  planIds: readonly number[],
  asOf: string,
): Promise<Map<number, { id: number; governmentId: number; headSeq: number }>> {
  const rows = await readInChunks(planIds, (ids) =>
    db.selectFrom('dashboard_snapshots').select(['id', 'government_id', 'plan_id', 'head_seq']).where('as_of', '=', asOf).where('plan_id', 'in', ids).execute(),
  );
  return new Map(rows.map((r) => [r.plan_id, { id: r.id, governmentId: r.government_id, headSeq: Number(r.head_seq) }]));
}

/**
 * The kept lights of these tasks in the given snapshots (a task is in one plan, so in one snapshot of a date), and
 * whether each was completed by `end` (the instant the date ends), read from the task itself as the status
 * computation reads it (known.repository.ts knownCompleted): no kept body is parsed.
 */
export async function keptLightsIn(
  db: Tx,
  snapshotIds: ReadonlySet<number>,
  taskIds: readonly number[],
  asOf: string,
  end: string,
): Promise<{ taskId: number; light: Light; completed: boolean }[]> {
  const rows = await readInChunks(taskIds, (ids) =>
    db
      .selectFrom('dashboard_lights')
      .innerJoin('dashboard_snapshots', 'dashboard_snapshots.id', 'dashboard_lights.snapshot_id')
      .innerJoin('tasks', 'tasks.id', 'dashboard_lights.task_id')
      .select(['dashboard_lights.snapshot_id', 'dashboard_lights.task_id', 'dashboard_lights.light', 'tasks.status', 'tasks.completed_at'])
      .where('dashboard_snapshots.as_of', '=', asOf)
      .where('dashboard_lights.task_id', 'in', ids)
      .execute(),
  );
  return rows
    .filter((r) => snapshotIds.has(r.snapshot_id))
    .map((r) => ({
      taskId: r.task_id,
      light: asLight(r.light),
      completed: r.status === 'completed' && (r.completed_at === null || r.completed_at < end),
    }));
}

/** Each task's government and plan. */
export async function plansOfTasks(db: Tx, taskIds: readonly number[]): Promise<{ taskId: number; governmentId: number; planId: number; year: number }[]> {
  const rows = await readInChunks(taskIds, (ids) =>
    db
      .selectFrom('tasks')
      .innerJoin('plans', 'plans.id', 'tasks.plan_id')
      .select(['tasks.id', 'tasks.government_id', 'tasks.plan_id', 'plans.year'])
      .where('tasks.id', 'in', ids)
      .execute(),
  );
  return rows.map((r) => ({ taskId: r.id, governmentId: r.government_id, planId: r.plan_id, year: r.year }));
}
