/**
 * The plan importer: the one command that puts a parsed notice into the
 * ledger, used by `luoshi import --commit` and by the API. `preview` shows
 * what a commit would do; `commit` does it inside the caller's transaction,
 * all or nothing, with its audit rows.
 */
import type { Actor } from '../../domain/actor.js';
import type { Plan, Warning } from '../../domain/plan.js';
import { sm3 } from '../../crypto/index.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { appendAudit, type Change } from '../audit/audit.repository.js';
import { lockForChange } from '../../store/locks.js';
import { deleteHeadlineTargets, insertTargets, listHeadlineTargets } from '../task/task-details.repository.js';
import type { LedgerTask } from '../task/task.model.js';
import { listTasks } from '../task/task.repository.js';
import type { UnitDirectory } from '../../importer/index.js';
import { hasUnits, lookUpUnitNames } from '../unit/unit.repository.js';
import { applyCorrections, isEmptyCorrections, unitNamesOf, type PlanCorrections } from './plan-corrections.js';
import { lookupForms, noticeDirectory, readPlanUnits } from './plan-units.js';
import {
  contentOfStored,
  contentOfTask,
  isEmptyDiff,
  matchTasks,
  planFieldsChanged,
  summarizeMatch,
  type ImportDiff,
  type TaskContent,
  type TaskField,
  type TaskMatch,
  type VersionSummary,
} from './plan-diff.js';
import { findConflicts, keepDecisions, type ConflictOverride, type ImportConflict } from './plan-conflicts.js';
import { writeTaskChanges } from './plan-task-writer.js';
import { taskDecisions } from './task-decisions.repository.js';
import { planHeader, validatePlan } from './plan-validate.js';
import { PlanImportError } from './plan.errors.js';
import {
  findPlanFor,
  insertPlan,
  insertPlanVersion,
  listSections,
  saveSections,
  updatePlan,
  type PlanHeader,
  type StoredPlan,
  type StoredSection,
} from './plan.repository.js';
import { refuseIfArchived } from './plan-archive.service.js';

export type { ImportDiff } from './plan-diff.js';
export type { ConflictOverride, ImportConflict } from './plan-conflicts.js';

/**
 * What the office chose at the preview: corrections of units and hosts, and
 * the conflicts where the notice's value is to replace a decision (every
 * other decision is kept).
 */
export interface ImportChoices {
  corrections?: PlanCorrections | undefined;
  overrides?: ConflictOverride[] | undefined;
  /** The unit directory the import brings: its entries over the store's, as the commit will have them (plan-units.ts). */
  directory?: UnitDirectory | undefined;
}
export type { PlanCorrections } from './plan-corrections.js';

/** The file a plan was read from: its name and the SM3 of its bytes. */
export interface ImportSource {
  name: string;
  hash: string;
}

export const sourceOf = (name: string, bytes: Uint8Array): ImportSource => ({ name, hash: sm3(bytes) });

export interface ImportPreview {
  /** The plan as it would be stored: corrections applied, unit names canonical. */
  plan: Plan;
  /** The importer's warnings, with unknown units and unit groups without members judged against the directory. */
  warnings: Warning[];
  diff: ImportDiff;
}

export interface ImportResult {
  planId: number;
  /** The plan version in force after the import. */
  version: number;
  /** False when the import changed nothing (the same notice again). */
  created: boolean;
  diff: ImportDiff;
  title: string;
  /** Tasks in force after the import (removed ones not counted). */
  tasks: number;
}

interface Prepared {
  plan: Plan;
  header: PlanHeader;
  existing: { plan: StoredPlan; sections: StoredSection[]; headlineTargets: Plan['headlineTargets'] } | null;
  match: TaskMatch;
  diff: ImportDiff;
}

function checkSource(source: ImportSource): void {
  if (typeof source.name !== 'string' || source.name.trim() === '' || source.name.length > 255) {
    throw new PlanImportError('bad_plan', '缺少来源文件名');
  }
  if (typeof source.hash !== 'string' || !/^[0-9a-f]{64}$/.test(source.hash)) throw new PlanImportError('bad_plan', '来源文件的摘要格式不正确');
}

