/** Plans (one per notice), their versions (one per imported revision) and sections. */
import type { Section } from '../../domain/plan.js';
import type { Tx } from '../../store/tx.js';
import { updateAtVersion } from '../../store/versioned.js';
import { auditedUpdate, type AuditNote } from '../audit/audited-update.js';
import type { VersionSummary } from './plan-diff.js';

/** The fields of a plan that come from the notice itself. */
export interface PlanHeader {
  docNumber: string | null;
  year: number;
  title: string;
  issuer: string | null;
  issuedOn: string | null;
}

export interface StoredPlan extends PlanHeader {
  id: number;
  currentVersion: number;
  version: number;
  /** SM3 of the file of the version in force. */
  sourceHash: string | null;
}

/** A plan as the plan list shows it: its tasks counted, when its version in force was imported, whether it is archived. */
export interface ListedPlan extends StoredPlan {
  /** Tasks of the plan, removed ones (gone from a revised notice) not counted. */
  taskCount: number;
  importedAt: string | null;
  archived: PlanArchive | null;
}

/** When, by whom and why a plan was archived. */
export interface PlanArchive {
  at: string;
  by: number | null;
  byName: string | null;
  reason: string;
}

export interface PlanVersion {
  number: number;
  sourceHash: string;
  sourceName: string;
  importedBy: number | null;
  importedAt: string;
  summary: VersionSummary;
}

export interface StoredSection extends Section {
  id: number;
  position: number;
}

/**
 * The plan a notice revises: the same document number, or, for a notice
 * without one, the same year and title. The oldest wins if several match.
 */
export async function findPlanFor(
  db: Tx,
  governmentId: number,
  identity: { docNumber: string | null; year: number; title: string },
): Promise<StoredPlan | null> {
  let q = db
    .selectFrom('plans')
    .leftJoin('plan_versions', (join) => join.onRef('plan_versions.plan_id', '=', 'plans.id').onRef('plan_versions.number', '=', 'plans.current_version'))
    .selectAll('plans')
    .select('plan_versions.source_hash')
    .where('plans.government_id', '=', governmentId);
  q =
    identity.docNumber !== null
      ? q.where('plans.doc_number', '=', identity.docNumber)
      : q.where('plans.year', '=', identity.year).where('plans.title', '=', identity.title);
  const row = await q.orderBy('plans.id').limit(1).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    docNumber: row.doc_number,
    year: row.year,
    title: row.title,
    issuer: row.issuer,
    issuedOn: row.issued_on,
    currentVersion: row.current_version,
    version: row.version,
    sourceHash: row.source_hash,
  };
}

