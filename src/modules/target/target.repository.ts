/**
 * A task's targets as the office changes them: the rows with their owners,
 * versions and dates, the revisions that keep the past, and the facts a
 * change depends on (whether a round has asked the task for a report, which
 * units may own a target). Only this file (and target-request.repository.ts)
 * touch these tables for the target module.
 */
import type { Selectable } from 'kysely';
import { storedFigure } from '../../domain/figures.js';
import { COMBINE_RULES, TARGET_KINDS, TARGET_SCOPES } from '../../domain/plan.js';
import type { TargetTable } from '../../store/schema.js';
import type { Tx } from '../../store/tx.js';
import { auditedUpdate, type AuditNote } from '../audit/audited-update.js';
import { readInChunks } from '../../store/chunks.js';
import {
  parseSnapshot,
  REVISION_KINDS,
  snapshotOf,
  type LedgerTarget,
  type RevisionKind,
  type TargetRevision,
  type TargetSnapshot,
  type TargetState,
} from './target.model.js';

function parseJson(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return null;
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

type TargetRow = Selectable<TargetTable>;

function toLedgerTarget(r: TargetRow, owners: number[]): LedgerTarget {
  return {
    id: r.id,
    taskId: r.task_id ?? 0,
    planId: r.plan_id,
    position: r.position,
    version: r.version,
    createdAt: r.created_at,
    retiredAt: r.retired_at,
    text: r.text,
    metric: r.metric,
    kind: TARGET_KINDS.find((k) => k === r.kind) ?? 'other',
    value: r.value === null ? null : storedFigure(r.value),
    unit: r.unit,
    qualifiers: strings(parseJson(r.qualifiers)),
    scope: TARGET_SCOPES.find((s) => s === r.scope) ?? 'annual',
    measured: r.measured === 1,
    combine: COMBINE_RULES.find((c) => c === r.combine) ?? 'sum',
    owners,
  };
}

async function ownersOf(db: Tx, targetIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (targetIds.length === 0) return out;
  const rows = await readInChunks(targetIds, (ids) =>
    db.selectFrom('target_owners').select(['target_id', 'unit_id']).where('target_id', 'in', ids).orderBy('unit_id').execute(),
  );
  for (const r of rows) out.set(r.target_id, [...(out.get(r.target_id) ?? []), r.unit_id]);
  return out;
}

/** The task's targets in force, in their order (retired ones too when asked): two queries. */
export async function listTaskTargets(db: Tx, governmentId: number, taskId: number, options: { retired?: boolean } = {}): Promise<LedgerTarget[]> {
  const rows = await db
    .selectFrom('targets')
    .selectAll()
    .where('government_id', '=', governmentId)
    .where('task_id', '=', taskId)
    .$if(!options.retired, (q) => q.where('retired_at', 'is', null))
    .orderBy('position')
    .orderBy('id')
    .execute();
  const owners = await ownersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toLedgerTarget(r, owners.get(r.id) ?? []));
}

/** A target of a task (a plan's headline targets are not changed here), retired or not. */
export async function findTaskTarget(db: Tx, governmentId: number, id: number): Promise<LedgerTarget | undefined> {
  const row = await db
    .selectFrom('targets')
    .selectAll()
    .where('government_id', '=', governmentId)
    .where('id', '=', id)
    .where('task_id', 'is not', null)
    .executeTakeFirst();
  return row && toLedgerTarget(row, (await ownersOf(db, [row.id])).get(row.id) ?? []);
}

