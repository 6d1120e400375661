/**
 * Archiving a plan (归档) and restoring it: an archived plan stays readable
 * (dashboard, ledger, tasks, reports, bulletins, assessment) and takes no
 * more work: no round opens for it, no reminder or order by rule is sent for
 * it, and every write to it, its tasks and what belongs to them is refused
 * (409 plan_archived) until the office restores it. A request that names no
 * plan means the newest plan not archived (plan.repository newestPlanRef).
 */
import { nowIso, type Tx } from '../../store/tx.js';
import { changing, type Clock } from '../../store/unit-of-work.js';
import { authorize, type AuthActor } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import { AppError, badRequest, notFound, versionConflict } from '../errors.js';
import { findPlanState, listPlans, planIdOf, setPlanArchive, type ListedPlan, type PlanOwned, type PlanState } from './plan.repository.js';

/** The refusal of a write to an archived plan, in the words a user reads. */
export function planArchivedError(plan: Pick<PlanState, 'id' | 'title'>): AppError {
  return new AppError(409, 'plan_archived', `分解方案“${plan.title}”已归档，只读，不能再修改；如需继续办理，请由政府办先恢复该方案`, { planId: plan.id });
}

/**
 * Refuses a write to an archived plan, or to a task or object of one (409
 * plan_archived). An object not found passes: the caller answers its 404.
 * Called inside the write's transaction, after the government's writers are
 * queued, so an archive and a write cannot cross.
 */
export async function refuseIfArchived(trx: Tx, governmentId: number, kind: PlanOwned, id: number): Promise<void> {
  const planId = await planIdOf(trx, kind, id);
  if (planId === undefined) return;
  const plan = await findPlanState(trx, governmentId, planId);
  if (plan?.archivedAt != null) throw planArchivedError(plan);
}

async function listed(db: Tx, governmentId: number, id: number): Promise<ListedPlan> {
  const plan = (await listPlans(db, governmentId)).find((p) => p.id === id);
  if (!plan) throw notFound('分解方案');
  return plan;
}

export interface ArchiveInput {
  /** The plan's version the office saw. */
  version: number;
  reason: string;
}

/** Archives the plan: read only from now on. 409 when it is archived already or its version moved. */
export function archivePlan(db: Tx, actor: AuthActor, id: number, input: ArchiveInput, clock?: Clock): Promise<ListedPlan> {
  authorize(actor, 'plan.configure', governmentSubject(actor.governmentId));
  const reason = input.reason.trim();
  if (reason === '') throw badRequest('归档分解方案须写明理由', 'reason_required');
  return changing(db, actor.governmentId, async (trx) => {
    const plan = await findPlanState(trx, actor.governmentId, id);
    if (!plan) throw notFound('分解方案');
    if (plan.version !== input.version) throw versionConflict(await listed(trx, actor.governmentId, id));
    if (plan.archivedAt !== null) throw new AppError(409, 'invalid_state', `分解方案“${plan.title}”已归档`, { planId: id });
    const now = nowIso(clock);
    const change = {
      action: 'plan.archive',
      objectType: 'plan',
      objectId: id,
      before: { version: plan.version, archived: false },
      after: { version: plan.version + 1, archived: true, reason },
    };
    const archive = { at: now, by: actor.userId ?? null, reason };
    if (!(await setPlanArchive(trx, plan, archive, now, { actor, change }))) throw versionConflict(await listed(trx, actor.governmentId, id));
    return listed(trx, actor.governmentId, id);
  });
}

/** Restores an archived plan to use. 409 when it is not archived or its version moved. */
export function restorePlan(db: Tx, actor: AuthActor, id: number, input: ArchiveInput, clock?: Clock): Promise<ListedPlan> {
  authorize(actor, 'plan.configure', governmentSubject(actor.governmentId));
  const reason = input.reason.trim();
  if (reason === '') throw badRequest('恢复分解方案须写明理由', 'reason_required');
  return changing(db, actor.governmentId, async (trx) => {
    const plan = await findPlanState(trx, actor.governmentId, id);
    if (!plan) throw notFound('分解方案');
    if (plan.version !== input.version) throw versionConflict(await listed(trx, actor.governmentId, id));
    if (plan.archivedAt === null) throw new AppError(409, 'invalid_state', `分解方案“${plan.title}”未归档，无需恢复`, { planId: id });
    const now = nowIso(clock);
    const change = {
      action: 'plan.restore',
      objectType: 'plan',
      objectId: id,
      before: { version: plan.version, archived: true, archivedAt: plan.archivedAt, archiveReason: plan.archiveReason },
      after: { version: plan.version + 1, archived: false, reason },
    };
    if (!(await setPlanArchive(trx, plan, null, now, { actor, change }))) throw versionConflict(await listed(trx, actor.governmentId, id));
    return listed(trx, actor.governmentId, id);
  });
}
