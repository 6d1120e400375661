/** Reading plans, and importing a notice through the one planImporter, behind the chokepoint. */
import type { Plan } from '../../domain/plan.js';
import { ImportError, importNotice, parseUnitDirectory, type NoticeConverter, type UnitDirectory } from '../../importer/index.js';
import type { Store } from '../../store/connection.js';
import type { Tx } from '../../store/tx.js';
import { changing } from '../../store/unit-of-work.js';
import { keepDashboard } from '../dashboard/dashboard.service.js';
import { authorize, type AuthActor } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import { listHeadlineTargets } from '../task/task-details.repository.js';
import type { StoredTarget } from '../task/task.model.js';
import { unitDirectoryImporter } from '../unit/unit-directory-importer.js';
import { profileFromNotice } from '../government/government.service.js';
import {
  planImporter,
  sourceOf,
  type ConflictOverride,
  type ImportPreview,
  type ImportResult,
  type ImportSource,
  type PlanCorrections,
} from './plan-importer.js';
import { AppError, notFound } from '../errors.js';
import { PlanImportError } from './plan.errors.js';
import { listPlans, listPlanVersions, listSections, type ListedPlan, type PlanVersion, type StoredSection } from './plan.repository.js';

export interface PlanDetail extends ListedPlan {
  sections: StoredSection[];
  headlineTargets: StoredTarget[];
  versions: PlanVersion[];
}

export async function plansOf(db: Tx, actor: AuthActor): Promise<ListedPlan[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  return listPlans(db, actor.governmentId);
}

export async function planDetail(db: Tx, actor: AuthActor, id: number): Promise<PlanDetail> {
  const plan = (await plansOf(db, actor)).find((p) => p.id === id);
  if (!plan) throw notFound('计划');
  const [sections, headlineTargets, versions] = [await listSections(db, id), await listHeadlineTargets(db, id), await listPlanVersions(db, id)];
  return { ...plan, sections, headlineTargets, versions };
}

export async function sectionsOf(db: Tx, actor: AuthActor, planId: number): Promise<StoredSection[]> {
  return (await planDetail(db, actor, planId)).sections;
}

export interface UploadedNotice {
  fileName: string;
  bytes: Uint8Array;
  /** A unit directory (JSON text) to resolve names with and store. */
  units?: string;
  corrections?: PlanCorrections;
  /** The conflicts where the notice's value replaces a decision (the others keep theirs). */
  overrides?: ConflictOverride[];
  /** Reads old Word/WPS/Excel files and scans (LibreOffice, tesseract); refused without it. */
  converter?: NoticeConverter;
}

async function parseUpload(upload: UploadedNotice): Promise<{ plan: Plan; directory: ReturnType<typeof parseUnitDirectory> | undefined }> {
  try {
    const directory = upload.units === undefined ? undefined : parseUnitDirectory(upload.units);
    const plan = await importNotice(upload.bytes, { ...(directory ? { directory } : {}), ...(upload.converter ? { converter: upload.converter } : {}) });
    return { plan, directory };
  } catch (err) {
    if (err instanceof ImportError) throw new AppError(400, err.code, err.message);
    throw err;
  }
}

function refused(err: unknown): never {
  if (err instanceof PlanImportError) throw new AppError(400, err.code, err.message);
  throw err;
}

/** Reads an uploaded notice and shows what a commit would do; writes nothing. */
export async function previewImport(db: Tx, actor: AuthActor, upload: UploadedNotice): Promise<ImportPreview> {
  authorize(actor, 'plan.import', governmentSubject(actor.governmentId));
  const { plan, directory } = await parseUpload(upload);
  const choices = { corrections: upload.corrections, overrides: upload.overrides, directory };
  return planImporter.preview(db, actor.governmentId, plan, sourceOf(upload.fileName, upload.bytes), choices).catch(refused);
}

/** A notice read by the importer, ready to store: the plan, its unit directory, where it came from. */
export interface ReadNotice {
  plan: Plan;
  directory?: UnitDirectory | undefined;
  source: ImportSource;
  corrections?: PlanCorrections;
  overrides?: ConflictOverride[];
}

/**
 * Stores a notice read by the importer (and its unit directory) in one
 * transaction: all or nothing. The route, the `luoshi import --commit`
 * command and the demo share it. PlanImportError and ImportError pass
 * through for the door to word.
 */
export function storeNotice(db: Tx, actor: AuthActor, notice: ReadNotice): Promise<ImportResult> {
  authorize(actor, 'plan.import', governmentSubject(actor.governmentId));
  return changing(db, actor.governmentId, async (trx) => {
    if (notice.directory) await unitDirectoryImporter.commit(trx, actor, notice.directory);
    const choices = { corrections: notice.corrections, overrides: notice.overrides, directory: notice.directory };
    const result = await planImporter.commit(trx, actor, notice.plan, notice.source, choices);
    // The government's profile read from the notice's issuer, until the office has set it (ADR 0023).
    if (result.created) await profileFromNotice(trx, actor, notice.plan);
    return result;
  });
}

/** Stores an uploaded notice (and its unit directory) in one transaction: all or nothing. */
export async function commitImport(store: Store, actor: AuthActor, upload: UploadedNotice): Promise<ImportResult> {
  authorize(actor, 'plan.import', governmentSubject(actor.governmentId));
  const { plan, directory } = await parseUpload(upload);
  const source = sourceOf(upload.fileName, upload.bytes);
  const choices = { ...(upload.corrections ? { corrections: upload.corrections } : {}), ...(upload.overrides ? { overrides: upload.overrides } : {}) };
  const result = await storeNotice(store.db, actor, { plan, directory, source, ...choices }).catch(refused);
  // The dashboard of a plan of any size is read, not evaluated, from its first request (ADR 0033).
  await keepDashboard(store.db, actor.governmentId);
  return result;
}