export async function insertPlan(trx: Tx, governmentId: number, header: PlanHeader, now: string): Promise<number> {
  const row = await trx
    .insertInto('plans')
    .values({
      government_id: governmentId,
      doc_number: header.docNumber,
      year: header.year,
      title: header.title,
      issuer: header.issuer,
      issued_on: header.issuedOn,
      current_version: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Moves the plan to a new version in force, with the header of that version; recorded in the import's audit row (plan.revise). */
export async function updatePlan(trx: Tx, plan: { id: number; version: number }, header: PlanHeader, currentVersion: number, now: string): Promise<void> {
  const set = {
    doc_number: header.docNumber,
    year: header.year,
    title: header.title,
    issuer: header.issuer,
    issued_on: header.issuedOn,
    current_version: currentVersion,
  };
  if (!(await updateAtVersion(trx, 'plans', plan, set, now))) throw new Error(`计划 #${plan.id} 已被他人修改，请重试`);
}

export async function insertPlanVersion(trx: Tx, governmentId: number, planId: number, version: Omit<PlanVersion, 'importedAt'>, now: string): Promise<void> {
  await trx
    .insertInto('plan_versions')
    .values({
      government_id: governmentId,
      plan_id: planId,
      number: version.number,
      source_hash: version.sourceHash,
      source_name: version.sourceName,
      imported_by: version.importedBy,
      imported_at: now,
      summary: JSON.stringify(version.summary),
    })
    .execute();
}

export async function listPlanVersions(db: Tx, planId: number): Promise<PlanVersion[]> {
  const rows = await db.selectFrom('plan_versions').selectAll().where('plan_id', '=', planId).orderBy('number').execute();
  return rows.map((r) => ({
    number: r.number,
    sourceHash: r.source_hash,
    sourceName: r.source_name,
    importedBy: r.imported_by,
    importedAt: r.imported_at,
    summary: JSON.parse(r.summary) as VersionSummary,
  }));
}

export async function listPlans(db: Tx, governmentId: number): Promise<ListedPlan[]> {
  const rows = await db
    .selectFrom('plans')
    .leftJoin('plan_versions', (join) => join.onRef('plan_versions.plan_id', '=', 'plans.id').onRef('plan_versions.number', '=', 'plans.current_version'))
    .leftJoin('users', 'users.id', 'plans.archived_by')
    .selectAll('plans')
    .select(['plan_versions.source_hash', 'plan_versions.imported_at', 'users.display_name as archived_by_name'])
    .select((eb) =>
      eb
        .selectFrom('tasks')
        .select((c) => c.fn.countAll<number | string>().as('n'))
        .whereRef('tasks.plan_id', '=', 'plans.id')
        .where('tasks.status', '<>', 'removed')
        .as('task_count'),
    )
    .where('plans.government_id', '=', governmentId)
    .orderBy('plans.year', 'desc')
    .orderBy('plans.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    docNumber: r.doc_number,
    year: r.year,
    title: r.title,
    issuer: r.issuer,
    issuedOn: r.issued_on,
    currentVersion: r.current_version,
    version: r.version,
    sourceHash: r.source_hash,
    taskCount: Number(r.task_count ?? 0),
    importedAt: r.imported_at,
    archived: r.archived_at === null ? null : { at: r.archived_at, by: r.archived_by, byName: r.archived_by_name, reason: r.archive_reason ?? '' },
  }));
}

export async function listSections(db: Tx, planId: number): Promise<StoredSection[]> {
  const rows = await db.selectFrom('sections').select(['id', 'number', 'title', 'position']).where('plan_id', '=', planId).orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, number: r.number, title: r.title, position: r.position }));
}

/**
 * Makes the plan's sections match the notice's, by numeral. Sections the notice
 * no longer has are kept: removed tasks still point at them.
 */
export async function saveSections(
  trx: Tx,
  governmentId: number,
  planId: number,
  sections: readonly Section[],
  stored: readonly StoredSection[],
): Promise<Map<string, number>> {
  const ids = new Map(stored.map((s) => [s.number, s.id]));
  const byNumber = new Map(stored.map((s) => [s.number, s]));
  for (const [position, s] of sections.entries()) {
    const old = byNumber.get(s.number);
    if (!old) {
      const row = await trx
        .insertInto('sections')
        .values({ government_id: governmentId, plan_id: planId, number: s.number, title: s.title, position })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(s.number, row.id);
    } else if (old.title !== s.title || old.position !== position) {
      await trx.updateTable('sections').set({ title: s.title, position }).where('id', '=', old.id).execute();
    }
  }
  return ids;
}

/** A plan as the supervision services need it: its id and year. */
export interface PlanRef {
  id: number;
  year: number;
}

export async function findPlanRef(db: Tx, governmentId: number, planId: number): Promise<PlanRef | undefined> {
  return db.selectFrom('plans').select(['id', 'year']).where('government_id', '=', governmentId).where('id', '=', planId).executeTakeFirst();
}

/**
 * The plan a request means when it names none: the latest year's, the newest
 * of that year when there are several; archived plans only when every plan is
 * archived (they stay readable).
 */
