/** A plan's supervision settings (plan_settings): read with the defaults filled in. Only this file touches the table. */
import { planSettings, type PlanSettings, type PlanSettingsPatch } from '../../domain/settings.js';
import type { Tx } from '../../store/tx.js';
import { updateAtVersion } from '../../store/versioned.js';

export interface StoredSettings {
  settings: PlanSettings;
  /** 0 while the plan uses the defaults (no row yet). */
  version: number;
}

/** The plan's settings; the defaults when none are stored. A stored document is merged over the defaults, so new keys get their defaults. */
export async function loadPlanSettings(db: Tx, governmentId: number, planId: number): Promise<StoredSettings> {
  const row = await db
    .selectFrom('plan_settings')
    .select(['settings', 'version'])
    .where('government_id', '=', governmentId)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  if (!row) return { settings: planSettings(), version: 0 };
  return { settings: planSettings(JSON.parse(row.settings) as PlanSettingsPatch), version: row.version };
}

/** Writes the settings if the stored version is still `version` (0: none stored yet); false when someone changed them first. */
export async function savePlanSettings(
  trx: Tx,
  governmentId: number,
  planId: number,
  settings: PlanSettings,
  version: number,
  userId: number | null,
  now: string,
): Promise<boolean> {
  const json = JSON.stringify(settings);
  if (version === 0) {
    const inserted = await trx
      .insertInto('plan_settings')
      .values({ government_id: governmentId, plan_id: planId, settings: json, updated_by: userId, updated_at: now })
      .onConflict((oc) => oc.column('plan_id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  return updateAtVersion(trx, 'plan_settings', { key: { government_id: governmentId, plan_id: planId }, version }, { settings: json, updated_by: userId }, now);
}