/** Everything a preview shows and a commit needs, read in a fixed number of queries. */
async function prepare(db: Tx, governmentId: number, raw: Plan, source: ImportSource, choices: ImportChoices = {}): Promise<Prepared> {
  const { corrections, overrides } = choices;
  checkSource(source);
  validatePlan(raw);
  const corrected = applyCorrections(raw, corrections);
  const known = await lookUpUnitNames(db, governmentId, lookupForms(unitNamesOf(corrected)));
  const plan = readPlanUnits(corrected, noticeDirectory(known, await hasUnits(db, governmentId), choices.directory));
  let header = planHeader(plan, source.name);
  const found = await findPlanFor(db, governmentId, header);
  // A conversion that lost the document number does not erase the stored one.
  if (found && header.docNumber === null) header = { ...header, docNumber: found.docNumber };
  const existing = found ? { plan: found, sections: await listSections(db, found.id), headlineTargets: await listHeadlineTargets(db, found.id) } : null;
  // Tasks handed down from above stand in the plan beside the notice's own: a revised notice neither removes nor matches them.
  const stored = found ? (await listTasks(db, governmentId, { planId: found.id, includeRemoved: true })).filter((t) => !t.source) : [];
  const read = matchTasks(stored, plan);
  const decided = read.changed
    .filter(({ fields }) => fields.includes('text') || fields.includes('deadline') || fields.includes('targets'))
    .map(({ stored }) => stored.id);
  const conflicts = findConflicts(read, await taskDecisions(db, governmentId, decided), overrides);
  const match = keepDecisions(read, conflicts);
  const diff: ImportDiff = {
    existingPlanId: found?.id ?? null,
    sameSource: found !== null && found.sourceHash === source.hash,
    plan: { fields: planFieldsChanged(existing, header, plan) },
    tasks: summarizeMatch(match),
    conflicts,
  };
  return { plan, header, existing, match, diff };
}

export const planImporter = {
  async preview(db: Tx, governmentId: number, plan: Plan, source: ImportSource, choices?: ImportChoices): Promise<ImportPreview> {
    const p = await prepare(db, governmentId, plan, source, choices);
    return { plan: p.plan, warnings: p.plan.warnings, diff: p.diff };
  },

  /**
   * Stores the plan. The same file again without corrections, or any file
   * whose content matches the version in force, writes nothing and returns
   * created: false. The caller's transaction makes it all or nothing.
   */
  async commit(trx: Tx, actor: Actor, plan: Plan, source: ImportSource, choices: ImportChoices = {}): Promise<ImportResult> {
    // One import of the government at a time: two imports of the same notice must not both create the plan.
    await lockForChange(trx, actor.governmentId);
    const p = await prepare(trx, actor.governmentId, plan, source, choices);
    const corrections = choices.corrections;
    const active = p.plan.tasks.length;
    if (p.existing && ((p.diff.sameSource && isEmptyCorrections(corrections)) || isEmptyDiff(p.diff))) {
      const unchanged = p.match.unchanged.length + p.match.changed.length + p.match.removed.length;
      const diff = { ...p.diff, plan: { fields: [] }, tasks: { added: [], changed: [], removed: [], unchanged } };
      return { planId: p.existing.plan.id, version: p.existing.plan.currentVersion, created: false, diff, title: p.existing.plan.title, tasks: unchanged };
    }
    // A revision of an archived plan waits until the office restores it.
    if (p.existing) await refuseIfArchived(trx, actor.governmentId, 'plan', p.existing.plan.id);
    const now = nowIso();
    const { planId, version } = await savePlan(trx, actor.governmentId, p, now);
    const sectionIds = await saveSections(trx, actor.governmentId, planId, p.plan.sections, p.existing?.sections ?? []);
    if (!p.existing || p.diff.plan.fields.includes('headlineTargets')) {
      await deleteHeadlineTargets(trx, planId);
      await insertTargets(trx, actor.governmentId, planId, [{ taskId: null, targets: p.plan.headlineTargets }]);
    }
    await writeTaskChanges(trx, { governmentId: actor.governmentId, planId, sectionIds }, p.match, now);
    const summary = versionSummary(p.diff);
    const versionRow = { number: version, sourceHash: source.hash, sourceName: source.name, importedBy: actor.userId, summary };
    await insertPlanVersion(trx, actor.governmentId, planId, versionRow, now);
    await auditImport(trx, actor, { planId, version, source, title: p.header.title, summary }, p);
    return { planId, version, created: true, diff: p.diff, title: p.header.title, tasks: active };
  },
};