export async function newestPlanRef(db: Tx, governmentId: number): Promise<PlanRef | undefined> {
  return db
    .selectFrom('plans')
    .select(['id', 'year'])
    .where('government_id', '=', governmentId)
    .orderBy((eb) => eb.case().when('archived_at', 'is', null).then(0).else(1).end())
    .orderBy('year', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A plan's archive state and version, for archiving, restoring and refusing writes. */
export interface PlanState {
  id: number;
  title: string;
  year: number;
  version: number;
  archivedAt: string | null;
  archivedBy: number | null;
  archiveReason: string | null;
}

export async function findPlanState(db: Tx, governmentId: number, planId: number): Promise<PlanState | undefined> {
  const row = await db
    .selectFrom('plans')
    .select(['id', 'title', 'year', 'version', 'archived_at', 'archived_by', 'archive_reason'])
    .where('government_id', '=', governmentId)
    .where('id', '=', planId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      title: row.title,
      year: row.year,
      version: row.version,
      archivedAt: row.archived_at,
      archivedBy: row.archived_by,
      archiveReason: row.archive_reason,
    }
  );
}

/** Archives the plan (or restores it with `null`) at the version read, with its audit row; false when the version moved. */
export async function setPlanArchive(
  trx: Tx,
  plan: { id: number; version: number },
  archive: { at: string; by: number | null; reason: string } | null,
  now: string,
  audit: AuditNote,
): Promise<boolean> {
  const set = archive
    ? { archived_at: archive.at, archived_by: archive.by, archive_reason: archive.reason }
    : { archived_at: null, archived_by: null, archive_reason: null };
  return auditedUpdate(trx, 'plans', plan, set, now, audit);
}

/** The ids of the government's archived plans (the jobs leave them alone). */
export async function archivedPlanIds(db: Tx, governmentId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('plans').select('id').where('government_id', '=', governmentId).where('archived_at', 'is not', null).execute();
  return new Set(rows.map((r) => r.id));
}

/** The objects whose plan a write is checked against: a plan, a task, or what belongs to a task or a plan. */
export type PlanOwned = 'plan' | 'task' | 'report' | 'work_plan' | 'extension_request' | 'target_change_request' | 'order' | 'bulletin' | 'round' | 'target';

const PLAN_OWNED: ReadonlySet<string> = new Set<PlanOwned>([
  'plan',
  'task',
  'report',
  'work_plan',
  'extension_request',
  'target_change_request',
  'order',
  'bulletin',
  'round',
  'target',
]);

export const isPlanOwned = (kind: string): kind is PlanOwned => PLAN_OWNED.has(kind);

/** The plan an object belongs to; undefined when the object is not found. */
export async function planIdOf(db: Tx, kind: PlanOwned, id: number): Promise<number | undefined> {
  switch (kind) {
    case 'plan':
      return id;
    case 'task':
      return (await db.selectFrom('tasks').select('plan_id').where('id', '=', id).executeTakeFirst())?.plan_id;
    case 'order':
    case 'bulletin':
    case 'round':
    case 'target': {
      const table = { order: 'orders', bulletin: 'bulletins', round: 'rounds', target: 'targets' } as const;
      return (
        await db
          .selectFrom(table[kind] as 'orders')
          .select('plan_id')
          .where('id', '=', id)
          .executeTakeFirst()
      )?.plan_id;
    }
    case 'report':
    case 'work_plan':
    case 'extension_request':
    case 'target_change_request': {
      const table = {
        report: 'reports',
        work_plan: 'work_plans',
        extension_request: 'extension_requests',
        target_change_request: 'target_change_requests',
      } as const;
      const row = await db
        .selectFrom(`${table[kind]} as o` as 'reports as o')
        .innerJoin('tasks', 'tasks.id', 'o.task_id')
        .select('tasks.plan_id')
        .where('o.id', '=', id)
        .executeTakeFirst();
      return row?.plan_id;
    }
  }
}