/** Whether a round has asked the task for a report: from then on its targets change only by request. */
export async function taskHasReports(db: Tx, taskId: number): Promise<boolean> {
  const row = await db.selectFrom('reports').select('id').where('task_id', '=', taskId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The same, for many tasks at once: the tasks among them that a round has asked for a report. */
export async function tasksWithReports(db: Tx, taskIds: readonly number[]): Promise<Set<number>> {
  if (taskIds.length === 0) return new Set();
  const rows = await readInChunks(taskIds, (ids) => db.selectFrom('reports').select('task_id').distinct().where('task_id', 'in', ids).execute());
  return new Set(rows.map((r) => r.task_id));
}

/**
 * The units that may own a target of a task, in the task's order: the units
 * that answer for it as hosts (`hostUnitIds` of its subject, where a host
 * group with members stands for them: 各镇街 for its towns, unit-groups.ts).
 */
export async function ownerChoices(db: Tx, governmentId: number, hostUnitIds: readonly number[]): Promise<{ id: number; name: string }[]> {
  if (hostUnitIds.length === 0) return [];
  const units = await db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('government_id', '=', governmentId)
    .where('id', 'in', [...hostUnitIds])
    .execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  return [...new Set(hostUnitIds)].flatMap((id) => {
    const unit = byId.get(id);
    return unit ? [unit] : [];
  });
}

export async function unitNames(db: Tx, governmentId: number, unitIds: readonly number[]): Promise<Map<number, string>> {
  const wanted = [...new Set(unitIds)];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('government_id', '=', governmentId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

const columnsOf = (s: TargetState) => ({
  text: s.text,
  metric: s.metric,
  kind: s.kind,
  value: s.value,
  unit: s.unit,
  qualifiers: JSON.stringify(s.qualifiers),
  scope: s.scope,
  measured: s.measured ? 1 : 0,
  combine: s.combine,
});

/** Writes the target's new state with its audit row, only at the version read; false when it moved meanwhile. */
export function updateTarget(trx: Tx, target: Pick<LedgerTarget, 'id' | 'version'>, state: TargetState, now: string, audit: AuditNote): Promise<boolean> {
  return auditedUpdate(trx, 'targets', target, columnsOf(state), now, audit);
}

/** Retires the target (hidden from the ledger, its reported values kept with it), only at the version read. */
export function retireTarget(trx: Tx, target: Pick<LedgerTarget, 'id' | 'version'>, now: string, audit: AuditNote): Promise<boolean> {
  return auditedUpdate(trx, 'targets', target, { retired_at: now }, now, audit);
}

/** A new target of the task, in force from `now`, with its owners; its id. */
export async function insertTarget(
  trx: Tx,
  where: { governmentId: number; planId: number; taskId: number },
  position: number,
  state: TargetState,
  now: string,
): Promise<number> {
  const row = await trx
    .insertInto('targets')
    .values({ government_id: where.governmentId, plan_id: where.planId, task_id: where.taskId, position, created_at: now, ...columnsOf(state) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceOwners(trx, where.governmentId, row.id, state.owners);
  return row.id;
}

export async function replaceOwners(trx: Tx, governmentId: number, targetId: number, unitIds: readonly number[]): Promise<void> {
  await trx.deleteFrom('target_owners').where('target_id', '=', targetId).execute();
  if (unitIds.length === 0) return;
  await trx
    .insertInto('target_owners')
    .values(unitIds.map((unit_id) => ({ government_id: governmentId, target_id: targetId, unit_id })))
    .execute();
}

/** Puts the targets in this order (positions 0, 1, …), writing only those that move. */
export async function reorderTargets(trx: Tx, ordered: readonly Pick<LedgerTarget, 'id' | 'position'>[]): Promise<void> {
  for (const [position, t] of ordered.entries()) {
    if (t.position !== position) await trx.updateTable('targets').set({ position }).where('id', '=', t.id).execute();
  }
}

export interface NewRevision {
  taskId: number;
  targetId: number;
  change: RevisionKind;
  before: TargetSnapshot | null;
  after: TargetSnapshot | null;
}

/** The revisions of one applied change: when, by whom, why, under which request. */
export async function insertRevisions(
  trx: Tx,
  governmentId: number,
  rows: readonly NewRevision[],
  about: { at: string; actorUserId: number | null; reason: string; requestId: number | null },
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('target_revisions')
    .values(
      rows.map((r) => ({
        government_id: governmentId,
        task_id: r.taskId,
        target_id: r.targetId,
        at: about.at,
        actor_user_id: about.actorUserId,
        change: r.change,
        before: r.before === null ? null : JSON.stringify(snapshotOf(r.before)),
        after: r.after === null ? null : JSON.stringify(snapshotOf(r.after)),
        reason: about.reason,
        request_id: about.requestId,
      })),
    )
    .execute();
}

/** A task's revisions, newest first, with who made each. */
export async function listRevisions(db: Tx, governmentId: number, taskId: number): Promise<TargetRevision[]> {
  const rows = await db
    .selectFrom('target_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.actor_user_id')
    .selectAll('r')
    .select('u.display_name as actor_name')
    .where('r.government_id', '=', governmentId)
    .where('r.task_id', '=', taskId)
    .orderBy('r.at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    taskId: r.task_id,
    targetId: r.target_id,
    at: r.at,
    actorUserId: r.actor_user_id,
    actor: r.actor_name,
    change: REVISION_KINDS.find((k) => k === r.change) ?? 'edit',
    before: parseSnapshot(r.before),
    after: parseSnapshot(r.after),
    reason: r.reason,
    requestId: r.request_id,
  }));
}

/** Users' display names, for who proposed a change. */
export async function userNames(db: Tx, governmentId: number, userIds: readonly number[]): Promise<Map<number, string>> {
  const wanted = [...new Set(userIds)];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('government_id', '=', governmentId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