async function savePlan(trx: Tx, governmentId: number, p: Prepared, now: string): Promise<{ planId: number; version: number }> {
  if (!p.existing) return { planId: await insertPlan(trx, governmentId, p.header, now), version: 1 };
  const version = p.existing.plan.currentVersion + 1;
  await updatePlan(trx, p.existing.plan, p.header, version, now);
  return { planId: p.existing.plan.id, version };
}

/** What plan_versions.summary and the audit row record: counts first, then the keys. */
function versionSummary(diff: ImportDiff): VersionSummary {
  const { added, changed, removed, unchanged } = diff.tasks;
  return {
    added: added.length,
    changed: changed.length,
    removed: removed.length,
    unchanged,
    planFields: diff.plan.fields,
    keys: { added, changed: changed.map((c) => c.key), removed },
  };
}

/**
 * One row for the import (plan.import or plan.revise) with the summary, and
 * one per task rewritten or removed with the before and after of what changed,
 * so that the history of a task reads from the audit log alone.
 */
async function auditImport(
  trx: Tx,
  actor: Actor,
  about: { planId: number; version: number; source: ImportSource; title: string; summary: ReturnType<typeof versionSummary> },
  p: Prepared,
): Promise<void> {
  await appendAudit(trx, actor, {
    action: about.version === 1 ? 'plan.import' : 'plan.revise',
    objectType: 'plan',
    objectId: about.planId,
    after: {
      title: about.title,
      version: about.version,
      source: about.source,
      ...about.summary,
      ...decisionsOf(p.diff.conflicts),
    },
  });
  for (const change of taskChanges(p.match)) await appendAudit(trx, actor, change);
}

/** The decisions the import kept and those it replaced by the notice's value, for the import's audit row. */
function decisionsOf(conflicts: readonly ImportConflict[]): object {
  if (conflicts.length === 0) return {};
  const entry = (c: ImportConflict) => ({ key: c.key, field: c.field, decision: c.decision, current: c.current, notice: c.notice });
  return { decisionsKept: conflicts.filter((c) => c.kept).map(entry), decisionsOverridden: conflicts.filter((c) => !c.kept).map(entry) };
}

/** The audit changes of the tasks an import rewrites, restores or removes. */
function taskChanges(match: TaskMatch): Change[] {
  const change = (action: string, stored: LedgerTask, before: object, after: object): Change => ({
    action,
    objectType: 'task',
    objectId: stored.id,
    before: { key: stored.key, ...before },
    after: { key: stored.key, ...after },
  });
  const pick = (content: TaskContent, fields: readonly TaskField[]): object => Object.fromEntries(fields.map((f) => [f, content[f]]));
  return [
    ...match.changed.map(({ task, stored, fields }) => change('task.revise', stored, pick(contentOfStored(stored), fields), pick(contentOfTask(task), fields))),
    ...match.added.flatMap(({ task, stored }) =>
      stored ? [change('task.restore', stored, { status: 'removed' }, { status: 'active', ...contentOfTask(task) })] : [],
    ),
    ...match.removed.map((stored) => change('task.remove', stored, { status: stored.status }, { status: 'removed' })),
  ];
}
