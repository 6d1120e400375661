/**
 * A plan's supervision settings: read by anyone who reads the ledger (the
 * thresholds say how lights are decided, which is public), changed by the
 * office as a partial patch over what is stored, checked by the pure rules.
 */
import type { Static } from 'typebox';
import { planSettings, type PlanSettings, type PlanSettingsPatch } from '../../domain/settings.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { appendAudit } from '../audit/audit.repository.js';
import type { AuthActor } from '../auth/authorize.js';
import { authorize } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import { changing, type Clock } from '../../store/unit-of-work.js';
import { badRequest, notFound, versionConflict } from '../errors.js';
import { planExists } from '../round/round.repository.js';
import { loadPlanSettings, savePlanSettings } from './settings.repository.js';
import type { SettingsViewSchema } from './settings.schema.js';
import { refuseIfArchived } from '../plan/plan-archive.service.js';

export type SettingsView = Static<typeof SettingsViewSchema>;

export interface SettingsChange extends PlanSettingsPatch {
  /** The version read; 0 when none was stored yet. */
  version: number;
}

export async function getPlanSettings(db: Tx, actor: AuthActor, planId: number): Promise<SettingsView> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  if (!(await planExists(db, actor.governmentId, planId))) throw notFound('分解方案');
  const stored = await loadPlanSettings(db, actor.governmentId, planId);
  return { planId, version: stored.version, settings: stored.settings };
}

/** Applies the patch over the stored settings if they are still at `version`; 409 with the current ones otherwise. */
export async function changePlanSettings(db: Tx, actor: AuthActor, planId: number, change: SettingsChange, clock?: Clock): Promise<SettingsView> {
  authorize(actor, 'plan.configure', governmentSubject(actor.governmentId));
  const { version, ...patch } = change;
  return changing(db, actor.governmentId, async (trx) => {
    if (!(await planExists(trx, actor.governmentId, planId))) throw notFound('分解方案');
    await refuseIfArchived(trx, actor.governmentId, 'plan', planId);
    const stored = await loadPlanSettings(trx, actor.governmentId, planId);
    if (stored.version !== version) throw versionConflict({ planId, version: stored.version, settings: stored.settings });
    let next: PlanSettings;
    try {
      next = planSettings(patch, stored.settings);
    } catch (err) {
      if (err instanceof RangeError) throw badRequest(err.message, 'invalid_settings');
      throw err;
    }
    if (!(await savePlanSettings(trx, actor.governmentId, planId, next, version, actor.userId, nowIso(clock)))) {
      const current = await loadPlanSettings(trx, actor.governmentId, planId);
      throw versionConflict({ planId, version: current.version, settings: current.settings });
    }
    await appendAudit(
      trx,
      actor,
      {
        action: 'plan.configure',
        objectType: 'plan_settings',
        objectId: planId,
        before: { version, settings: stored.settings },
        after: { version: version + 1, patch },
      },
      clock,
    );
    return { planId, version: version + 1, settings: next };
  });
}
