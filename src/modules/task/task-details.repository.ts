/**
 * What hangs off a task: its leaders and units (ordered links), its targets
 * and its projects. Also the plan's headline targets (targets without a task).
 */
import { defaultCombine } from '../../domain/completion.js';
import {
  COMBINE_RULES,
  PROJECT_STAGES,
  TARGET_KINDS,
  TARGET_SCOPES,
  isMeasured,
  scopeOf,
  type Project,
  type ProjectStage,
  type Target,
  type TargetKind,
} from '../../domain/plan.js';
import type { Tx } from '../../store/tx.js';
import type { StoredProject, StoredTarget } from './task.model.js';

/** Rows per INSERT: keeps every statement under SQLite's and PostgreSQL's parameter limits. */
const BATCH = 200;

export async function insertInBatches<R>(rows: readonly R[], insert: (batch: R[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export interface TaskLinks {
  taskId: number;
  leaderIds: readonly number[];
  hostUnitIds: readonly number[];
  coUnitIds: readonly number[];
}

export async function insertTaskLeaders(trx: Tx, governmentId: number, links: readonly TaskLinks[]): Promise<void> {
  const rows = links.flatMap((l) => l.leaderIds.map((leader_id, position) => ({ government_id: governmentId, task_id: l.taskId, leader_id, position })));
  await insertInBatches(rows, (batch) => trx.insertInto('task_leaders').values(batch).execute());
}

export async function insertTaskUnits(trx: Tx, governmentId: number, links: readonly TaskLinks[]): Promise<void> {
  const rows = links.flatMap((l) => [
    ...l.hostUnitIds.map((unit_id, position) => ({ government_id: governmentId, task_id: l.taskId, unit_id, role: 'host', position })),
    ...l.coUnitIds.map((unit_id, position) => ({ government_id: governmentId, task_id: l.taskId, unit_id, role: 'co', position })),
  ]);
  await insertInBatches(rows, (batch) => trx.insertInto('task_units').values(batch).execute());
}

export async function deleteTaskLeaders(trx: Tx, taskId: number): Promise<void> {
  await trx.deleteFrom('task_leaders').where('task_id', '=', taskId).execute();
}

export async function deleteTaskUnits(trx: Tx, taskId: number): Promise<void> {
  await trx.deleteFrom('task_units').where('task_id', '=', taskId).execute();
}

/** Targets of tasks (taskId set) or headline targets of the plan (taskId null). */
export async function insertTargets(
  trx: Tx,
  governmentId: number,
  planId: number,
  items: readonly { taskId: number | null; targets: readonly Target[] }[],
): Promise<void> {
  const rows = items.flatMap(({ taskId, targets }) =>
    targets.map((t, position) => ({
      government_id: governmentId,
      plan_id: planId,
      task_id: taskId,
      position,
      text: t.text,
      metric: t.metric,
      kind: t.kind,
      value: t.value,
      unit: t.unit,
      qualifiers: JSON.stringify(t.qualifiers),
      scope: scopeOf(t),
      measured: isMeasured(t) ? 1 : 0,
      combine: defaultCombine(t),
    })),
  );
  await insertInBatches(rows, (batch) => trx.insertInto('targets').values(batch).execute());
}

/**
 * A revised notice's targets for a task, written over the stored ones
 * position by position: the n-th target keeps its id (and so the figures
 * reported on it and the values planned for it), with its new wording and
 * number. Targets the revision dropped are deleted, or, when reports, work
 * plans, the aggregates or target revisions refer to them, retired: kept for
 * that history and hidden from the ledger.
 */
export async function replaceTaskTargets(
  trx: Tx,
  governmentId: number,
  planId: number,
  taskId: number,
  targets: readonly Target[],
  now: string,
): Promise<void> {
  const stored = await trx
    .selectFrom('targets')
    .select(['id', 'version'])
    .where('task_id', '=', taskId)
    .where('retired_at', 'is', null)
    .orderBy('position')
    .execute();
  for (const [position, t] of targets.entries()) {
    const old = stored[position];
    if (old === undefined) continue;
    await trx
      .updateTable('targets')
      .set({
        position,
        text: t.text,
        metric: t.metric,
        kind: t.kind,
        value: t.value,
        unit: t.unit,
        qualifiers: JSON.stringify(t.qualifiers),
        scope: scopeOf(t),
        measured: isMeasured(t) ? 1 : 0,
        combine: defaultCombine(t),
        version: old.version + 1,
      })
      .where('id', '=', old.id)
      .execute();
  }
  await insertTargets(trx, governmentId, planId, [{ taskId, targets: targets.slice(stored.length) }]);
  const dropped = stored.slice(targets.length).map((t) => t.id);
  if (dropped.length === 0) return;
  const used = new Set<number>();
  // A target the office changed keeps its revisions: it is history too.
  for (const table of ['report_values', 'work_plan_values', 'target_progress', 'target_revisions'] as const) {
    for (const row of await trx.selectFrom(table).select('target_id').where('target_id', 'in', dropped).execute()) used.add(row.target_id);
  }
  const unused = dropped.filter((id) => !used.has(id));
  if (unused.length > 0) await trx.deleteFrom('targets').where('id', 'in', unused).execute();
  if (used.size > 0)
    await trx
      .updateTable('targets')
      .set({ retired_at: now })
      .where('id', 'in', [...used])
      .execute();
}

export async function deleteHeadlineTargets(trx: Tx, planId: number): Promise<void> {
  await trx.deleteFrom('targets').where('plan_id', '=', planId).where('task_id', 'is', null).execute();
}

export async function listHeadlineTargets(db: Tx, planId: number): Promise<StoredTarget[]> {
  const rows = await db
    .selectFrom('targets')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('task_id', 'is', null)
    .where('retired_at', 'is', null)
    .orderBy('position')
    .execute();
  return rows.map(toTarget);
}

export async function insertProjects(trx: Tx, governmentId: number, items: readonly { taskId: number; projects: readonly Project[] }[]): Promise<void> {
  const rows = items.flatMap(({ taskId, projects }) =>
    projects.map((p, position) => ({ government_id: governmentId, task_id: taskId, position, name: p.name, stage: p.stage })),
  );
  await insertInBatches(rows, (batch) => trx.insertInto('projects').values(batch).execute());
}

export async function deleteTaskProjects(trx: Tx, taskId: number): Promise<void> {
  await trx.deleteFrom('projects').where('task_id', '=', taskId).execute();
}

interface TargetRecord {
  id: number;
  position: number;
  text: string;
  metric: string;
  kind: string;
  value: number | null;
  unit: string | null;
  qualifiers: string;
  scope: string;
  measured: number;
  combine: string;
}

export function toTarget(r: TargetRecord): StoredTarget {
  return {
    id: r.id,
    position: r.position,
    text: r.text,
    metric: r.metric,
    kind: (TARGET_KINDS as readonly string[]).includes(r.kind) ? (r.kind as TargetKind) : 'other',
    // PostgreSQL returns double precision as a number; the parser guards against a driver that does not.
    value: r.value === null ? null : Number(r.value),
    unit: r.unit,
    qualifiers: parseStrings(r.qualifiers),
    scope: TARGET_SCOPES.find((x) => x === r.scope) ?? 'annual',
    measured: r.measured === 1,
    combine: COMBINE_RULES.find((x) => x === r.combine) ?? 'sum',
  };
}

export function toProject(r: { id: number; position: number; name: string; stage: string }): StoredProject {
  const stage = (PROJECT_STAGES as readonly string[]).includes(r.stage) ? (r.stage as ProjectStage) : '其他';
  return { id: r.id, position: r.position, name: r.name, stage };
}

function parseStrings(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
