/** The list of units: read by everyone, kept by the system administrator. */
import { nowIso, type Tx } from '../../store/tx.js';
import { changing } from '../../store/unit-of-work.js';
import { AppError, versionConflict } from '../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { authorize, type AuthActor } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import { UNIT_KINDS, unitKindOf, type Unit, type UnitKind } from './unit.model.js';
import { findAliases, findUnitsByName, insertUnit, listUnits, setAlias, updateUnitFields } from './unit.repository.js';

export async function unitsOf(db: Tx, actor: AuthActor): Promise<Unit[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  return listUnits(db, actor.governmentId);
}

export interface NewUnit {
  name: string;
  kind?: UnitKind;
  aliases?: string[];
}

export async function createUnit(db: Tx, actor: AuthActor, input: NewUnit, clock?: () => Date): Promise<Unit> {
  authorize(actor, 'unit.manage', governmentSubject(actor.governmentId));
  const name = input.name.trim();
  return changing(db, actor.governmentId, async (trx) => {
    if ((await findUnitsByName(trx, actor.governmentId, [name])).size > 0) throw new AppError(409, 'unit_exists', `单位“${name}”已存在`);
    const aliases = [...new Set((input.aliases ?? []).map((a) => a.trim()).filter((a) => a && a !== name))];
    const taken = await findAliases(trx, actor.governmentId, aliases);
    if (taken.size > 0) throw new AppError(409, 'alias_taken', `简称“${[...taken.keys()].join('、')}”已属于其他单位`);
    const id = await insertUnit(trx, actor.governmentId, name, input.kind ?? unitKindOf(name), nowIso(clock));
    for (const alias of aliases) await setAlias(trx, actor.governmentId, alias, id, undefined);
    await appendAudit(
      trx,
      actor,
      { action: 'unit.create', objectType: 'unit', objectId: id, after: { name, kind: input.kind ?? unitKindOf(name), aliases } },
      clock,
    );
    return mustFind(trx, actor.governmentId, id);
  });
}

export interface UnitPatch {
  version: number;
  name?: string;
  kind?: UnitKind;
}

export async function changeUnit(db: Tx, actor: AuthActor, id: number, patch: UnitPatch, clock?: () => Date): Promise<Unit> {
  authorize(actor, 'unit.manage', governmentSubject(actor.governmentId));
  return changing(db, actor.governmentId, async (trx) => {
    const before = await mustFind(trx, actor.governmentId, id);
    if (before.version !== patch.version) throw versionConflict(before);
    const fields = { name: patch.name?.trim() ?? before.name, kind: patch.kind ?? before.kind };
    if (fields.name !== before.name && (await findUnitsByName(trx, actor.governmentId, [fields.name])).size > 0) {
      throw new AppError(409, 'unit_exists', `单位“${fields.name}”已存在`);
    }
    // Lost a race: report the unit as the winner left it, not as this transaction first read it.
    const audit = {
      actor,
      change: { action: 'unit.update', objectType: 'unit', objectId: id, before: { name: before.name, kind: before.kind }, after: fields },
    };
    if (!(await updateUnitFields(trx, before, fields, nowIso(clock), audit))) throw versionConflict(await mustFind(trx, actor.governmentId, id));
    return mustFind(trx, actor.governmentId, id);
  });
}

async function mustFind(db: Tx, governmentId: number, id: number): Promise<Unit> {
  const unit = (await listUnits(db, governmentId)).find((u) => u.id === id);
  if (!unit) throw new AppError(404, 'not_found', '单位不存在');
  return unit;
}

export { UNIT_KINDS };
